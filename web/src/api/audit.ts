import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { AuditFilters, AuditPage } from './types';

const PAGE_SIZE = 50;

const path = (funderId: string | null) =>
  funderId === null ? '/audit' : `/funders/${encodeURIComponent(funderId)}/audit`;

/**
 * A funder's audit trail, or the platform's (`null`: account events, which belong to no
 * funder), newest first, narrowed by the filters, paged by keyset (`before` = last id seen).
 */
export function useAuditTrail(funderId: string | null, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: [...(funderId === null ? keys.platformAudit : keys.audit(funderId)), filters],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditPage>(path(funderId), {
        signal,
        query: { ...filters, before: pageParam, limit: PAGE_SIZE },
      }),
    getNextPageParam: (last) => last.nextBefore,
  });
}

/** The filtered journal as a CSV file, downloaded by a plain link with the session cookie. */
export function auditCsvUrl(funderId: string | null, filters: AuditFilters): string {
  const query = new URLSearchParams(
    Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  ).toString();
  return `/api/v1${path(funderId)}.csv${query ? `?${query}` : ''}`;
}

/** The whole chain checked on demand (it reads every entry): what the server found, the last seal, the key. */
export interface AuditIntegrity {
  intact: boolean;
  checkedEntries: number;
  pendingEntries: number;
  brokenAtEntry: number | null;
  problem: string | null;
  seal: {
    seq: number;
    sealedAt: string;
    lastEntryId: number | null;
    lastHash: string;
    signature: string | null;
  } | null;
  publicKeyPem: string;
}

export function useCheckIntegrity(funderId: string) {
  return useMutation({
    mutationFn: () => api.get<AuditIntegrity>(`${path(funderId)}/integrity`),
  });
}
