import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import { useReplaceBooklet } from '../../api/passes';
import type { ReplacementResult } from '../../api/types';
import { renameFields } from '../../lib/apiFields';
import { formatDate } from '../../lib/format';
import { normalizeSerial, serialProblem } from '../../lib/serial';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../ui/form/useForm';
import { SuccessPanel } from '../../ui/SuccessPanel';

// The API's 'serial' is named 'replacementSerial' here: the hand-out form has a 'serial' field.
const EMPTY = { blockedSerial: '', replacementSerial: '' };
type Values = typeof EMPTY;

const LABELS: Record<keyof Values, string> = {
  blockedSerial: 'Numéro du carnet bloqué',
  replacementSerial: 'Numéro du nouveau carnet',
};

function validate(v: Values): FieldErrors {
  const e: FieldErrors = {};
  const blocked = serialProblem(v.blockedSerial, 'Indiquez le numéro du carnet bloqué.');
  if (blocked) e.blockedSerial = blocked;
  const replacement = serialProblem(v.replacementSerial, 'Indiquez le numéro du nouveau carnet.');
  if (replacement) e.replacementSerial = replacement;
  return e;
}

interface Props {
  organisationId: string;
  /** the booklet just blocked on this page, if any */
  blockedSerial: string;
  /** called once the replacement is handed out: the person's case is closed */
  onReplaced: () => void;
}

export function ReplacementForm({ organisationId, blockedSerial, onReplaced }: Props) {
  const form = useForm({ ...EMPTY, blockedSerial }, validate);
  const replace = useReplaceBooklet(organisationId);
  const [result, setResult] = useState<ReplacementResult | null>(null);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setResult(null);
    if (!form.check()) return;
    const input = {
      blockedSerial: normalizeSerial(form.values.blockedSerial),
      serial: normalizeSerial(form.values.replacementSerial),
    };
    replace.mutate(input, {
      onSuccess: (r) => {
        setResult(r);
        form.reset(EMPTY);
        onReplaced();
      },
      onError: (e) => form.showApiError(renameFields(e, { serial: 'replacementSerial' })),
    });
  };

  return (
    <>
      {result && (
        <SuccessPanel key={result.serial} as="h3" title="Carnet de remplacement remis">
          <p>
            Le carnet {result.serial} remplace le carnet {result.replacesSerial}. Ses pass sont valables du{' '}
            {formatDate(result.validFrom)} au {formatDate(result.validUntil)}.
          </p>
        </SuccessPanel>
      )}
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <p className={fr.cx('fr-text--sm')}>Tous les champs sont obligatoires.</p>
        <TextField
          name="blockedSerial"
          label={LABELS.blockedSerial}
          autoComplete="off"
          className="pn-narrow"
          required
          value={form.values.blockedSerial}
          onChange={form.set('blockedSerial')}
          error={form.errors.blockedSerial}
        />
        <TextField
          name="replacementSerial"
          label={LABELS.replacementSerial}
          hint="Un carnet de votre stock ; espaces et tirets facultatifs."
          autoComplete="off"
          className="pn-narrow"
          required
          value={form.values.replacementSerial}
          onChange={form.set('replacementSerial')}
          error={form.errors.replacementSerial}
        />
        <Button type="submit" disabled={replace.isPending}>
          Remplacer le carnet
        </Button>
      </form>
    </>
  );
}
