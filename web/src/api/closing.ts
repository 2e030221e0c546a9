import { useQuery } from '@tanstack/react-query';
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
  asOf: string;
  usedCents: number;
  shares: CofunderShare[];
}

/** What each co-funder owes by its convention today, what it paid, and the balance. */
export function useCofunderShares(programId: string) {
  return useQuery({
    queryKey: [...keys.finance(programId), 'cofunder-shares'] as const,
    queryFn: ({ signal }) =>
      api.get<CofunderSharesReport>(`/programs/${enc(programId)}/cofunder-shares`, { signal }),
  });
}

/** The figures of every co-funder's share, as CSV (a native download). */
export function cofunderSharesCsvUrl(programId: string): string {
  return `/api/v1/programs/${enc(programId)}/cofunder-shares.csv`;
}

/** The call for funds to one co-funder, as PDF (a native download). */
export function callForFundsUrl(programId: string, cofunder: string): string {
  return `/api/v1/programs/${enc(programId)}/call-for-funds.pdf?cofunder=${enc(cofunder)}`;
}
