import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, redirect } from '@tanstack/react-router';
import { sessionQuery } from './api/session';
import { isIsoDay } from './lib/format';
import { AdminPage } from './pages/admin/AdminPage';
import { AmendmentFormPage } from './pages/funder/AmendmentFormPage';
import { AuditPage } from './pages/funder/AuditPage';
import { EnvelopeFormPage } from './pages/funder/EnvelopeFormPage';
import { ProgramListPage } from './pages/funder/ProgramListPage';
import { ProgramPage } from './pages/funder/ProgramPage';
import { AccessibilityPage } from './pages/public/AccessibilityPage';
import { InvitationPage } from './pages/public/InvitationPage';
import { LoginPage } from './pages/public/LoginPage';
import { NoSpacePage } from './pages/public/NoSpacePage';
import { NotFoundPage } from './pages/public/NotFoundPage';
import { RouteErrorPage } from './pages/public/RouteErrorPage';
import { Layout } from './ui/Layout';
import { funderMembership, homePathFor, isPlatformAdmin } from './ui/roles';

/*
 * Code-based route tree (no file-based generation step). Pages receive params and
 * search as props, so they do not import this file and there is no import cycle.
 */

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Layout,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

/** Only same-site paths may be a post-login destination (no open redirect). */
function safeRedirect(v: unknown): string | undefined {
  return typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') ? v : undefined;
}

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/connexion',
  validateSearch: (s: Record<string, unknown>): { redirect?: string } => {
    const r = safeRedirect(s.redirect);
    return r ? { redirect: r } : {};
  },
  component: function LoginRoute() {
    const { redirect: to } = loginRoute.useSearch();
    return <LoginPage redirectTo={to} />;
  },
});

const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invitation/$token',
  component: function InvitationRoute() {
    const { token } = invitationRoute.useParams();
    return <InvitationPage token={token} />;
  },
});

const accessibilityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/accessibilite',
  component: AccessibilityPage,
});

/** Everything below needs a session: `GET /auth/me` answering 401 sends the user to /connexion. */
const authRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'authentifie',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) {
      throw redirect({
        to: '/connexion',
        search: location.pathname === '/' ? {} : { redirect: location.href },
      });
    }
    return { session };
  },
});

/** "/" has no page of its own: it sends each user to the console of their role. */
const homeRoute = createRoute({
  getParentRoute: () => authRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    const to = homePathFor(context.session);
    if (to) throw redirect({ to });
  },
  component: NoSpacePage,
});

const funderRoute = createRoute({
  getParentRoute: () => authRoute,
  id: 'financeur',
  beforeLoad: ({ context }) => {
    if (!funderMembership(context.session)) throw redirect({ to: '/' });
  },
});

const programListRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur',
  component: ProgramListPage,
});

const programRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/programmes/$programId',
  validateSearch: (s: Record<string, unknown>): { asOf?: string } =>
    isIsoDay(s.asOf) ? { asOf: s.asOf } : {},
  component: function ProgramRoute() {
    const { programId } = programRoute.useParams();
    const { asOf } = programRoute.useSearch();
    return <ProgramPage programId={programId} asOf={asOf} />;
  },
});

const amendmentRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/programmes/$programId/avenant',
  component: function AmendmentRoute() {
    const { programId } = amendmentRoute.useParams();
    return <AmendmentFormPage programId={programId} />;
  },
});

const envelopeRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/programmes/$programId/enveloppe',
  component: function EnvelopeRoute() {
    const { programId } = envelopeRoute.useParams();
    return <EnvelopeFormPage programId={programId} />;
  },
});

const auditRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/journal',
  component: AuditPage,
});

const adminRoute = createRoute({
  getParentRoute: () => authRoute,
  path: '/admin',
  beforeLoad: ({ context }) => {
    if (!isPlatformAdmin(context.session)) throw redirect({ to: '/' });
  },
  component: AdminPage,
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  invitationRoute,
  accessibilityRoute,
  authRoute.addChildren([
    homeRoute,
    funderRoute.addChildren([programListRoute, programRoute, amendmentRoute, envelopeRoute, auditRoute]),
    adminRoute,
  ]),
]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // Data freshness is TanStack Query's job; the router must not cache on its own.
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
