import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isIsoDay } from '../lib/format';
import { api } from './client';
import { keys } from './keys';
import type { FinanceSummary, FundingInput, FundingResult, Payer, ReversalResult } from './types';

const enc = encodeURIComponent;

/** Funded, activated and remaining value of a programme today, with its passes by status. */
export function useFinance(programId: string) {
  return useQuery({
    queryKey: keys.finance(programId),
    queryFn: ({ signal }) => api.get<FinanceSummary>(`/programs/${enc(programId)}/finance`, { signal }),
  });
}

/** Who may pay into the programme on a date (its funder and co-funders then), with share and paid. */
export function usePayers(programId: string, on: string) {
  return useQuery({
    queryKey: [...keys.finance(programId), 'payers', { on }] as const,
    queryFn: ({ signal }) =>
      api.get<Payer[]>(`/programs/${enc(programId)}/payers`, { signal, query: { asOf: on } }),
    // Not while the year is being typed (0002-10-01 on the way to 2026-10-01): 422s for nothing.
    enabled: isIsoDay(on) && on >= '2000-01-01',
    placeholderData: (previous) => previous,
  });
}

export function useRecordFunding(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FundingInput) =>
      api.post<FundingResult>(`/programs/${enc(programId)}/fundings`, input),
    // The answer carries the new summary: show it at once, and let the payers' totals refresh.
    onSuccess: ({ balances, passes, fundings }) => {
      queryClient.setQueryData<FinanceSummary>(keys.finance(programId), { balances, passes, fundings });
      void queryClient.invalidateQueries({ queryKey: [...keys.finance(programId), 'payers'] });
    },
  });
}

/** Cancels a funding recorded wrongly, by a reversing entry with its reason. */
export function useReverseFunding(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ fundingId, reason }: { fundingId: string; reason: string }) =>
      api.post<ReversalResult>(`/programs/${enc(programId)}/fundings/${enc(fundingId)}/reversal`, { reason }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.finance(programId) }),
  });
}
