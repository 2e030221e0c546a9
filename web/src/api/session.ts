import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './client';
import { keys } from './keys';
import type { PasswordChangeInput, Session } from './types';

/** The current session, or null when the API answers 401 (not signed in). */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/auth/me', { signal });
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
  queryFn: ({ signal }) => fetchSession(signal),
  // The session changes only through login, logout, invitation or a 401 anywhere,
  // all of which update this cache entry directly.
  staleTime: Number.POSITIVE_INFINITY,
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
export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      api.post<void>('/auth/password-reset/confirm', input),
  });
}
