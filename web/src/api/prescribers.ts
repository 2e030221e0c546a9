import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type {
  CreatePrescriberInput,
  InvitationSent,
  Prescriber,
  PrescriberDetail,
  PrescriberImportReport,
  PrescriberWithFigures,
} from './types';

const enc = encodeURIComponent;

/** The funder's prescriber organisations, with their kind and commune. */
export function usePrescriberList(funderId: string) {
  return useQuery({
    queryKey: keys.prescribers(funderId),
    queryFn: ({ signal }) =>
      api.get<PrescriberWithFigures[]>(`/funders/${enc(funderId)}/prescribers`, { signal }),
  });
}

export function useCreatePrescriber(funderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreatePrescriberInput) =>
      api.post<Prescriber>(`/funders/${enc(funderId)}/prescribers`, input),
    // The allocation and move forms list the funder's organisations too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.prescribers(funderId) }),
        queryClient.invalidateQueries({ queryKey: ['funders', funderId, 'organisations'] }),
      ]),
  });
}

/** An invitation for an agent of one prescriber organisation: e-mailed, or its link to hand over. */
export function useInviteAgent(funderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; organisationId: string }) =>
      api.post<InvitationSent>(`/funders/${enc(funderId)}/invitations`, {
        ...input,
        role: 'prescriber_agent',
      }),
    // The team page's invitations waiting, and the prescriber's page, list it.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.pendingInvitations({ funderId }) }),
        queryClient.invalidateQueries({ queryKey: keys.prescribers(funderId) }),
      ]),
  });
}

/** One prescriber's page: its figures, the booklets it holds, its agents. */
export function usePrescriberDetail(funderId: string, prescriberId: string) {
  return useQuery({
    queryKey: [...keys.prescribers(funderId), prescriberId],
    queryFn: ({ signal }) =>
      api.get<PrescriberDetail>(`/funders/${enc(funderId)}/prescribers/${enc(prescriberId)}`, { signal }),
  });
}

/** A file of prescribers, checked (dry run) or imported; the list is read again after an import. */
export function useImportPrescribers(funderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { fileName: string; contentBase64: string; dryRun: boolean }) =>
      api.post<PrescriberImportReport>(`/funders/${enc(funderId)}/prescribers/imports`, input),
    onSuccess: (report) =>
      report.dryRun
        ? undefined
        : Promise.all([
            queryClient.invalidateQueries({ queryKey: keys.prescribers(funderId) }),
            queryClient.invalidateQueries({ queryKey: ['funders', funderId, 'organisations'] }),
          ]),
  });
}

/** The funder takes back booklets a prescriber holds: all of them, or those chosen by serial. */
export function useTakeBack(funderId: string, prescriberId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { all: true } | { serials: string[] }) =>
      api.post<{ serials: string[] }>(
        `/funders/${enc(funderId)}/prescribers/${enc(prescriberId)}/returns`,
        input,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.prescribers(funderId) }),
  });
}
