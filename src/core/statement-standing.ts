import { frenchDate } from './dates.js';
import { returnReasonLabel } from './sepa/return-reasons.js';
import { STATEMENT_STATUS_LABELS, type StatementStatus } from './statement.js';

/**
 * Where a statement stands, in the words its place reads on its list and on its PDF: one rule,
 * so that the two never disagree. What the payments side knows of it (a transfer paid in part
 * or sent back, a netting) comes with the statement (`instalments`, `deductedFrom`).
 */
export type StatementStanding = {
  status: StatementStatus;
  totalCents: number;
  /** the day the bank paid it, 'YYYY-MM-DD' */
  paidOn: string | null;
  instalments: {
    transferCents: number;
    paidCents: number;
    writtenOffCents: number;
    writeOffReason: string | null;
    remainderCents: number;
    lastPaidOn: string | null;
    returnedOn: string | null;
    returnReason: string | null;
    awaitingAccount: boolean;
  } | null;
  deductedFrom: string[] | null;
  /** the day the bank refused the file that was to pay it, while it waits for the next one */
  bankRefusedOn: string | null;
  /** in a payment run not sent to the bank yet: prepared or approved, and the day it asks for */
  inRun: { runStatus: 'prepared' | 'approved'; requestedOn: string } | null;
};

type Money = (cents: number) => string;

/** « du relevé A » or « des relevés A et B ». */
function ofStatements(numbers: string[]): string {
  if (numbers.length === 1) return `du relevé ${numbers[0]}`;
  return `des relevés ${numbers.slice(0, -1).join(', ')} et ${numbers.at(-1)}`;
}

/**
 * Its state in a few words. A statement below zero is never paid: the place owes back passes
 * cancelled after they were stated, deducted from what the funder pays it next for the
 * programme; read as « Payé » it would say the opposite.
 */
export function standingHeadline(s: StatementStanding): string {
  if (s.totalCents < 0 && s.deductedFrom) return `Déduit ${ofStatements(s.deductedFrom)}`;
  if (s.status === 'paid' && s.totalCents >= 0) return s.paidOn ? `Payé le ${frenchDate(s.paidOn)}` : 'Payé';
  if (s.totalCents >= 0 && s.instalments && s.instalments.paidCents > 0) return 'Payé en partie';
  // In payment still (approved and sent once), but nothing is at the bank: approved, to send again.
  if (s.status === 'in_payment' && s.bankRefusedOn) return STATEMENT_STATUS_LABELS.approved;
  return STATEMENT_STATUS_LABELS[s.status];
}

/** What follows the headline, when there is more to say: a deduction, or a transfer's instalments. */
export function standingDetails(s: StatementStanding, money: Money): string | null {
  if (s.totalCents < 0) return deduction(s, money);
  if (s.status === 'in_payment' && s.bankRefusedOn)
    return `La banque a refusé le ${frenchDate(s.bankRefusedOn)} le fichier de virements qui devait le payer : le financeur l’enverra dans un prochain lot.`;
  const i = s.instalments;
  if (!i) return waitingRun(s);
  const lastPaid = i.lastPaidOn ? ` (dernier versement le ${frenchDate(i.lastPaidOn)})` : '';
  return [
    i.returnedOn &&
      `Virement retourné par la banque le ${frenchDate(i.returnedOn)} (${returnReasonLabel(i.returnReason)})${returnNext(i)}.`,
    `Reçu : ${money(i.paidCents)} sur un virement de ${money(i.transferCents)}${lastPaid}.`,
    i.remainderCents > 0 && `Reste à venir : ${money(i.remainderCents)}.`,
    i.writtenOffCents > 0 &&
      `Non versé, sur décision du financeur : ${money(i.writtenOffCents)}${i.writeOffReason ? ` (« ${i.writeOffReason} »)` : ''}.`,
  ]
    .filter(Boolean)
    .join(' ');
}

/** Where its transfer is while the funder has not sent it: the place asks when it is paid. */
function waitingRun(s: StatementStanding): string | null {
  if (!s.inRun) return null;
  const day = frenchDate(s.inRun.requestedOn);
  return s.inRun.runStatus === 'prepared'
    ? `Virement en préparation chez le financeur, pour une exécution demandée le ${day} : il doit encore être approuvé, puis envoyé à la banque.`
    : `Virement approuvé, qui partira avec le prochain envoi du financeur à sa banque (exécution demandée le ${day}).`;
}

function deduction(s: StatementStanding, money: Money): string {
  const owed = money(-s.totalCents);
  if (!s.deductedFrom)
    return `Relevé négatif : ${owed} seront déduits de votre prochain versement pour ce dispositif.`;
  if (s.status === 'paid')
    return `${owed} retenus sur ce qui vous était dû, soldé${s.paidOn ? ` le ${frenchDate(s.paidOn)}` : ''}.`;
  return `${owed} retenus sur ${s.status === 'in_payment' ? 'le virement envoyé' : 'le prochain virement'}.`;
}

/** After a return: what the place must do first, or that a new transfer is on its way. */
function returnNext(i: NonNullable<StatementStanding['instalments']>): string {
  if (i.awaitingAccount)
    return ' : il sera versé de nouveau une fois le compte bancaire du lieu enregistré de nouveau (le même s’il est valable)';
  return i.remainderCents > 0 ? ' : un nouveau virement suivra' : '';
}
