import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StatementStatus } from '../../../src/core/statement';
import type { StatementStanding } from '../../../src/core/statement-standing';
import type { StatementSort } from '../../../src/modules/statements/schemas';
import { api } from './client';

export type { StatementSort, StatementStatus };

export interface StatementSummary {
  id: string;
  funderId: string;
  /** the parties' names and SIRETs as they were when the statement was issued */
  funderName: string;
  funderSiret: string;
  programId: string;
  programName: string;
  placeId: string;
  placeName: string;
  placeSiret: string | null;
  number: string;
  /** 'YYYY-MM' */
  month: string;
  /** a place's final statement: its day of issue (YYYY-MM-DD), to which it runs from the 1st; null for a monthly one */
  finalOn: string | null;
  redemptionsCount: number;
  valueCents: number;
  adjustmentsCount: number;
  adjustmentsCents: number;
  totalCents: number;
  status: StatementStatus;
  /** the day the bank paid it, YYYY-MM-DD; null before */
  paidOn: string | null;
  /** when its transfer was booked for less than its amount: what came, what is to come */
  instalments: Instalments | null;
  /** below zero and netted into a transfer: the statements it was deducted from; null otherwise */
  deductedFrom: string[] | null;
  /** the bank refused the file that was to pay it (YYYY-MM-DD), while it waits for the next one */
  bankRefusedOn: string | null;
  /** in a payment run the funder has not sent yet: prepared or approved, the execution day asked */
  inRun: StatementStanding['inRun'];
  /** its latest contest: the place's reason, and the funder's answer once given */
  contest: Contest | null;
  createdAt: string;
  contestableUntil: string;
}

/** One step of a statement's life (GET /statements/{id}): issued, contested, answered, approved… */
export interface StatementEvent {
  /** 'issue', 'contest', 'answer', 'approve'… */
  event: string;
  status: string;
  /** the place's reason for a contest, the funder's words for an answer */
  reason: string | null;
  actorLabel: string | null;
  at: string;
}

/** One statement with its whole history, where the list gives only its latest contest. */
export interface Statement extends StatementSummary {
  events: StatementEvent[];
}

export interface Contest {
  reason: string | null;
  contestedBy: string | null;
  contestedAt: string;
  answer: string | null;
  answeredAt: string | null;
}

/** What the payments side knows of it: its transfer paid in part or sent back (core's rule reads it). */
export type Instalments = NonNullable<StatementStanding['instalments']>;

export interface StatementFilters {
  month?: string;
  status?: StatementStatus;
  placeId?: string;
  programId?: string;
}

/** A page of the funder's statements: its filters, and the order the server sorts them in. */
export interface StatementQuery extends StatementFilters {
  /** sorted by the server, the number breaking ties: the pages follow one another without repeat */
  sort: StatementSort;
  order: 'asc' | 'desc';
  page: number;
}

/** The latest first, the server's order when asked none. */
export const LATEST_STATEMENTS: StatementQuery = { sort: 'month', order: 'desc', page: 1 };

export const STATEMENTS_PAGE_SIZE = 50;

