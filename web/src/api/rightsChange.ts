import type { QueryClient } from '@tanstack/react-query';
import { keys } from './keys';
import type { Session } from './types';

/** What the route guards read of a session: whose it is, and each space with its role. */
function rightsOf(session: Session | null | undefined): string | undefined {
  if (session === undefined) return undefined;
  if (session === null) return 'signed out';
  const spaces = session.memberships.map((m) => `${m.role}:${m.funderId}:${m.organisationId}`).sort();
  return [session.user.id, ...spaces].join(' ');
}

/**
 * Calls `recheck` when the session read again from the server (on coming back to the tab,
 * after a refusal) gives other rights than the one the page was shown with: an admin ended the
 * person's access or changed their role meanwhile, or the session ended (null). The route
 * guards then take them where their rights now lead, as a new page load would. This browser's
 * own writes of the session (login, logout, the organisation chosen) navigate on their own and
 * are only remembered.
 */
export function onRightsChange(
  queryClient: QueryClient,
  recheck: (session: Session | null, before: Session | null) => void,
): () => void {
  let shown = queryClient.getQueryData<Session | null>(keys.session);
  return queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    if (event.query.queryKey[0] !== keys.session[0]) return;
    const before = shown;
    const session = event.query.state.data as Session | null | undefined;
    shown = session;
    if (event.action.manual || session === undefined || before === undefined) return;
    if (rightsOf(before) !== rightsOf(session)) recheck(session, before);
  });
}
