import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from './client';
import { keys } from './keys';
import type {
  BeneficiaryRecord,
  BeneficiarySearch,
  BeneficiarySummary,
  BlockReason,
  BlockResult,
  ErasureReason,
} from './types';

/*
 * A person's data, for the funder's admins who answer a person's requests (see them, erase
 * them). Every answer here is personal data: searches run when the form is sent, never as
 * one types, and a person's record is read once per visit of their page.
 */

const enc = encodeURIComponent;

const searchOptions = (funderId: string, q: string) =>
  queryOptions({
    queryKey: keys.beneficiarySearch(funderId, q),
    queryFn: ({ signal }) =>
      api.get<BeneficiarySearch>(`/funders/${enc(funderId)}/beneficiaries`, { signal, query: { q } }),
  });

/**
 * Runs a search when the form is sent: resolves with the people found, rejects with the API's
 * refusal (a 422 on `q`: one letter, a serial mistyped), which the form shows at its field.
 * Sent again, the same words are searched again.
 */
export function useRunBeneficiarySearch(funderId: string) {
  const queryClient = useQueryClient();
  return (q: string) => queryClient.fetchQuery({ ...searchOptions(funderId, q), staleTime: 0 });
}

/** The answer of a search already run (`null`: none yet), read from where the search left it. */
export function useBeneficiarySearch(funderId: string, q: string | null) {
  return useQuery({ ...searchOptions(funderId, q ?? ''), enabled: q !== null });
}

/**
 * The words of the latest search still in memory, so that coming back to the list (its
 * breadcrumb, « Retour ») shows its results again. Kept in the query cache only, forgotten at
 * sign-out: not in the address, which the browser's history keeps, with a name in it.
 */
export function useLastBeneficiarySearch(funderId: string): string | null {
  const queryClient = useQueryClient();
  const searches = queryClient
    .getQueryCache()
    .findAll({ queryKey: [...keys.beneficiaries(funderId), 'search'] })
    .filter((q) => q.state.status === 'success')
    .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt);
  const q = searches[0]?.queryKey[4];
  return typeof q === 'string' ? q : null;
}

/**
 * Everything held about a person. Each reading is in the funder's journal: the page reads it
 * once per visit (no refresh in the background), and forgets it once left, so that the next
 * visit is a reading of its own and a person's data does not stay in memory.
 */
export function useBeneficiaryRecord(funderId: string, beneficiaryId: string) {
  return useQuery({
    queryKey: keys.beneficiary(funderId, beneficiaryId),
    queryFn: ({ signal }) =>
      api.get<BeneficiaryRecord>(`/funders/${enc(funderId)}/beneficiaries/${enc(beneficiaryId)}`, {
        signal,
      }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
}

/**
 * Erases a person's names and birth date, with the reason chosen from the list. The record
 * and every search are read again: they named the person. Erased meanwhile (by a colleague,
 * or at the end of the retention period), the same: the page then shows it.
 */
export function useEraseBeneficiary(funderId: string, beneficiaryId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.beneficiaries(funderId) });
  return useMutation({
    mutationFn: (erasureReason: ErasureReason) =>
      api.post<BeneficiarySummary>(`/funders/${enc(funderId)}/beneficiaries/${enc(beneficiaryId)}/erasure`, {
        erasureReason,
      }),
    onSuccess: (erased) => {
      // The names go from the screen at once; the page says the erasure without waiting for
      // the record to be read again (not awaited: the form that asked is gone meanwhile).
      queryClient.setQueryData<BeneficiaryRecord>(keys.beneficiary(funderId, beneficiaryId), (record) =>
        record ? { ...record, person: { ...record.person, ...erased } } : record,
      );
      void refresh();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'beneficiary_already_erased') return refresh();
    },
  });
}

/**
 * Corrects a person's names or birth date mistyped at the desk: the record is updated with
 * what the server answers, and the searches read again (they showed the old spelling).
 */
export function useRectifyBeneficiary(funderId: string, beneficiaryId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (identity: { firstName: string; lastName: string; birthDate: string }) =>
      api.post<BeneficiarySummary>(
        `/funders/${enc(funderId)}/beneficiaries/${enc(beneficiaryId)}/rectification`,
        identity,
      ),
    onSuccess: (rectified) => {
      queryClient.setQueryData<BeneficiaryRecord>(keys.beneficiary(funderId, beneficiaryId), (record) =>
        record ? { ...record, person: { ...record.person, ...rectified } } : record,
      );
      // The searches only: reading the record again would be one more reading in the journal.
      void queryClient.invalidateQueries({ queryKey: [...keys.beneficiaries(funderId), 'search'] });
    },
  });
}

/**
 * Blocks a booklet handed to the person (lost or stolen), from the funder's record of the
 * person: its passes left are cancelled. The record is read again, and the person's searches.
 */
export function useFunderBlockBooklet(funderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ serial, reason }: { serial: string; reason: BlockReason }) =>
      api.post<BlockResult>(`/booklets/${enc(serial)}/block`, { reason }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.beneficiaries(funderId) }),
  });
}
