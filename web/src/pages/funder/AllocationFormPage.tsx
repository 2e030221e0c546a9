import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useAllocate, usePrescribers } from '../../api/passes';
import type { Organisation } from '../../api/types';
import { parseNonNegativeInt } from '../../lib/parse';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { SelectField } from '../../ui/form/SelectField';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../ui/form/useForm';
import { Loading } from '../../ui/Loading';
import { AllocationResult } from './allocation/AllocationResult';
import { ProgramFormFrame } from './ProgramFormFrame';

const TITLE = 'Confier des carnets à un prescripteur';

const EMPTY = { prescriberId: '', count: '' };
type Values = typeof EMPTY;

const LABELS: Record<keyof Values, string> = {
  prescriberId: 'Prescripteur',
  count: 'Nombre de carnets',
};

function validate(v: Values): FieldErrors {
  const e: FieldErrors = {};
  if (!v.prescriberId) e.prescriberId = 'Choisissez le prescripteur qui recevra les carnets.';
  const count = parseNonNegativeInt(v.count);
  if (!v.count.trim()) e.count = 'Indiquez le nombre de carnets à confier.';
  else if (!count.ok) e.count = count.error;
  else if (count.value < 1) e.count = 'Confiez au moins 1 carnet.';
  else if (count.value > 100_000) e.count = 'Au plus 100 000 carnets à la fois.';
  return e;
}

export function AllocationFormPage({ programId }: { programId: string }) {
  return (
    <ProgramFormFrame
      programId={programId}
      title={TITLE}
      crumb="Confier des carnets"
      intro="Les carnets sont pris dans le stock du financeur pour ce dispositif, les plus anciens d’abord. Le prescripteur les remet ensuite aux bénéficiaires."
    >
      {(p) => <Prescribers programId={programId} funderId={p.funderId} />}
    </ProgramFormFrame>
  );
}

function Prescribers({ programId, funderId }: { programId: string; funderId: string }) {
  const prescribers = usePrescribers(funderId);
  if (prescribers.isPending) return <Loading what="Chargement des prescripteurs…" />;
  if (prescribers.isError) {
    return (
      <Alert
        severity="warning"
        as="h2"
        title="Liste des prescripteurs indisponible"
        description="La liste des prescripteurs de ce financeur n’a pas pu être chargée : les carnets ne peuvent pas être confiés pour le moment."
      />
    );
  }
  if (prescribers.data.length === 0) {
    return <p>Aucun prescripteur n’est encore enregistré pour ce financeur.</p>;
  }
  return <AllocationForm programId={programId} prescribers={prescribers.data} />;
}

function AllocationForm({ programId, prescribers }: { programId: string; prescribers: Organisation[] }) {
  const form = useForm(EMPTY, validate);
  const allocate = useAllocate(programId);
  const [result, setResult] = useState<{ to: string; serials: string[] } | null>(null);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setResult(null);
    if (!form.check()) return;
    const count = parseNonNegativeInt(form.values.count);
    if (!count.ok) return; // already reported by check()
    const to = prescribers.find((p) => p.id === form.values.prescriberId)?.name ?? 'Prescripteur';
    allocate.mutate(
      { prescriberId: form.values.prescriberId, count: count.value },
      {
        onSuccess: ({ serials }) => {
          setResult({ to, serials });
          form.reset();
        },
        onError: (e) => form.showApiError(e),
      },
    );
  };

  return (
    <>
      {result && <AllocationResult key={result.serials[0]} to={result.to} serials={result.serials} />}
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>Tous les champs sont obligatoires.</p>
        <SelectField
          name="prescriberId"
          label={LABELS.prescriberId}
          placeholder="Choisissez un prescripteur"
          required
          options={prescribers.map((p) => ({ value: p.id, label: p.name }))}
          value={form.values.prescriberId}
          onChange={form.set('prescriberId')}
          error={form.errors.prescriberId}
        />
        <TextField
          name="count"
          label={LABELS.count}
          inputMode="numeric"
          className="pn-narrow"
          required
          autoComplete="off"
          value={form.values.count}
          onChange={form.set('count')}
          error={form.errors.count}
        />
        <div className="pn-actions">
          <Button type="submit" disabled={allocate.isPending}>
            Confier les carnets
          </Button>
          <Link to="/financeur/programmes/$programId" params={{ programId }} className={fr.cx('fr-link')}>
            Revenir au dispositif
          </Link>
        </div>
      </form>
    </>
  );
}
