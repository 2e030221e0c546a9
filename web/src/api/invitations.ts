import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import { useStoreSession } from './session';
import type {
  AcceptInvitationInput,
  CreateInvitationInput,
  Invitation,
  InvitationSent,
  Session,
} from './types';

export function useInvitation(token: string) {
  return useQuery({
    queryKey: keys.invitation(token),
    queryFn: ({ signal }) => api.get<Invitation>(`/invitations/${encodeURIComponent(token)}`, { signal }),
    // Not kept once the page is left: accepted, then reached again with the browser's Back
    // button, the invitation showed its form as still valid, from the cache.
    gcTime: 0,
  });
}

export function useAcceptInvitation(token: string) {
  const store = useStoreSession();
  return useMutation({
    mutationFn: (input: AcceptInvitationInput) =>
      api.post<Session>(`/invitations/${encodeURIComponent(token)}/accept`, input),
    onSuccess: store,
  });
}

/** A signed-in account takes up an invitation sent to its own address. */
export function useJoinInvitation(token: string) {
  const store = useStoreSession();
  return useMutation({
    mutationFn: () => api.post<Session>(`/invitations/${encodeURIComponent(token)}/join`),
    onSuccess: store,
  });
}

/**
 * A funder admin invites a colleague: the link goes by e-mail when SMTP is configured; otherwise
 * the messages wait in the outbox and the answer gives the link, to hand over in person.
 */
export function useCreateInvitation(funderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateInvitationInput) =>
      api.post<InvitationSent>(`/funders/${encodeURIComponent(funderId)}/invitations`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.pendingInvitations({ funderId }) }),
  });
}
