import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CofunderShare } from '../../../src/core/cofunding';
import { api } from './client';
import { keys } from './keys';

const enc = encodeURIComponent;

export type { CofunderShare } from '../../../src/core/cofunding';

export interface CofunderSharesReport {
  programId: string;
  funderId: string;
  funderName: string;
  programName: string;
  /** the last day passes may be used: until then the shares of the used value may grow */
  usageEnd: string;
  asOf: string;
  /** the day `receivedCents` is read at (today, or `asOf` if later) */
  receivedAsOf: string;
  usedCents: number;
  shares: CofunderShare[];
}

/**
 * What each co-funder owes by its convention at the end of `asOf` (today when absent), what it
 * paid by today, and the balance.
 */
export function useCofunderShares(programId: string, asOf?: string) {
  return useQuery({
    queryKey: [...keys.finance(programId), 'cofunder-shares', asOf ?? null] as const,
    queryFn: ({ signal }) =>
      api.get<CofunderSharesReport>(`/programs/${enc(programId)}/cofunder-shares`, {
        signal,
        query: asOf ? { asOf } : {},
      }),
  });
}

const asOfParam = (asOf?: string) => (asOf ? `asOf=${enc(asOf)}` : '');

/** The figures of every co-funder's share, as CSV (a native download). */
export function cofunderSharesCsvUrl(programId: string, asOf?: string): string {
  const query = asOfParam(asOf);
  return `/api/v1/programs/${enc(programId)}/cofunder-shares.csv${query ? `?${query}` : ''}`;
}

/** The call for funds to one co-funder, as PDF (a native download). */
export function callForFundsUrl(programId: string, cofunder: string, asOf?: string): string {
  const query = asOfParam(asOf);
  return `/api/v1/programs/${enc(programId)}/call-for-funds.pdf?cofunder=${enc(cofunder)}${query ? `&${query}` : ''}`;
}

/** What the end step did with the passes never handed out: carried over, or refused and cancelled. */
export interface CarryOverOutcome {
  to: string;
  carriedOn: string;
  passes: number;
  activePasses: number;
  valueCents: number;
  refusal: string | null;
}

export interface ClosureSummary {
  programId: string;
  asOf: string;
  status: string;
  dates: {
    usageEnd: string;
    lateSessionDays: number;
    lastRecordingDay: string;
    finalStatementsOn: string;
    reminderDays: string[];
    prescriberReminderDays: string[];
  } | null;
  passes: {
    issued: number;
    used: number;
    expired: number;
    cancelled: number;
    outstanding: number;
    notActivated: number;
    carriedOut: number;
    carriedIn: number;
  };
  money: {
    fundedCents: number;
    usedCents: number;
    owedCents: number;
    paidCents: number;
    /** rests written off: used, never to be paid */
    writtenOffCents: number;
    expiredCents: number;
    cancelledCents: number;
    outstandingCents: number;
    unactivatedCents: number;
    carriedOutCents: number;
    carriedInCents: number;
  };
  carryOver: CarryOverOutcome | null;
  received: { from: string; carriedOn: string; passes: number; valueCents: number }[];
  byPayer: {
    payer: string;
    receivedCents: number;
    /** its part of the money never activated, in proportion to what it paid */
    neverActivatedCents: number;
    /** its share by its convention, for a co-funder tied to the passes used; else null */
    shareCents: number | null;
    /** beyond its share for a co-funder tied to use, else its part of the money never activated */
    toReturnCents: number;
  }[];
}

/** The programme's end: its dates, passes and money, and what each payer gets back. */
/** The closure summary, its money at the end of `asOf` (today when absent). */
export function useClosure(programId: string, asOf?: string) {
  return useQuery({
    queryKey: [...keys.finance(programId), 'closure', asOf ?? null] as const,
    queryFn: ({ signal }) =>
      api.get<ClosureSummary>(`/programs/${enc(programId)}/closure`, { signal, query: asOf ? { asOf } : {} }),
  });
}

export interface CarryOverView {
  programId: string;
  /** The day the end step carries the passes over (or cancels them): the day after the usage end. */
  stepOn: string | null;
  /** Whether the decision may still be taken or withdrawn. */
  open: boolean;
  target: { name: string } | null;
  decidedAt: string | null;
  /** `valueCents` is the value of the `activePasses` (funded); the others carry no money yet. */
  neverHandedOut: { passes: number; activePasses: number; valueCents: number };
  candidates: { name: string; usageEnd: string }[];
  done: CarryOverOutcome | null;
  /** passes never handed out that the end of usage cancelled, none carried over; 0 before it */
  cancelledAtEnd: number;
}

/** The carry-over of the passes never handed out: the choice in force, the choices, the outcome. */
export function useCarryOver(programId: string) {
  return useQuery({
    queryKey: [...keys.finance(programId), 'carry-over'] as const,
    queryFn: ({ signal }) => api.get<CarryOverView>(`/programs/${enc(programId)}/carry-over`, { signal }),
  });
}

/** Chooses the following programme by its name, or withdraws the choice (null). */
export function useDecideCarryOver(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (target: string | null) =>
      api.put<CarryOverView>(`/programs/${enc(programId)}/carry-over`, { target }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.finance(programId) }),
  });
}
