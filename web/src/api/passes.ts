import { type QueryClient, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type {
  Allocated,
  AllocationInput,
  BlockReason,
  BlockResult,
  BookletList,
  BookletMovement,
  BookletSort,
  BookletStatus,
  HandedOutList,
  HandedOutLookupInput,
  HandedOutLookupResult,
  HandedOutSort,
  HandOutInput,
  HandOutResult,
  HelpdeskPass,
  IssueInput,
  IssueResult,
  Organisation,
  PassStory,
  ProgramIssue,
  ReplacementInput,
  ReplacementResult,
  SerialList,
  Stock,
  TransferInput,
} from './types';

const enc = encodeURIComponent;

export function useIssue(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: IssueInput) => api.post<IssueResult>(`/programs/${enc(programId)}/issues`, input),
    // New passes change the counts by status, and may have been activated by money on account;
    // the new issue joins the programme's list.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.finance(programId) }),
        queryClient.invalidateQueries({ queryKey: keys.programIssues(programId) }),
      ]),
  });
}

/** The programme's issues, latest first, each with its printer's file (funder admins). */
export function useProgramIssues(programId: string) {
  return useQuery({
    queryKey: keys.programIssues(programId),
    queryFn: () => api.get<ProgramIssue[]>(`/programs/${enc(programId)}/issues`),
  });
}

/**
 * The printer's file is downloaded by a plain link, not fetched: the browser saves it with
 * the session cookie (a GET needs no CSRF token). Same base path as api/client.ts.
 */
export function issueCodesUrl(programId: string, batchId: string): string {
  return `/api/v1/programs/${enc(programId)}/issues/${enc(batchId)}/codes.csv`;
}

/** The funder's prescriber organisations, to choose whom to hand booklets to. */
export function usePrescribers(funderId: string) {
  return useQuery({
    queryKey: keys.organisations(funderId, 'prescriber'),
    queryFn: ({ signal }) =>
      api.get<Organisation[]>(`/funders/${enc(funderId)}/organisations`, {
        signal,
        query: { kind: 'prescriber' },
      }),
  });
}

export function useAllocate(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AllocationInput) =>
      api.post<Allocated>(`/programs/${enc(programId)}/allocations`, input),
    onSuccess: (_, input) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.stock(input.prescriberId) }),
        queryClient.invalidateQueries({ queryKey: keys.program(programId) }),
      ]),
  });
}

/** Moves allocated booklets to another prescriber, or back to the funder's stock (toId null). */
export function useTransfer(funderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TransferInput) => api.post<SerialList>(`/funders/${enc(funderId)}/transfers`, input),
    // The booklets left stocks the page does not know of, and each history gained a line.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.stocks }),
        queryClient.invalidateQueries({ queryKey: keys.booklets(funderId) }),
        queryClient.invalidateQueries({ queryKey: keys.audit(funderId) }),
      ]),
  });
}

/** A booklet's movements, oldest first; `serial` is normalised first, null until one is asked for. */
export function useBookletMovements(funderId: string, serial: string | null) {
  return useQuery({
    queryKey: keys.bookletMovements(funderId, serial ?? ''),
    queryFn: ({ signal }) =>
      api.get<BookletMovement[]>(`/funders/${enc(funderId)}/booklets/${enc(serial ?? '')}/movements`, {
        signal,
      }),
    enabled: serial !== null,
  });
}

/** A pass of the funder by its code (as typed: the API reads it), null until one is asked for. */
export function usePassStory(funderId: string, code: string | null) {
  return useQuery({
    queryKey: keys.passStory(funderId, code ?? ''),
    queryFn: ({ signal }) =>
      api.get<PassStory>(`/funders/${enc(funderId)}/passes/${enc(code ?? '')}`, { signal }),
    enabled: code !== null,
  });
}

/**
 * The helpdesk's lookup of a pass by its code, any funder's (platform admins); `code` null: nothing
 * is asked. Not retried: a code of no pass counts as a guess.
 */
export function useHelpdeskPass(code: string | null) {
  return useQuery({
    queryKey: keys.helpdeskPass(code ?? ''),
    queryFn: ({ signal }) => api.get<HelpdeskPass>(`/admin/passes/${enc(code ?? '')}`, { signal }),
    enabled: code !== null,
    retry: false,
  });
}

export function useStock(organisationId: string) {
  return useQuery({
    queryKey: keys.stock(organisationId),
    queryFn: ({ signal }) => api.get<Stock>(`/organisations/${enc(organisationId)}/stock`, { signal }),
  });
}

/**
 * A prescriber's change, which can take a booklet out of its stock or add one to what it handed
 * out: its stock and lists are read again once the server has said yes, in the background. The
 * success is the server's answer: « Carnet remis » waited for the lists to be read again (on a
 * slow network, saved at 7 s, said at 10 s), since a promise returned here is waited for.
 */
