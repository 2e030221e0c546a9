import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type {
  CancelledRedemption,
  PassCheck,
  PlaceActivity,
  RedeemInput,
  Redemption,
  RedemptionList,
} from './types';

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

/**
 * A page of the place's redemptions, newest first: `from` and `to` bound the days they were
 * recorded on (Paris time), as the API reads them; `before`, the previous page's `nextBefore`.
 * Under the list's key: a redemption or a cancellation refreshes every page of it.
 */
export function usePlaceRedemptions(
  placeId: string,
  page: { from?: string; to?: string; limit?: number; before?: number } = {},
  enabled = true,
) {
  const list = [...keys.placeRedemptions(placeId), 'list', page.from ?? '', page.to ?? '', page.limit ?? 0];
  return useQuery({
    queryKey: [...list, page.before ?? 0],
    queryFn: ({ signal }) =>
      api.get<RedemptionList>(`/places/${encodeURIComponent(placeId)}/redemptions`, { signal, query: page }),
    enabled,
    // Another page of the same list shows the last one until it comes; another list's, never.
    placeholderData: (previous, previousQuery) =>
      previousQuery && sameList(previousQuery.queryKey, list) ? previous : undefined,
  });
}

const sameList = (key: readonly unknown[], list: readonly unknown[]) =>
  key.length === list.length + 1 && list.every((part, i) => key[i] === part);

/** The place's sessions of a period by theme and by who recorded them, under its list's key. */
export function usePlaceActivity(placeId: string, from: string, to: string) {
  return useQuery({
    queryKey: [...keys.placeRedemptions(placeId), 'activity', from, to] as const,
    queryFn: ({ signal }) =>
      api.get<PlaceActivity>(`/places/${encodeURIComponent(placeId)}/activity`, {
        signal,
        query: { from, to },
      }),
  });
}

/** The place's sessions of a period, with who recorded each, as CSV (a plain link, with the session cookie). */
export const placeSessionsCsvUrl = (placeId: string, from: string, to: string) =>
  `/api/v1/places/${encodeURIComponent(placeId)}/redemptions.csv?from=${from}&to=${to}`;

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
