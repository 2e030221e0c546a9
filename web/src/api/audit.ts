import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { AuditPage } from './types';

const PAGE_SIZE = 50;

/**
 * A funder's audit trail, or the platform's (`null`: account events, which belong to no
 * funder), newest first, paged by keyset (`before` = last id seen).
 */
export function useAuditTrail(funderId: string | null) {
  return useInfiniteQuery({
    queryKey: funderId === null ? keys.platformAudit : keys.audit(funderId),
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditPage>(funderId === null ? '/audit' : `/funders/${encodeURIComponent(funderId)}/audit`, {
        signal,
        query: { before: pageParam, limit: PAGE_SIZE },
      }),
    getNextPageParam: (last) => last.nextBefore,
  });
}
