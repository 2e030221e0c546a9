import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import { useStoreSession } from './session';
import type { AcceptInvitationInput, Invitation, Session } from './types';

export function useInvitation(token: string) {
  return useQuery({
    queryKey: keys.invitation(token),
    queryFn: ({ signal }) => api.get<Invitation>(`/invitations/${encodeURIComponent(token)}`, { signal }),
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
