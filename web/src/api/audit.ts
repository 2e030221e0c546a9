import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { AuditPage } from './types';

const PAGE_SIZE = 50;

/** The funder's audit trail, newest first, paged by keyset (`before` = last id seen). */
export function useAuditTrail(funderId: string) {
  return useInfiniteQuery({
    queryKey: keys.audit(funderId),
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditPage>(`/funders/${encodeURIComponent(funderId)}/audit`, {
        signal,
        query: { before: pageParam, limit: PAGE_SIZE },
      }),
    getNextPageParam: (last) => last.nextBefore,
  });
}
