import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type {
  InvitationSent,
  Member,
  MemberRoleChanged,
  MembershipEnded,
  PasswordLinkIssued,
  PendingInvitation,
} from './types';

/** A team: a funder's staff (and its prescribers' agents), or a place's people. */
export type TeamRef = { funderId: string } | { placeId: string };

const base = (team: TeamRef) =>
  'funderId' in team
    ? `/funders/${encodeURIComponent(team.funderId)}`
    : `/places/${encodeURIComponent(team.placeId)}`;

/** Who has access: a funder's admins and viewers, or a place's admins and agents (for their admins). */
export function useMembers(team: TeamRef) {
  return useQuery({
    queryKey: keys.members(team),
    queryFn: ({ signal }) => api.get<Member[]>(`${base(team)}/members`, { signal }),
  });
}

/** The team's invitations still waiting, and those whose link expired unused (for its admins). */
export function usePendingInvitations(team: TeamRef) {
  return useQuery({
    queryKey: keys.pendingInvitations(team),
    queryFn: ({ signal }) =>
      api.get<PendingInvitation[]>(`${base(team)}/invitations`, { signal, query: { expired: 'include' } }),
  });
}

/** After any change of access: the team, its invitations, and a funder's prescribers' pages (their agents). */
function useRefreshTeam(team: TeamRef) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.members(team) }),
      queryClient.invalidateQueries({ queryKey: keys.pendingInvitations(team) }),
      'funderId' in team && queryClient.invalidateQueries({ queryKey: keys.prescribers(team.funderId) }),
    ]);
}

/** Makes a colleague an admin, or takes that role back (a funder's viewer, a place's agent). */
export function useChangeRole(team: TeamRef) {
  const refresh = useRefreshTeam(team);
  return useMutation({
    mutationFn: ({ membershipId, role }: { membershipId: string; role: Member['role'] }) =>
      api.post<MemberRoleChanged>(`${base(team)}/members/${encodeURIComponent(membershipId)}/role`, { role }),
    onSettled: refresh,
  });
}

/** Ends someone's access: a colleague, an agent of one of the funder's prescribers, a place's volunteer. */
export function useEndMembership(team: TeamRef) {
  const refresh = useRefreshTeam(team);
  return useMutation({
    mutationFn: (membershipId: string) =>
      api.post<MembershipEnded>(`${base(team)}/members/${encodeURIComponent(membershipId)}/end`),
    onSettled: refresh,
  });
}

/**
 * Prepares a one-time link for a colleague to choose a new password, to hand over in person (a
 * server without e-mail): her earlier links stop working. The answer is the only copy of the link.
 */
export function useCreatePasswordLink(team: TeamRef) {
  return useMutation({
    mutationFn: (membershipId: string) =>
      api.post<PasswordLinkIssued>(`${base(team)}/members/${encodeURIComponent(membershipId)}/password-link`),
  });
}

export function useWithdrawInvitation(team: TeamRef) {
  const refresh = useRefreshTeam(team);
  return useMutation({
    mutationFn: (invitationId: string) =>
      api.post<void>(`${base(team)}/invitations/${encodeURIComponent(invitationId)}/withdraw`),
    onSettled: refresh,
  });
}

/** Sends a waiting invitation again under a new link; the old one stops working. */
export function useResendInvitation(team: TeamRef) {
  const refresh = useRefreshTeam(team);
  return useMutation({
    mutationFn: (invitationId: string) =>
      api.post<InvitationSent>(`${base(team)}/invitations/${encodeURIComponent(invitationId)}/resend`),
    onSettled: refresh,
  });
}

/** A place's admin invites a colleague or a volunteer of the place. */
export function useInviteToPlace(placeId: string) {
  const refresh = useRefreshTeam({ placeId });
  return useMutation({
    mutationFn: (input: { email: string; role: 'place_agent' | 'place_admin' }) =>
      api.post<InvitationSent>(`${base({ placeId })}/invitations`, input),
    onSuccess: refresh,
  });
}
