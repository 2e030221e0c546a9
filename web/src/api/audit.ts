import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { AuditFilters, AuditPage, PlaceJournalPage } from './types';

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

/** A place's journal is read a page at a time: the number of entries per page. */
export const PLACE_JOURNAL_PAGE_SIZE = 50;

const placePath = (placeId: string) => `/places/${encodeURIComponent(placeId)}/journal`;

/** A place's own journal, for its admin: a page of it, newest first, narrowed by the filters. */
export function usePlaceJournal(placeId: string, filters: AuditFilters, page: number) {
  return useQuery({
    queryKey: keys.placeJournal(placeId, { ...filters, page }),
    queryFn: ({ signal }) =>
      api.get<PlaceJournalPage>(placePath(placeId), {
        signal,
        query: { ...filters, page, pageSize: PLACE_JOURNAL_PAGE_SIZE },
      }),
    placeholderData: (previous) => previous,
  });
}

/** The place's filtered journal as a CSV file, downloaded by a plain link with the session cookie. */
export function placeJournalCsvUrl(placeId: string, filters: AuditFilters): string {
  const query = new URLSearchParams(
    Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  ).toString();
  return `/api/v1${placePath(placeId)}.csv${query ? `?${query}` : ''}`;
}

/** What a check of the whole chain found: the last seal to keep elsewhere, the key that checks it. */
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

/**
 * A run of the check, on the server in the background (it reads every entry: minutes on
 * millions), one for the whole platform: whoever asks while it runs follows the same run.
 */
export interface AuditIntegrityCheck {
  id: string;
  state: 'running' | 'intact' | 'broken' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  checkedEntries: number;
  totalEntries: number;
  problem: string | null;
  result: AuditIntegrity | null;
}

const checkKey = (funderId: string, id: string | null) => [...keys.audit(funderId), 'integrity', id] as const;

/** Starts a run, or joins the one in progress; the page then follows it. */
export function useStartIntegrityCheck(funderId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<AuditIntegrityCheck>(`${path(funderId)}/integrity`),
    onSuccess: (run) => client.setQueryData(checkKey(funderId, run.id), run),
  });
}

/** A run, asked again every second while it runs. */
export function useIntegrityCheck(funderId: string, id: string | null) {
  return useQuery({
    queryKey: checkKey(funderId, id),
    enabled: id !== null,
    queryFn: ({ signal }) =>
      api.get<AuditIntegrityCheck>(`${path(funderId)}/integrity/${encodeURIComponent(id ?? '')}`, { signal }),
    refetchInterval: (q) => (q.state.data?.state === 'running' ? 1000 : false),
  });
}

/** The run in progress, to join when the page opens, and the last one that ended. */
export function useLatestIntegrityChecks(funderId: string) {
  return useQuery({
    queryKey: checkKey(funderId, 'latest'),
    queryFn: ({ signal }) =>
      api.get<{ running: AuditIntegrityCheck | null; lastFinished: AuditIntegrityCheck | null }>(
        `${path(funderId)}/integrity/latest`,
        { signal },
      ),
  });
}