/** A page of the funder's statements, with how many its filters choose in all. */
export interface FunderStatementPage {
  statements: StatementSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PayableRow {
  placeId: string;
  placeName: string;
  programId: string;
  programName: string;
  owedCents: number;
  inStatementCents: number;
  approvedCents: number;
  sentCents: number;
  paidCents: number;
  /** left to pay of transfers the bank paid in part */
  remainderCents: number;
  /** remainders written off: never to be paid */
  writtenOffCents: number;
}

/** What a place is owed by one funder in one programme (`getPlacePayables`). */
export interface PlacePayableRow extends PayableRow {
  funderId: string;
  funderName: string;
  /** sessions on no statement yet, less cancellations of stated ones not yet adjusted */
  notStatedCents: number;
}

const statementKeys = {
  all: ['statements'] as const,
  place: (placeId: string) => ['statements', 'place', placeId] as const,
  one: (statementId: string) => ['statements', 'one', statementId] as const,
  funder: (funderId: string, f: StatementQuery) => ['statements', 'funder', funderId, f] as const,
  payables: (funderId: string, asOf: string) => ['statements', 'payables', funderId, asOf] as const,
};

/** Whom the place writes to at one of its funders about its statements (null: none given). */
export interface FunderContact {
  funderId: string;
  funderName: string;
  email: string | null;
  phone: string | null;
}

const placeStatements = (placeId: string, signal: AbortSignal) =>
  api.get<{ statements: StatementSummary[]; funderContacts: FunderContact[] }>(
    `/places/${encodeURIComponent(placeId)}/statements`,
    { signal },
  );

export function usePlaceStatements(placeId: string) {
  return useQuery({
    queryKey: statementKeys.place(placeId),
    queryFn: ({ signal }) => placeStatements(placeId, signal),
    select: (r) => r.statements,
  });
}

/** The place's statements with its funders' contacts for places (one request, as the list). */
export function usePlaceStatementsWithContacts(placeId: string) {
  return useQuery({
    queryKey: statementKeys.place(placeId),
    queryFn: ({ signal }) => placeStatements(placeId, signal),
  });
}

/**
 * A page of the funder's statements, filtered and sorted by the server: a national operator's
 * programme gives 5,000 a month, of which a page sorted here would be sorted alone.
 */
export function useFunderStatements(funderId: string, query: StatementQuery) {
  return useQuery({
    queryKey: statementKeys.funder(funderId, query),
    queryFn: ({ signal }) =>
      api.get<FunderStatementPage>(`/funders/${encodeURIComponent(funderId)}/statements`, {
        signal,
        query: { ...query, pageSize: STATEMENTS_PAGE_SIZE },
      }),
    // Another sort, filter or page shows the last one until it comes; another funder's, never.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[2] === funderId ? previous : undefined,
  });
}

/** What the place is owed, per funder and programme, at the end of `asOf`: under its statements' key, refreshed with them. */
export function usePlacePayables(placeId: string, asOf: string) {
  return useQuery({
    queryKey: [...statementKeys.place(placeId), 'payables', asOf] as const,
    queryFn: ({ signal }) =>
      api.get<{ asOf: string; rows: PlacePayableRow[] }>(`/places/${encodeURIComponent(placeId)}/payables`, {
        signal,
        query: { asOf },
      }),
  });
}

export function usePayables(funderId: string, asOf: string) {
  return useQuery({
    queryKey: statementKeys.payables(funderId, asOf),
    queryFn: ({ signal }) =>
      api.get<{ asOf: string; rows: PayableRow[] }>(`/funders/${encodeURIComponent(funderId)}/payables`, {
        signal,
        query: { asOf },
      }),
    select: (r) => r.rows,
  });
}

/**
 * One statement with its events (each contest, each answer…), read when its history is opened
 * (`enabled`): the lists carry the latest contest only.
 */
export function useStatement(statementId: string, enabled = true) {
  return useQuery({
    queryKey: statementKeys.one(statementId),
    queryFn: ({ signal }) => api.get<Statement>(`/statements/${encodeURIComponent(statementId)}`, { signal }),
    enabled,
  });
}

/**
 * The funder's admin issues the final statement of a place that stopped, for one programme:
 * everything not stated yet, now (`issueFinalStatement`).
 */
export function useIssueFinalStatement(funderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { placeId: string; programId: string }) =>
      api.post<StatementSummary>(`/funders/${encodeURIComponent(funderId)}/statements/final`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: statementKeys.all }),
  });
}

/** Contest (the place) or answer (the funder's admin), with a reason. */
export function useStatementStep(step: 'contest' | 'answer') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { statementId: string; reason: string }) =>
      api.post<StatementSummary>(`/statements/${encodeURIComponent(input.statementId)}/${step}`, {
        reason: input.reason,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: statementKeys.all }),
  });
}

/** A place's year for its accounts, per funder and programme (`getPlaceYear`). */
export interface PlaceYearRow {
  funderId: string;
  funderName: string;
  programId: string;
  programName: string;
  /** the year's sessions, less the cancellations made in it */
  redeemedCents: number;
  paidCents: number;
  writtenOffCents: number;
  /** owed at the year's end (today for the year in progress), of which stated, approved */
  owedCents: number;
  inStatementCents: number;
  approvedCents: number;
}

/** The place's year, under its statements' key: refreshed with them. */
export function usePlaceYear(placeId: string, year: number) {
  return useQuery({
    queryKey: [...statementKeys.place(placeId), 'year', year] as const,
    queryFn: ({ signal }) =>
      api.get<{ year: number; from: string; to: string; rows: PlaceYearRow[] }>(
        `/places/${encodeURIComponent(placeId)}/year`,
        { signal, query: { year } },
      ),
  });
}

/** The place's year as CSV, for its accountant (a plain link, like the statements' files). */
export const placeYearCsvUrl = (placeId: string, year: number) =>
  `/api/v1/places/${encodeURIComponent(placeId)}/year.csv?year=${year}`;

/** The files are downloaded by plain links, with the session cookie. */
export const statementFileUrl = (id: string, format: 'pdf' | 'csv') =>
  `/api/v1/statements/${encodeURIComponent(id)}/${format}`;

/**
 * Every statement the filters choose, in the list's order, as one CSV for the accounts (a plain
 * link, like the files): all its pages, not the one shown.
 */
export function statementListUrl(funderId: string, { page: _page, ...chosen }: StatementQuery) {
  const query = new URLSearchParams(
    Object.entries(chosen).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  ).toString();
  return `/api/v1/funders/${encodeURIComponent(funderId)}/statements.csv${query ? `?${query}` : ''}`;
}
