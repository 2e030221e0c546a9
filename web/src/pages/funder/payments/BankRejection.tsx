import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import { type PaymentRun, useRejectRun } from '../../../api/payments';
import { formatDateTimeParis } from '../../../lib/format';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { TextField } from '../../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';
import { OpenedForm } from '../../../ui/OpenedForm';

type Values = { reason: string };

const LABEL = 'Motif du refus donné par la banque';

function validate(v: Values): FieldErrors {
  return v.reason.trim()
    ? {}
    : { reason: 'Dites pourquoi la banque a refusé le fichier, comme l’indique son compte rendu de rejet.' };
}

/** The bank may still refuse the run's file: it was sent, and none of its transfers was booked. */
export const mayRecordRejection = (run: PaymentRun) =>
  run.status === 'sent' && run.transfers.every((t) => t.status === 'sent');

/**
 * « La banque a refusé le fichier »: the bank turned down the run's whole file (its rejection
 * report: wrong format, debtor account blocked, cut-off missed). A funder admin records it with
 * the bank's reason; the run is then « Refusé par la banque » and its statements are to pay
 * again, in a new run. The form opens below the run's transfers, its heading taking the focus
 * (OpenedForm); once recorded, the focus goes to the run's heading (`headingId`) and the status
 * message says what follows.
 */
export function BankRejection({
  funderId,
  run,
  headingId,
}: {
  funderId: string;
  run: PaymentRun;
  headingId: string;
}) {
  const [open, setOpen] = useState(false);
  const [recorded, setRecorded] = useState(false);
  const form = useForm<Values>({ reason: '' }, validate);
  const reject = useRejectRun(funderId);
  const buttonId = `refus-banque-${run.id}`;
  const may = mayRecordRejection(run);
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    reject.mutate(
      { runId: run.id, reason: form.values.reason.trim() },
      {
        onSuccess: () => {
          setOpen(false);
          setRecorded(true);
          form.reset();
          // The button is gone with the run's state: the focus goes to the run's heading, and
          // the live region below reads the outcome.
          document.getElementById(headingId)?.focus();
        },
        onError: (e) => form.showApiError(e),
      },
    );
  };
  const close = () => {
    setOpen(false);
    form.reset();
    // Back to the button that opened the form, drawn again once it is closed.
    requestAnimationFrame(() => document.getElementById(buttonId)?.focus());
  };
  return (
    <>
      {may && !open && (
        <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
          <Button
            type="button"
            priority="tertiary"
            nativeButtonProps={{ id: buttonId }}
            onClick={() => setOpen(true)}
          >
            La banque a refusé le fichier
            <span className={fr.cx('fr-sr-only')}> du lot du {formatDateTimeParis(run.preparedAt)}</span>
          </Button>
        </div>
      )}
      {may && open && (
        <OpenedForm
          id={`${buttonId}-titre`}
          level={3}
          title={`Refus du fichier par la banque : lot du ${formatDateTimeParis(run.preparedAt)}`}
        >
          <p className={fr.cx('fr-text--sm')}>
            La banque a rejeté le fichier entier, sans passer aucun de ses virements (son compte rendu de
            rejet le dit). Le lot sera « Refusé par la banque », et ses relevés seront de nouveau à payer :
            préparez ensuite un nouveau lot.
          </p>
          <ErrorSummary problem={form.problem} attempt={form.attempt} labels={{ reason: LABEL }} />
          <form onSubmit={onSubmit} noValidate>
            <TextField
              name="reason"
              label={LABEL}
              hint="Par exemple : compte débiteur bloqué, fichier mal formé, heure limite de remise dépassée."
              textArea
              rows={2}
              required
              value={form.values.reason}
              onChange={form.set('reason')}
              error={form.errors.reason}
            />
            <SubmitButton pending={reject.isPending}>Enregistrer le refus</SubmitButton>{' '}
            <Button type="button" priority="secondary" onClick={close}>
              Annuler
            </Button>
          </form>
        </OpenedForm>
      )}
      <div role="status">
        {recorded && run.status === 'rejected' && (
          // The live region is the div, there before the message: no second one inside it.
          <Alert
            role={undefined}
            severity="success"
            small
            className={fr.cx('fr-mt-2w')}
            description="Refus de la banque enregistré : les relevés de ce lot sont de nouveau à payer. Préparez un nouveau lot pour les envoyer."
          />
        )}
      </div>
    </>
  );
}
