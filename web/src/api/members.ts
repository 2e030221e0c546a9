import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { InvitationRole, Member } from './types';

const base = (funderId: string) => `/funders/${encodeURIComponent(funderId)}`;

/** Who has access to the funder's space: its admins and viewers (for its admins). */
export function useMembers(funderId: string) {
  return useQuery({
    queryKey: keys.members(funderId),
    queryFn: ({ signal }) => api.get<Member[]>(`${base(funderId)}/members`, { signal }),
  });
}

/** After any change of access: the team, and the prescribers' pages that list their agents. */
function useRefreshTeam(funderId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.members(funderId) }),
      queryClient.invalidateQueries({ queryKey: keys.prescribers(funderId) }),
      queryClient.invalidateQueries({ queryKey: keys.pendingInvitations(funderId) }),
    ]);
}

export function useChangeRole(funderId: string) {
  const refresh = useRefreshTeam(funderId);
  return useMutation({
    mutationFn: ({ membershipId, role }: { membershipId: string; role: InvitationRole }) =>
      api.post<Member>(`${base(funderId)}/members/${encodeURIComponent(membershipId)}/role`, { role }),
    onSettled: refresh,
  });
}

/** Ends someone's access: a colleague, or an agent of one of the funder's prescribers. */
export function useEndMembership(funderId: string) {
  const refresh = useRefreshTeam(funderId);
  return useMutation({
    mutationFn: (membershipId: string) =>
      api.post<void>(`${base(funderId)}/members/${encodeURIComponent(membershipId)}/end`),
    onSettled: refresh,
  });
}

export function useWithdrawInvitation(funderId: string) {
  const refresh = useRefreshTeam(funderId);
  return useMutation({
    mutationFn: (invitationId: string) =>
      api.post<void>(`${base(funderId)}/invitations/${encodeURIComponent(invitationId)}/withdraw`),
    onSettled: refresh,
  });
}
