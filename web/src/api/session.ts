import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './client';
import { keys } from './keys';
import type { PasswordChangeInput, Session } from './types';

/**
 * The current session, or null when the API answers 401 (not signed in). `held` is the session
 * the page was shown with, when it reads it again: if another account signed in in this browser
 * since (in another tab), the page stays its person's and takes nothing of the other's, so that
 * nothing is sent in their name (api/client.ts says so at the next change). Reloading the page,
 * or signing in again, takes the browser's account.
 */
export async function fetchSession(signal?: AbortSignal, held?: Session | null): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/auth/me', { signal });
    if (held && session.user.id !== held.user.id) return held;
    setCsrfToken(session.csrfToken, session.user.id);
    return session;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export const sessionQuery = queryOptions({
  queryKey: keys.session,
  queryFn: ({ signal, client }) => fetchSession(signal, client.getQueryData<Session | null>(keys.session)),
  // This browser's own acts (login, logout, invitation, a 401 anywhere) update this cache entry
  // directly. Others change it too: an admin ends one's access or changes one's role, a funder
  // is renamed. It is read again when the person comes back to the tab, and after any refusal
  // (main.tsx), rather than on a timer.
  staleTime: Number.POSITIVE_INFINITY,
  refetchOnWindowFocus: 'always',
  retry: false,
  // A new session object always reaches its readers, even when equal: the organisation chosen
  // in this browser is read with it (ui/useFunderOfPage.ts sets the same session again).
  structuralSharing: false,
});

export function useSession() {
  return useQuery(sessionQuery);
}

/** Stores a session the API just returned (login, invitation acceptance). */
export function useStoreSession() {
  const queryClient = useQueryClient();
  return (session: Session | null) => {
    setCsrfToken(session?.csrfToken ?? null, session?.user.id ?? null);
    queryClient.setQueryData(keys.session, session);
  };
}

export function useLogin() {
  const store = useStoreSession();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => api.post<Session>('/auth/login', input),
    onSuccess: store,
  });
}

export function useLogout() {
  return useMutation({ mutationFn: () => api.post<void>('/auth/logout') });
}

/**
 * Makes this browser forget the user: CSRF token, cached data, session. Call it once the
 * app has left the signed-in pages, so they do not refetch (and 401) while unmounting.
 */
export function useForgetUser() {
  const queryClient = useQueryClient();
  return () => {
    setCsrfToken(null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.session[0] });
    queryClient.setQueryData(keys.session, null);
  };
}

/** Changes the signed-in user's password; the server ends the account's other sessions. */
export function useChangePassword() {
  return useMutation({ mutationFn: (input: PasswordChangeInput) => api.post<void>('/auth/password', input) });
}

/** Whether this instance offers the sign-in with ProConnect (its settings are present). */
export function useProConnect() {
  return useQuery({
    queryKey: ['proconnect'],
    queryFn: ({ signal }) => api.get<{ enabled: boolean }>('/auth/proconnect', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

/** « Mot de passe oublié ? »: the server answers alike whether or not the address has an account. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (input: { email: string }) =>
      api.post<{ message: string; sentByEmail: boolean }>('/auth/password-reset', input),
  });
}

/** The new password, with the e-mailed link's token. */
/**
 * Whether a reset link may still be used, asked when its page opens: an expired or spent link
 * is said at once, not after the new password is typed twice. Asked once (a retry would count
 * against the route's limit for nothing); the confirmation checks again anyway.
 */
export function usePasswordResetLink(token: string) {
  return useQuery({
    queryKey: ['password-reset', token],
    queryFn: ({ signal }) => api.get<void>(`/auth/password-reset/${encodeURIComponent(token)}`, { signal }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      api.post<void>('/auth/password-reset/confirm', input),
  });
}
