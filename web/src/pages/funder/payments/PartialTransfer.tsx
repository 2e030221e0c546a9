import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import { type PaymentTransfer, useWriteOff } from '../../../api/payments';
import { formatCents } from '../../../lib/format';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { TextField } from '../../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';

type Values = { reason: string };

function validate(v: Values): FieldErrors {
  return v.reason.trim() ? {} : { reason: 'Dites pourquoi ce reste ne sera pas payé.' };
}

/**
 * A transfer the bank paid in part: what was paid of it, what is left (the next run pays it by
 * a complement) or written off; an admin may write the rest off, with a reason.
 */
export function PartialTransfer({
  funderId,
  transfer: t,
  admin,
}: {
  funderId: string;
  transfer: PaymentTransfer;
  admin: boolean;
}) {
  const [open, setOpen] = useState(false);
  const form = useForm<Values>({ reason: '' }, validate);
  const writeOff = useWriteOff(funderId);
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    writeOff.mutate(
      { transferId: t.id, reason: form.values.reason.trim() },
      { onSuccess: () => setOpen(false), onError: (e) => form.showApiError(e) },
    );
  };
  const label = `Motif du passage en perte du reste (${formatCents(t.writeOffCents)})`;
  return (
    <>
      {' '}
      : {formatCents(t.paidCents ?? 0)} sur {formatCents(t.amountCents)}
      {t.remainderCents > 0 && (
        <>
          <br />
          <span className={fr.cx('fr-text--sm')}>
            Reste {formatCents(t.remainderCents)}, complété par le prochain lot
            {t.writeOffCents !== t.remainderCents &&
              (t.writeOffCents > 0
                ? ` ; net des relevés émis depuis qui déduisent des pass annulés : ${formatCents(t.writeOffCents)}`
                : ' ; compensé par des relevés émis depuis qui déduisent des pass annulés : il attend les prochains relevés du lieu')}
          </span>
        </>
      )}
      {t.writtenOffCents > 0 && (
        <>
          <br />
          <span className={fr.cx('fr-text--sm')}>
            Reste passé en perte : {formatCents(t.writtenOffCents)}
          </span>
        </>
      )}
      {admin && t.writeOffCents > 0 && !open && (
        <>
          <br />
          <button
            type="button"
            className={fr.cx('fr-btn', 'fr-btn--sm', 'fr-btn--tertiary')}
            onClick={() => setOpen(true)}
          >
            Passer le reste en perte<span className={fr.cx('fr-sr-only')}> du virement {t.endToEndId}</span>
          </button>
        </>
      )}
      {open && (
        <>
          <ErrorSummary problem={form.problem} attempt={form.attempt} labels={{ reason: label }} />
          <form onSubmit={onSubmit} noValidate>
            <TextField
              name="reason"
              label={label}
              textArea
              rows={2}
              required
              value={form.values.reason}
              onChange={form.set('reason')}
              error={form.errors.reason}
            />
            <Button type="submit" size="small" disabled={writeOff.isPending}>
              Passer en perte
            </Button>{' '}
            <Button type="button" size="small" priority="secondary" onClick={() => setOpen(false)}>
              Annuler
            </Button>
          </form>
        </>
      )}
    </>
  );
}
