import '@codegouvfr/react-dsfr/main.css';
import './app.css';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, setCsrfToken } from './api/client';
import { keys } from './api/keys';
import { onRightsChange } from './api/rightsChange';
import { makeRouter } from './router';
import { DsfrLink } from './ui/DsfrLink';
import { describeRightsChange, showRightsNotice } from './ui/rightsNotice';

startReactDsfr({ defaultColorScheme: 'system', Link: DsfrLink });

declare module '@codegouvfr/react-dsfr/spa' {
  interface RegisterLink {
    Link: typeof DsfrLink;
  }
}

/**
 * A 401 on any call means the session ended (expiry, logout elsewhere): back to the login page.
 * A refusal (403), or an object of the person's own space not found (404 `not_found`: a place
 * or funder no longer theirs is not there for them), may mean that their rights changed since
 * the page was shown: the session is read again, and a change of rights takes them where the
 * route guards now send them (api/rightsChange.ts).
 */
function onApiError(error: unknown) {
  if (!(error instanceof ApiError)) return;
  // A change refused for its CSRF token was answered by api/client.ts, which read the session.
  if ((error.status === 403 && error.code !== 'csrf_failed') || error.code === 'not_found') {
    void queryClient.invalidateQueries({ queryKey: keys.session });
    return;
  }
  if (error.status === 401) sessionEnded();
}

function sessionEnded() {
  if (router.state.location.pathname === '/connexion') return;
  setCsrfToken(null);
  queryClient.setQueryData(keys.session, null);
  // Said on the sign-in page: sent there in the middle of one's work, one should know why.
  void router.navigate({ to: '/connexion', search: { redirect: router.state.location.href, expired: true } });
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      // Offline, a request is sent anyway and fails with « Impossible de joindre le serveur »:
      // by default React Query paused it until the connection came back, and the page said
      // nothing (« Vérifier » showed no verdict, a commune search said no commune matches).
      networkMode: 'always',
      staleTime: 30_000,
      // 4xx answers will not change by asking again; only network and server errors are retried.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
    // A change sent offline fails at once and says so, rather than leaving later without a word.
    mutations: { networkMode: 'always' },
  },
});

const router = makeRouter(queryClient);
onRightsChange(queryClient, (session, before) => {
  if (!session) return sessionEnded();
  showRightsNotice(session.user.id, describeRightsChange(before, session));
  void router.invalidate();
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
