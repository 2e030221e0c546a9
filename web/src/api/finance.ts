import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { FinanceSummary, FundingInput, FundingResult } from './types';

/** Funded, activated and remaining value of a programme today, with its passes by status. */
export function useFinance(programId: string) {
  return useQuery({
    queryKey: keys.finance(programId),
    queryFn: ({ signal }) =>
      api.get<FinanceSummary>(`/programs/${encodeURIComponent(programId)}/finance`, { signal }),
  });
}

export function useRecordFunding(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FundingInput) =>
      api.post<FundingResult>(`/programs/${encodeURIComponent(programId)}/fundings`, input),
    // The answer carries the new summary: show it at once rather than asking again.
    onSuccess: ({ balances, passes }) =>
      queryClient.setQueryData<FinanceSummary>(keys.finance(programId), { balances, passes }),
  });
}
