import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { StatementSummary } from './statements';

/** A statement of last month as « Mes lieux » shows it: enough for where it stands. */
export type MyPlaceStatement = Pick<
  StatementSummary,
  | 'id'
  | 'number'
  | 'funderName'
  | 'programName'
  | 'totalCents'
  | 'status'
  | 'paidOn'
  | 'contestableUntil'
  | 'instalments'
  | 'deductedFrom'
  | 'bankRefusedOn'
  | 'inRun'
>;

/** One of the person's places (`getMyPlaces`), with the figures their role there reads. */
export interface MyPlace {
  placeId: string;
  name: string;
  commune: string | null;
  role: 'place_admin' | 'place_agent';
  /** what the place is owed today, every funder; null where the role does not read its statements */
  owedCents: number | null;
  owedBy: { funderId: string; funderName: string; owedCents: number }[] | null;
  statements: MyPlaceStatement[] | null;
  /** live sessions given this month */
  sessions: number;
  /** whether the place has recorded a bank account */
  bankAccount: boolean;
}

export interface MyPlaces {
  asOf: string;
  /** 'YYYY-MM': last month, whose statements are listed */
  statementsMonth: string;
  /** sessions are counted from this day to asOf */
  sessionsFrom: string;
  places: MyPlace[];
  statementsTruncated: boolean;
  totals: {
    places: number;
    owedCents: number;
    statements: number;
    statementsCents: number;
    sessions: number;
    withoutBankAccount: number;
  };
}

/** Every place where the signed-in person works, side by side (« Mes lieux »). */
export function useMyPlaces() {
  return useQuery({
    queryKey: ['my-places'] as const,
    queryFn: ({ signal }) => api.get<MyPlaces>('/places', { signal }),
  });
}
