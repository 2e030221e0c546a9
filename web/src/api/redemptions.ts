import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { CancelledRedemption, PassCheck, RedeemInput, Redemption } from './types';

/**
 * What this place may do with one pass, for a session given today or, with `sessionOn`, on an
 * earlier day (a late session, within the programme's tolerance after its usage end). `code` is canonical and already checked in the
 * browser (parsePassCode), so a typo never costs a request against the guessing limit.
 */
export function usePassCheck(placeId: string, code: string | null, sessionOn?: string) {
  return useQuery({
    queryKey: [...keys.passCheck(placeId, code ?? ''), sessionOn ?? ''],
    queryFn: ({ signal }) =>
      api.get<PassCheck>(`/passes/${encodeURIComponent(code ?? '')}`, {
        signal,
        query: sessionOn ? { placeId, sessionOn } : { placeId },
      }),
    enabled: code !== null,
    // A pass can be used at another desk at any moment: never show a remembered answer.
    staleTime: 0,
    gcTime: 0,
  });
}

export function usePlaceRedemptions(placeId: string) {
  return useQuery({
    queryKey: keys.placeRedemptions(placeId),
    queryFn: ({ signal }) =>
      api.get<{ redemptions: Redemption[] }>(`/places/${encodeURIComponent(placeId)}/redemptions`, {
        signal,
      }),
    select: (r) => r.redemptions,
  });
}

/** A redemption or a cancellation changes the list and what a check of that code says. */
function useInvalidatePlace(placeId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.placeRedemptions(placeId) }),
      queryClient.invalidateQueries({ queryKey: ['places', placeId, 'pass'] }),
    ]);
}

/**
 * Never retried automatically: the page retries only when the person asks, with the same
 * nonce, so a lost answer can never turn into a second redemption.
 */
export function useRedeem(placeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RedeemInput) => api.post<Redemption>('/redemptions', input),
    // Only the list: the page shows the confirmation itself and must not re-check the code under it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.placeRedemptions(placeId) }),
  });
}

export function useCancelRedemption(placeId: string) {
  const invalidate = useInvalidatePlace(placeId);
  return useMutation({
    mutationFn: (redemptionId: number) =>
      api.post<CancelledRedemption>(`/redemptions/${redemptionId}/cancel`),
    onSettled: invalidate,
  });
}
