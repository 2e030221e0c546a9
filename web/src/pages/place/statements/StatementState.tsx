import { fr } from '@codegouvfr/react-dsfr';
import { returnReasonLabel } from '../../../../../src/core/sepa/return-reasons';
import { STATEMENT_STATUS_LABELS } from '../../../../../src/core/statement';
import type { StatementSummary } from '../../../api/statements';
import { formatCents, formatDate, todayInParis } from '../../../lib/format';

/**
 * Where a statement stands, as its place and its funder read it: its status, the day it was
 * paid, and, when the bank paid its transfer in part or sent it back, what came, what is still
 * to come, and what the funder decided not to pay (with its reason); for a statement below
 * zero, what it is deducted from; its latest contest and the answer.
 */
export function StatementState({ statement: s }: { statement: StatementSummary }) {
  return (
    <>
      <Status statement={s} />
      {s.contest && <ContestNote statement={s} />}
    </>
  );
}

const dayOf = (iso: string) => formatDate(todayInParis(new Date(iso)));

/** What the place wrote when it contested, and what the funder answered: both read it here. */
function ContestNote({ statement: s }: { statement: StatementSummary }) {
  const c = s.contest!;
  return (
    <>
      <br />
      <span className={fr.cx('fr-text--sm')}>
        {`Contesté le ${dayOf(c.contestedAt)}${c.contestedBy ? ` par ${c.contestedBy}` : ''}${c.reason ? ` : « ${c.reason} »` : ''}.`}
        {c.answeredAt &&
          ` Réponse du financeur le ${dayOf(c.answeredAt)}${c.answer ? ` : « ${c.answer} »` : ''}.`}
      </span>
    </>
  );
}

/** After a return: what the place must do first, or that a new transfer is on its way. */
function returnNext(i: NonNullable<StatementSummary['instalments']>): string {
  if (i.awaitingAccount)
    return ' : il sera versé de nouveau une fois le compte bancaire du lieu enregistré de nouveau (le même s’il est valable)';
  return i.remainderCents > 0 ? ' : un nouveau virement suivra' : '';
}

/** « du relevé A » or « des relevés A et B ». */
function ofStatements(numbers: string[]): string {
  if (numbers.length === 1) return `du relevé ${numbers[0]}`;
  return `des relevés ${numbers.slice(0, -1).join(', ')} et ${numbers.at(-1)}`;
}

/**
 * A statement below zero is never paid: the place owes back a pass cancelled after it was
 * stated, and its value is deducted from what the funder pays it next for the programme. Read
 * as « Payé », or with its transfer's figures, it would say the opposite.
 */
function Deduction({ statement: s }: { statement: StatementSummary }) {
  const owed = formatCents(-s.totalCents);
  if (!s.deductedFrom)
    return (
      <>
        {STATEMENT_STATUS_LABELS[s.status]}
        <br />
        <span className={fr.cx('fr-text--sm')}>
          {`Relevé négatif : ${owed} seront déduits de votre prochain versement pour ce dispositif.`}
        </span>
      </>
    );
  const paidOn = s.paidOn ? ` le ${formatDate(s.paidOn)}` : '';
  return (
    <>
      {`Déduit ${ofStatements(s.deductedFrom)}`}
      <br />
      <span className={fr.cx('fr-text--sm')}>
        {s.status === 'paid'
          ? `${owed} retenus sur ce qui vous était dû, soldé${paidOn}.`
          : `${owed} retenus sur ${s.status === 'in_payment' ? 'le virement envoyé' : 'le prochain virement'}.`}
      </span>
    </>
  );
}

function Status({ statement: s }: { statement: StatementSummary }) {
  if (s.totalCents < 0) return <Deduction statement={s} />;
  const i = s.instalments;
  const paidOn = s.paidOn ? ` le ${formatDate(s.paidOn)}` : '';
  if (!i) return <span>{`${STATEMENT_STATUS_LABELS[s.status]}${paidOn}`}</span>;
  const lastPaid = i.lastPaidOn ? ` (dernier versement le ${formatDate(i.lastPaidOn)})` : '';
  const state =
    s.status === 'paid'
      ? `Payé${paidOn}`
      : i.paidCents > 0
        ? 'Payé en partie'
        : STATEMENT_STATUS_LABELS[s.status];
  return (
    <>
      {state}
      <br />
      <span className={fr.cx('fr-text--sm')}>
        {i.returnedOn &&
          `Virement retourné par la banque le ${formatDate(i.returnedOn)} (${returnReasonLabel(i.returnReason)})${returnNext(i)}. `}
        {`Reçu : ${formatCents(i.paidCents)} sur un virement de ${formatCents(i.transferCents)}${lastPaid}.`}
        {i.remainderCents > 0 && ` Reste à venir : ${formatCents(i.remainderCents)}.`}
        {i.writtenOffCents > 0 &&
          ` Non versé, sur décision du financeur : ${formatCents(i.writtenOffCents)}${i.writeOffReason ? ` (« ${i.writeOffReason} »)` : ''}.`}
      </span>
    </>
  );
}
