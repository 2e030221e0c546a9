/**
 * A programme (dispositif) is never stored as a mutable record: its state on a
 * date is the fold of its amendments effective on or before that date, starting
 * from the founding deliberation (the 'creation' amendment). Money is integer
 * cents, shares are basis points (10000 = 100 %), dates are 'YYYY-MM-DD'.
 */

import type { Audience, AudienceInput } from './audiences.js';

export type { Audience, AudienceInput } from './audiences.js';

export type ProgramStatus = 'draft' | 'active' | 'suspended' | 'closed';
export type BookletSize = 5 | 10;
export type BudgetLineKind = 'acquisition' | 'engineering' | 'other';

export interface BudgetLine {
  kind: BudgetLineKind;
  label: string;
  amountCents: number;
}

/**
 * A co-funder pays either a fixed amount or a share of the total: exactly one of the two.
 * `usedShareBps` is its convention's rule when the convention ties it to use: it owes that
 * share of the value of the passes used (the State: 50 % of the passes used), within its
 * part of the budget. Absent or null: it owes its part of the budget (core/cofunding.ts).
 */
export interface Cofunder {
  name: string;
  amountCents?: number;
  shareBps?: number;
  usedShareBps?: number | null;
}

/** Planned payments per budget year (phasage prévisionnel des paiements). */
export interface PhasingEntry {
  year: number;
  amountCents: number;
}

export interface Budget {
  lines: BudgetLine[];
  cofunders: Cofunder[];
  phasing: PhasingEntry[];
  /** Support engineering at most this share of the total (Pas-de-Calais: 10 %); null when unbounded. */
  engineeringCeilingBps: number | null;
}

export interface Calendar {
  distributionStart: string;
  distributionEnd: string;
  usageEnd: string;
  closure: string | null;
}

export interface ReportingDeadline {
  label: string;
  dueOn: string;
}

export interface ProgramState {
  name: string;
  faceValueCents: number;
  bookletSizes: BookletSize[];
  plannedPasses: number;
  audiences: Audience[];
  /**
   * Passes one person may receive from the programme in all (a replacement for a lost
   * booklet does not count); null: one booklet, whatever its size. Absent from
   * deliberations recorded before it existed, which read as null.
   */
  passesPerBeneficiary: number | null;
  calendar: Calendar;
  /**
   * Days after the usage end during which a place may still record a session it gave before
   * that end, with its real date (the tolerance period). Absent from deliberations recorded
   * before it existed, which read as 31 days.
   */
  lateSessionDays: number;
  reportingDeadlines: ReportingDeadline[];
  budget: Budget;
  status: ProgramStatus;
}

/** A full state as a request or an older creation gives it: bare audience codes, no allowance. */
export type ProgramStateInput = Omit<
  ProgramState,
  'audiences' | 'passesPerBeneficiary' | 'lateSessionDays'
> & {
  audiences: AudienceInput[];
  passesPerBeneficiary?: number | null;
  lateSessionDays?: number;
};

// What an amendment changes: any top-level field; calendar and budget merge key by key; arrays replace.
export type ProgramChanges = Partial<Omit<ProgramState, 'calendar' | 'budget' | 'audiences'>> & {
  audiences?: AudienceInput[];
  calendar?: Partial<Calendar>;
  budget?: Partial<Budget>;
};

/** The deliberation that decided an amendment; votes are null when the text does not give them. */
export interface LegalReference {
  body: string;
  number: string;
  decidedOn: string;
  votesFor: number | null;
  votesAgainst: number | null;
  abstentions: number | null;
  text: string;
}

/** The 'creation' amendment carries a full ProgramState as its changes; there is exactly one, the earliest. */
export interface Amendment {
  id: string;
  kind: 'creation' | 'amendment';
  effectiveOn: string;
  legal: LegalReference;
  changes: ProgramChanges;
  /** The amendment this one rectifies (a rectifying deliberation): that one no longer counts. */
  rectifies?: string | null;
}

/** A capped share of a programme's passes (a sub-territory, an experiment), effective from a date on. */
export interface Envelope {
  id: string;
  name: string;
  cap: number;
  effectiveOn: string;
  territory: { level: 'region' | 'departement' | 'epci' | 'commune'; code: string }[];
}
