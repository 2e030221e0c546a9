import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { CreatePrescriberInput, Prescriber } from './types';

const enc = encodeURIComponent;

/** The funder's prescriber organisations, with their kind and commune. */
export function usePrescriberList(funderId: string) {
  return useQuery({
    queryKey: keys.prescribers(funderId),
    queryFn: ({ signal }) => api.get<Prescriber[]>(`/funders/${enc(funderId)}/prescribers`, { signal }),
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

/** An invitation for an agent of one prescriber organisation: the link to hand over comes back. */
export function useInviteAgent(funderId: string) {
  return useMutation({
    mutationFn: (input: { email: string; organisationId: string }) =>
      api.post<{ invitationUrl: string }>(`/funders/${enc(funderId)}/invitations`, {
        ...input,
        role: 'prescriber_agent',
      }),
  });
}