export function prescriberChange<I, R>(
  queryClient: QueryClient,
  organisationId: string,
  mutationFn: (input: I) => Promise<R>,
) {
  return {
    mutationFn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.organisation(organisationId) });
    },
  };
}

export interface HandedOutQuery {
  /** sorted by the server, the serial breaking ties: the pages follow one another without repeat */
  sort: HandedOutSort;
  order: 'asc' | 'desc';
  page: number;
  /** the period's first and last days of hand-out, inclusive; none: every hand-out */
  from?: string;
  to?: string;
}

/** The latest first, the server's order when asked none: what the block form reads. */
export const LATEST_HANDED_OUT: HandedOutQuery = { sort: 'handedOutOn', order: 'desc', page: 1 };

/** The server's largest page, what the list held whole before it was paged. */
export const HANDED_OUT_PAGE_SIZE = 500;

/**
 * A page of what a prescriber handed out, the latest first by default: to find a lost booklet's
 * serial. The list's first page and the block form's are one request.
 */
export function useHandedOut(organisationId: string, query: HandedOutQuery = LATEST_HANDED_OUT) {
  return useQuery({
    queryKey: [...keys.handedOut(organisationId), query],
    queryFn: ({ signal }) =>
      api.get<HandedOutList>(`/organisations/${enc(organisationId)}/handed-out`, {
        signal,
        query: { ...query, pageSize: HANDED_OUT_PAGE_SIZE },
      }),
    // Another sort or page shows the last one until it comes; another structure's, never.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === organisationId ? previous : undefined,
  });
}

/** The structure's hand-outs of a period, one a line with their total, as CSV (a plain link, with the session cookie). */
export const handedOutCsvUrl = (organisationId: string, from: string, to: string) =>
  `/api/v1/organisations/${enc(organisationId)}/handed-out.csv?from=${from}&to=${to}`;

/**
 * The booklets the structure handed out to one person, found by names and birth date: a POST,
 * so that the names stay out of addresses and histories; nothing is changed.
 */
export function useFindHandedOut(organisationId: string) {
  return useMutation({
    mutationFn: (input: HandedOutLookupInput) =>
      api.post<HandedOutLookupResult>(`/organisations/${enc(organisationId)}/handed-out/lookup`, input),
  });
}

export interface BookletQuery {
  status?: BookletStatus;
  envelopeId?: string;
  holderId?: string;
  /** sorted by the server, the serial breaking ties: the pages follow one another without repeat */
  sort: BookletSort;
  order: 'asc' | 'desc';
  page: number;
}

export const BOOKLETS_PAGE_SIZE = 25;

/** A page of a programme's booklets, filtered and sorted. */
export function useProgramBooklets(programId: string, query: BookletQuery) {
  return useQuery({
    queryKey: keys.programBooklets(programId, query),
    queryFn: ({ signal }) =>
      api.get<BookletList>(`/programs/${enc(programId)}/booklets`, {
        signal,
        query: { ...query, pageSize: BOOKLETS_PAGE_SIZE },
      }),
    placeholderData: (previous) => previous,
  });
}

/**
 * How many booklets of each envelope are still in the funder's stock (the list's count, one
 * row fetched): the allocation form offers only envelopes that have some. Refreshed with the
 * programme's queries, as an allocation changes them.
 */
export function useEnvelopeStock(programId: string, envelopeIds: string[]) {
  return useQueries({
    queries: envelopeIds.map((envelopeId) => {
      const query = { status: 'stock', envelopeId, page: 1, pageSize: 1 } as const;
      return {
        queryKey: keys.programBooklets(programId, query),
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          api.get<BookletList>(`/programs/${enc(programId)}/booklets`, { signal, query }),
      };
    }),
    combine: (results) => ({
      isPending: results.some((r) => r.isPending),
      /** booklets in stock by envelope id; an envelope whose count could not be read is absent */
      inStock: new Map(results.flatMap((r, i) => (r.data ? [[envelopeIds[i]!, r.data.total] as const] : []))),
    }),
  });
}

export function useHandOut(organisationId: string) {
  return useMutation(
    prescriberChange(useQueryClient(), organisationId, (input: HandOutInput) =>
      api.post<HandOutResult>(`/organisations/${enc(organisationId)}/hand-outs`, input),
    ),
  );
}

export function useBlockBooklet(organisationId: string) {
  return useMutation(
    prescriberChange(
      useQueryClient(),
      organisationId,
      ({ serial, reason }: { serial: string; reason: BlockReason }) =>
        api.post<BlockResult>(`/booklets/${enc(serial)}/block`, { reason }),
    ),
  );
}

export function useReplaceBooklet(organisationId: string) {
  return useMutation(
    prescriberChange(useQueryClient(), organisationId, (input: ReplacementInput) =>
      api.post<ReplacementResult>(`/organisations/${enc(organisationId)}/replacements`, input),
    ),
  );
}
