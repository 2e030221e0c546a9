import { fr } from '@codegouvfr/react-dsfr';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../api/client';
import { useReplaceBooklet } from '../../api/passes';
import type { ReplacementResult } from '../../api/types';
import { renameFields } from '../../lib/apiFields';
import { formatDate } from '../../lib/format';
import { normalizeSerial, serialProblem } from '../../lib/serial';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../ui/form/useForm';
import { PassCode } from '../../ui/pass/PassCode';
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
  // The booklet chosen has more passes than were lost: how many its confirmation would cancel.
  const [surplus, setSurplus] = useState<number | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const unconfirm = () => {
    setSurplus(null);
    setConfirmed(false);
  };

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setResult(null);
    if (!form.check()) return;
    const input = {
      blockedSerial: normalizeSerial(form.values.blockedSerial),
      serial: normalizeSerial(form.values.replacementSerial),
      ...(surplus !== null && confirmed ? { confirmSurplus: true } : {}),
    };
    replace.mutate(input, {
      onSuccess: (r) => {
        setResult(r);
        form.reset(EMPTY);
        unconfirm();
        onReplaced();
      },
      onError: (e) => {
        const offered =
          isApiError(e) && e.code === 'replacement_exceeds_loss' ? e.problem.surplus : undefined;
        setSurplus(typeof offered === 'number' ? offered : null);
        setConfirmed(false);
        form.showApiError(renameFields(e, { serial: 'replacementSerial' }));
      },
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
          {result.cancelledCodes.length > 0 && (
            <>
              <p>
                <strong>
                  {result.cancelledCodes.length === 1
                    ? 'Barrez ce pass avant de remettre le carnet : il est annulé.'
                    : `Barrez ces ${result.cancelledCodes.length} pass avant de remettre le carnet : ils sont annulés.`}
                </strong>
              </p>
              <ul data-testid="struck-passes">
                {result.cancelledCodes.map((code) => (
                  <li key={code}>
                    <PassCode code={code} />
                  </li>
                ))}
              </ul>
            </>
          )}
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
          onChange={(v) => {
            unconfirm();
            form.set('replacementSerial')(v);
          }}
          error={form.errors.replacementSerial}
        />
        {surplus !== null && (
          <Checkbox
            options={[
              {
                label:
                  surplus === 1
                    ? 'Je remets ce carnet et je barre son dernier pass, qui sera annulé'
                    : `Je remets ce carnet et je barre ses ${surplus} derniers pass, qui seront annulés`,
                nativeInputProps: {
                  name: 'confirmSurplus',
                  checked: confirmed,
                  onChange: (e) => setConfirmed(e.target.checked),
                },
              },
            ]}
          />
        )}
        <SubmitButton pending={replace.isPending}>Remplacer le carnet</SubmitButton>
      </form>
    </>
  );
}
