import { fr } from '@codegouvfr/react-dsfr';
import { Link, useNavigate } from '@tanstack/react-router';
import type { FormEvent } from 'react';
import { useFunderSettings } from '../../api/funders';
import { useCreateEnvelope } from '../../api/programs';
import { isIsoDay } from '../../lib/format';
import { parseNonNegativeInt } from '../../lib/parse';
import { decodeTerritories, encodeTerritories, territoryRefs } from '../../lib/territory';
import { setFlash } from '../../ui/flash';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TerritoryPicker } from '../../ui/form/TerritoryPicker';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../ui/form/useForm';
import { ProgramFormFrame } from './ProgramFormFrame';

const TITLE = 'Ajouter une enveloppe';

const EMPTY = { name: '', cap: '', effectiveOn: '', territory: '' };
type Values = typeof EMPTY;

const LABELS: Record<keyof Values, string> = {
  name: 'Nom de l’enveloppe',
  cap: 'Plafond, en nombre de pass',
  effectiveOn: 'Date d’effet',
  territory: 'Territoire (facultatif)',
};

function validate(v: Values): FieldErrors {
  const e: FieldErrors = {};
  if (!v.name.trim()) e.name = 'Donnez un nom à l’enveloppe.';
  if (!v.cap.trim()) e.cap = 'Indiquez le plafond, en nombre de pass.';
  else {
    const r = parseNonNegativeInt(v.cap);
    if (!r.ok) e.cap = r.error;
    else if (r.value === 0) e.cap = 'Le plafond doit être d’au moins 1 pass.';
  }
  if (!v.effectiveOn) e.effectiveOn = 'Indiquez la date d’effet.';
  else if (!isIsoDay(v.effectiveOn)) e.effectiveOn = 'Saisissez une date valide (jj/mm/aaaa).';
  return e;
}

export function EnvelopeFormPage({ programId }: { programId: string }) {
  return (
    <ProgramFormFrame
      programId={programId}
      title={TITLE}
      crumb="Nouvelle enveloppe"
      intro="Une enveloppe réserve une part plafonnée des pass du dispositif à un territoire, une expérimentation ou un partenaire, à partir d’une date."
    >
      {(p) => <EnvelopeForm programId={programId} funderId={p.funderId} />}
    </ProgramFormFrame>
  );
}

function EnvelopeForm({ programId, funderId }: { programId: string; funderId: string }) {
  const form = useForm(EMPTY, validate);
  // Only what lies within the funder's territory is offered: « Brest » offered communes of the
  // Eure and the Haute-Saône to a Breton funder, refused once the form was sent.
  const territory = useFunderSettings(funderId).data?.territory.map(({ level, code }) => ({ level, code }));
  const create = useCreateEnvelope(programId);
  const navigate = useNavigate();

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    const v = form.values;
    const cap = parseNonNegativeInt(v.cap);
    if (!cap.ok) return; // already reported by check()
    create.mutate(
      {
        name: v.name.trim(),
        cap: cap.value,
        effectiveOn: v.effectiveOn,
        territory: territoryRefs(decodeTerritories(v.territory)),
      },
      {
        onSuccess: (envelope) => {
          setFlash(`L’enveloppe « ${envelope.name} » a été enregistrée.`);
          void navigate({ to: '/financeur/programmes/$programId', params: { programId } });
        },
        onError: (e) => form.showApiError(e),
      },
    );
  };

  return (
    <>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>Sauf mention contraire, tous les champs sont obligatoires.</p>
        <TextField
          name="name"
          label={LABELS.name}
          hint="Par exemple : Expérimentation lycées."
          required
          value={form.values.name}
          onChange={form.set('name')}
          error={form.errors.name}
        />
        <TextField
          name="cap"
          label={LABELS.cap}
          inputMode="numeric"
          className="pn-narrow"
          required
          value={form.values.cap}
          onChange={form.set('cap')}
          error={form.errors.cap}
        />
        <TextField
          name="effectiveOn"
          label={LABELS.effectiveOn}
          type="date"
          className="pn-narrow"
          required
          value={form.values.effectiveOn}
          onChange={form.set('effectiveOn')}
          error={form.errors.effectiveOn}
        />
        <TerritoryPicker
          name="territory"
          label={LABELS.territory}
          hint="Saisissez le début du nom d’une commune, d’un EPCI, d’un département ou d’une région de votre territoire, puis choisissez-le dans la liste. Laissez vide pour tout le territoire du dispositif."
          within={territory}
          value={decodeTerritories(form.values.territory)}
          onChange={(list) => form.set('territory')(encodeTerritories(list))}
          error={form.errors.territory}
        />
        <div className="pn-actions">
          <SubmitButton pending={create.isPending}>Enregistrer</SubmitButton>
          <Link to="/financeur/programmes/$programId" params={{ programId }} className={fr.cx('fr-link')}>
            Annuler et revenir au dispositif
          </Link>
        </div>
      </form>
    </>
  );
}
