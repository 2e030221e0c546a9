import { fr } from '@codegouvfr/react-dsfr';
import { type FormEvent, useState } from 'react';
import { useTransfer } from '../../../api/passes';
import type { Organisation } from '../../../api/types';
import { ChoiceField } from '../../../ui/form/ChoiceField';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { TextField } from '../../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';
import { type Moved, MoveResult } from './MoveResult';
import { nameSerials, parseSerialList, serialListProblem } from './serialList';

// Field names are the API's, so its errors ('serials', 'toId') land on them as they are.
const EMPTY = { serials: '', toId: '' };
type Values = typeof EMPTY;

const LABELS: Record<keyof Values, string> = {
  serials: 'Numéros des carnets',
  toId: 'Destination',
};

/** The select's value for "back to the funder's stock", sent as toId null (never a uuid). */
const FUNDER_STOCK = 'stock-du-financeur';

function validate(v: Values): FieldErrors {
  const e: FieldErrors = {};
  const serials = serialListProblem(v.serials);
  if (serials) e.serials = serials;
  if (!v.toId) e.toId = 'Choisissez où déplacer les carnets.';
  return e;
}

export function MoveForm({ funderId, prescribers }: { funderId: string; prescribers: Organisation[] }) {
  const form = useForm(EMPTY, validate);
  const transfer = useTransfer(funderId);
  const [moved, setMoved] = useState<Moved | null>(null);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setMoved(null);
    if (!form.check()) return;
    const serials = parseSerialList(form.values.serials);
    const toId = form.values.toId === FUNDER_STOCK ? null : form.values.toId;
    const to =
      toId === null
        ? 'le stock du financeur'
        : (prescribers.find((p) => p.id === toId)?.name ?? 'le prescripteur choisi');
    transfer.mutate(
      { serials, toId },
      {
        onSuccess: (r) => {
          setMoved({ to, serials: r.serials });
          form.reset();
        },
        onError: (e) =>
          form.showApiError(nameSerials(e, serials), (err) =>
            // A refusal of listed serials names raw paths ('serials.3 (…)') in its detail: the
            // list below, where nameSerials put each serial, says it better.
            err.errors.some((i) => i.field === 'serials')
              ? 'Certains numéros de carnets sont refusés.'
              : undefined,
          ),
      },
    );
  };

  return (
    <>
      <MoveResult moved={moved} />
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>Tous les champs sont obligatoires.</p>
        <TextField
          name="serials"
          label={LABELS.serials}
          hint="Un numéro par ligne, ou séparés par des espaces ou des virgules. Tirets facultatifs."
          textArea
          rows={6}
          autoComplete="off"
          className="pn-narrow"
          required
          value={form.values.serials}
          onChange={form.set('serials')}
          error={form.errors.serials}
        />
        <ChoiceField
          name="toId"
          label={LABELS.toId}
          placeholder="Choisissez une destination"
          required
          options={[
            { value: FUNDER_STOCK, label: 'Retour au stock du financeur' },
            ...prescribers.map((p) => ({ value: p.id, label: p.name })),
          ]}
          value={form.values.toId}
          onChange={form.set('toId')}
          error={form.errors.toId}
          noun={['prescripteur', 'destinations']}
        />
        <SubmitButton pending={transfer.isPending}>Déplacer les carnets</SubmitButton>
      </form>
    </>
  );
}
