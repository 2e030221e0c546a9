import { z } from 'zod';
import { businessDate, frenchDate, isIsoDate } from '../../core/dates.js';
import { STATEMENT_STATUSES } from '../../core/statement.js';
import { sortQuery } from '../../http/list-sort.js';
import { multilineText } from '../../http/text-fields.js';
import { IsoDate } from '../programs/schemas.js';

export const StatementParams = z.object({ statementId: z.uuid() });

// Years from 1000: PostgreSQL has no year 0, which an unchecked 0000-01 reached (a 500).
const Month = z.string().regex(/^[1-9]\d{3}-(0[1-9]|1[0-2])$/, 'Mois attendu sous la forme AAAA-MM');

/** What a funder's statements are chosen by, in its list and its export. */
const StatementChoice = z.object({
  month: Month.optional(),
  placeId: z.uuid().optional(),
  programId: z.uuid().optional(),
  status: z.enum(STATEMENT_STATUSES).optional(),
});

/**
 * The columns a funder's statements are sorted by: the month (the latest first by default),
 * the number, the place's name as issued (French order, case and accents aside), the
 * programme's name, the total, the state (in the order of its life: issued, contested,
 * approved, in payment, paid). The number breaks ties in the same direction.
 */
export const STATEMENT_SORTS = ['month', 'number', 'place', 'program', 'total', 'status'] as const;
export type StatementSort = (typeof STATEMENT_SORTS)[number];

/** The most statements a page holds: what the list held whole before it was paged. */
export const STATEMENT_PAGE_MAX = 500;

/**
 * A page of a funder's statements, chosen and sorted. A client that asks for no page gets the
 * latest 500, as before the pages; `limit` is what it asked for fewer with.
 */
export const StatementFilters = StatementChoice.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(STATEMENT_PAGE_MAX)
    .optional()
    .meta({ description: 'Statements a page (500 by default and at most)' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(STATEMENT_PAGE_MAX)
    .optional()
    .meta({ description: 'The same as pageSize, for the clients written before the pages' }),
  ...sortQuery(STATEMENT_SORTS, 'month', 'desc'),
});

/** The export takes the list's filters and order, and gives every statement they choose. */
export const StatementExportQuery = StatementChoice.extend(sortQuery(STATEMENT_SORTS, 'month', 'desc'));

