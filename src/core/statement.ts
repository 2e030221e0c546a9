import { addDays, businessDate, frenchDate, frenchMonth, parisStartOf } from './dates.js';

/**
 * A statement's life (issue 12): issued to the place, possibly contested by it (within
 * CONTEST_DAYS of issue, with a reason) and answered by the funder, approved, sent for payment,
 * paid. The database enforces the same table (statement_transition_allowed, migration 0033);
 * a test keeps the two in step.
 */
export const STATEMENT_STATUSES = ['issued', 'contested', 'approved', 'in_payment', 'paid'] as const;
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];

/** Each step, by its event name (statement_events.event): from, to. */
export const STATEMENT_TRANSITIONS = {
  contest: { from: 'issued', to: 'contested' },
  answer: { from: 'contested', to: 'issued' },
  approve: { from: 'issued', to: 'approved' },
  // The payment run holding it was cancelled before sending.
  unapprove: { from: 'approved', to: 'issued' },
  send: { from: 'approved', to: 'in_payment' },
  pay: { from: 'in_payment', to: 'paid' },
  // The bank sent back the transfer that paid it: in payment again, until a complement pays it.
  return: { from: 'paid', to: 'in_payment' },
} as const satisfies Record<string, { from: StatementStatus; to: StatementStatus }>;
export type StatementStep = keyof typeof STATEMENT_TRANSITIONS;

export function canMove(from: StatementStatus, step: StatementStep): boolean {
  return STATEMENT_TRANSITIONS[step].from === from;
}

/** The place may contest during this many days after the statement was issued. */
export const CONTEST_DAYS = 15;

/**
 * The last day the place may contest, in Europe/Paris: the CONTEST_DAYS-th day after the day of
 * issue. The e-mail says « jusqu’au … inclus » and the page « jusqu’au … »: the whole of that day
 * counts, not issue time + 15 × 24 h (which refused a contest on the last afternoon).
 */
export function contestLastDay(issuedAt: Date): string {
  return addDays(businessDate(issuedAt), CONTEST_DAYS);
}

/** The last instant a contest is taken: the end of contestLastDay in Paris (the service's rule, the page's date). */
export function contestableUntil(issuedAt: Date): Date {
  return new Date(parisStartOf(addDays(contestLastDay(issuedAt), 1)).getTime() - 1);
}

export const STATEMENT_STATUS_LABELS: Record<StatementStatus, string> = {
  issued: 'Émis',
  contested: 'Contesté',
  approved: 'Approuvé',
  in_payment: 'En paiement',
  paid: 'Payé',
};

/** The statement's number: the year of its month, then the funder's gapless sequence. */
export function statementNumber(month: string, sequence: number): string {
  return `${month.slice(0, 4)}-${String(sequence).padStart(6, '0')}`;
}

/** 'YYYY-MM' → the first day of that month, or null if it is not a month. */
export function monthStart(month: string): string | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  return m ? `${m[1]}-${m[2]}-01` : null;
}

/** The month before the day's month, as 'YYYY-MM'. */
export function previousMonth(day: string): string {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The first day after the month 'YYYY-MM': from then on, its statements may be issued. */
export function dayAfterMonth(month: string): string {
  return `${nextMonth(month)}-01`;
}

/** The month after 'YYYY-MM'. */
export function nextMonth(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * What a statement covers, as its document, the lists and its e-mail say it. A monthly
 * statement: its month (« novembre 2026 »). A place's final statement (`finalOn`, its day of
 * issue, 'YYYY-MM-DD'), issued during its month once the place stopped: from the first of that
 * month to that day (« du 1er au 15 décembre 2026 »), which the reader is told is final. Like a
 * monthly one, it also carries what earlier months left unstated (a session recorded late).
 */
export function statementPeriod(month: string, finalOn?: string | null): string {
  if (!finalOn) return frenchMonth(month);
  const day = Number(finalOn.slice(8, 10));
  return day === 1 ? `le ${frenchDate(finalOn)}` : `du 1er au ${day} ${frenchMonth(finalOn.slice(0, 7))}`;
}

/** The period as the lists and files write it in their « Mois » column: a final statement says so. */
export function statementPeriodLabel(s: { month: string; finalOn: string | null }): string {
  return s.finalOn ? `${statementPeriod(s.month, s.finalOn)} (relevé final)` : statementPeriod(s.month);
}
