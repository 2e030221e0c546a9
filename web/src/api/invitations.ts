import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import { useStoreSession } from './session';
import type {
  AcceptInvitationInput,
  CreateInvitationInput,
  Invitation,
  InvitationAccepted,
  InvitationSent,
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

/** The session is kept as the session; what was joined goes to the page (ui/joined.ts). */
function useStoreJoined() {
  const store = useStoreSession();
  return ({ joined: _, ...session }: InvitationAccepted) => store(session);
}

export function useAcceptInvitation(token: string) {
  const store = useStoreJoined();
  return useMutation({
    mutationFn: (input: AcceptInvitationInput) =>
      api.post<InvitationAccepted>(`/invitations/${encodeURIComponent(token)}/accept`, input),
    onSuccess: store,
  });
}

/** A signed-in account takes up an invitation sent to its own address. */
export function useJoinInvitation(token: string) {
  const store = useStoreJoined();
  return useMutation({
    mutationFn: () => api.post<InvitationAccepted>(`/invitations/${encodeURIComponent(token)}/join`),
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