export const StatementSummary = z
  .object({
    id: z.uuid(),
    funderId: z.uuid(),
    /** the funder's and the place's names and SIRETs as they were when it was issued */
    funderName: z.string(),
    funderSiret: z.string(),
    programId: z.uuid(),
    programName: z.string(),
    placeId: z.uuid(),
    placeName: z.string(),
    /** null for a place recorded without a SIRET */
    placeSiret: z.string().nullable(),
    number: z.string(),
    /** 'YYYY-MM' */
    month: z.string(),
    /**
     * A place's final statement, issued on demand once it stopped: its day of issue
     * ('YYYY-MM-DD', Paris), its period running from the 1st of `month` to that day. Null for a
     * monthly statement, which covers its whole month.
     */
    finalOn: z.string().nullable(),
    redemptionsCount: z.number(),
    valueCents: z.number(),
    adjustmentsCount: z.number(),
    adjustmentsCents: z.number(),
    totalCents: z.number(),
    status: z.enum(STATEMENT_STATUSES),
    createdAt: z.date(),
    /** the last instant a contest is taken: the end, in Paris, of the 15th day after issue (core/statement.ts) */
    contestableUntil: z.date(),
    /** the day the bank paid it ('YYYY-MM-DD', from the payments' reconciliation), null before */
    paidOn: z.string().nullable(),
    /**
     * When the transfer paying it was booked for less than its amount (API 1.3.0), or sent back
     * by the bank (API 1.6.0): the transfer's amount (it may pay other statements of the place
     * too), what it and its complements paid and kept, what the funder wrote off and why, what
     * is still to come, and the latest return (its day and ISO reason). Null otherwise.
     */
    instalments: z
      .object({
        transferCents: z.number(),
        paidCents: z.number(),
        writtenOffCents: z.number(),
        writeOffReason: z.string().nullable(),
        remainderCents: z.number(),
        lastPaidOn: z.string().nullable(),
        returnedOn: z.string().nullable(),
        returnReason: z.string().nullable(),
        /** the rest waits for the place to record its bank account anew (sent back from it) */
        awaitingAccount: z.boolean(),
      })
      .nullable(),
    /**
     * For a statement below zero netted into a transfer (API 1.10.0): the numbers of the
     * statements whose payment, or rest written off, it was deducted from. Null otherwise, and
     * while it waits for the place's next statement.
     */
    deductedFrom: z.array(z.string()).nullable(),
    /**
     * The day ('YYYY-MM-DD', Paris) the bank refused the whole file of transfers that was to pay
     * it (API 1.14.0), while no later file is at the bank: approved, it waits for the next run.
     */
    bankRefusedOn: z.string().nullable(),
    /**
     * In a payment run the funder has not sent to its bank yet: prepared (to approve) or
     * approved (to send), with the execution day it asks for ('YYYY-MM-DD'). Null otherwise.
     */
    inRun: z.object({ runStatus: z.enum(['prepared', 'approved']), requestedOn: z.string() }).nullable(),
    /**
     * Its latest contest (API 1.4.0): the place's reason, who sent it and when, and the funder's
     * answer once given. Null for a statement never contested.
     */
    contest: z
      .object({
        reason: z.string().nullable(),
        contestedBy: z.string().nullable(),
        contestedAt: z.date(),
        answer: z.string().nullable(),
        answeredAt: z.date().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'StatementSummary' });

/** The place and programme of a final statement (the funder's on-demand statement of a place that stopped). */
export const FinalStatementBody = z.object({
  placeId: z.uuid(),
  programId: z.uuid(),
});

export const StatementList = z.object({
  statements: z.array(StatementSummary),
  truncated: z.boolean().meta({ description: 'More statements match than listed: narrow the filters' }),
});

/** A page of the funder's statements, with how many the filters choose in all. */
export const FunderStatementList = StatementList.extend({
  truncated: z.boolean().meta({ description: 'More statements match after this page' }),
  total: z.number().meta({ description: 'How many statements the filters choose, on every page' }),
  page: z.number(),
  pageSize: z.number(),
});

/**
 * The place's statements, with whom to write to at each of their funders about them (its
 * contact for places, null when it gave none): an approved statement is no longer contested
 * here, and the e-mails say not to reply.
 */
export const PlaceStatementList = StatementList.extend({
  funderContacts: z.array(
    z.object({
      funderId: z.uuid(),
      funderName: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
});

export const Statement = StatementSummary.extend({
  events: z.array(
    z.object({
      event: z.string(),
      status: z.string(),
      reason: z.string().nullable(),
      actorLabel: z.string().nullable(),
      at: z.date(),
    }),
  ),
}).meta({ id: 'Statement' });

/** A contest's reason or the funder's answer: several lines allowed, as people write lists. */
export const ReasonBody = z.object({
  reason: multilineText(2000, {
    missing: 'Écrivez le motif.',
    // The place's reason or the funder's answer: the same words fit both.
    tooLong: 'Ce texte tient en 2 000 caractères au plus.',
  }),
});

/**
 * The day figures are read as of (at its end): today, the business day in Europe/Paris, or
 * before. Figures as of a day to come would be a guess that reads like a record (the payables,
 * the co-funders' shares and their call for funds).
 */
export const SituationDate = IsoDate.refine((day) => !isIsoDate(day) || day <= businessDate(), {
  error: () =>
    `La date de situation ne peut pas être dans le futur (nous sommes le ${frenchDate(businessDate())}).`,
}).meta({ format: 'date', description: 'Today (Europe/Paris) or a past day; today by default.' });

export const PayablesQuery = z.object({
  asOf: SituationDate.optional(),
});

const PayableRow = z.object({
  placeId: z.uuid(),
  placeName: z.string(),
  programId: z.uuid(),
  programName: z.string(),
  owedCents: z.number(),
  inStatementCents: z.number(),
  /** Statements approved, or sent for payment, by then (the payments module moves them). */
  approvedCents: z.number(),
  sentCents: z.number(),
  paidCents: z.number(),
  /** left to pay of transfers the bank paid in part (sent, less what was paid of them) */
  remainderCents: z.number(),
  /** remainders the funder wrote off: never to be paid */
  writtenOffCents: z.number(),
});

export const Payables = z
  .object({
    asOf: z.string(),
    rows: z.array(PayableRow),
  })
  .meta({ id: 'Payables' });

/** What a place is owed by each funder it works for, per programme, at the end of today. */
export const PlacePayables = z
  .object({
    asOf: z.string(),
    rows: z.array(
      PayableRow.extend({
        funderId: z.uuid(),
        funderName: z.string(),
        /** sessions on no statement yet, less cancellations of stated ones not yet adjusted: what the next statements carry */
        notStatedCents: z.number(),
      }),
    ),
  })
  .meta({ id: 'PlacePayables' });

/**
 * A year of the place's accounts: from 2000 to the current one (the year in progress is read to
 * today; a year to come has no figures).
 */
export const PlaceYearQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000, { error: 'L’année commence à 2000.' })
    .refine((y) => y <= Number(businessDate().slice(0, 4)), {
      error: () =>
        `L’année ne peut pas être à venir (nous sommes en ${businessDate().slice(0, 4)}) : choisissez-la ou une passée.`,
    })
    .meta({ description: 'The calendar year, from 2000 to the current one' }),
});

/**
 * A place's year per funder and programme, for its accounts: its sessions of the year (net of
 * those cancelled in it), what was paid to it and written off in the year, and what it was owed
 * at the year's end (today for the year in progress), of which on statements and approved.
 */
export const PlaceYear = z
  .object({
    year: z.number(),
    /** the first day of the year and the day its end figures are read at ('YYYY-MM-DD') */
    from: z.string(),
    to: z.string(),
    rows: z.array(
      z.object({
        funderId: z.uuid(),
        funderName: z.string(),
        programId: z.uuid(),
        programName: z.string(),
        /** the value of the sessions recorded in the year, less the cancellations made in it */
        redeemedCents: z.number(),
        /** paid to the place in the year (recorded by the funder's bank reconciliation) */
        paidCents: z.number(),
        /** remainders the funder wrote off in the year: never to be paid */
        writtenOffCents: z.number(),
        /** owed to the place at the year's end, of which on a statement, of which approved (sent to the bank included) */
        owedCents: z.number(),
        inStatementCents: z.number(),
        approvedCents: z.number(),
      }),
    ),
  })
  .meta({ id: 'PlaceYear' });
