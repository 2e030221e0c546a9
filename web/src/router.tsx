import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  redirect,
  useRouterState,
} from '@tanstack/react-router';
import { CONSOLE_LINK_PARAMS } from '../../src/core/console-link';
import { isProConnectRefusal, type ProConnectRefusal } from '../../src/core/proconnect';
import { fetchSession, sessionQuery } from './api/session';
import { parseDirectorySearch } from './lib/directorySearch';
import { isIsoDay } from './lib/format';
import {
  AccessibilityPage,
  AccountPage,
  AddSitePage,
  AdminPage,
  AllocationFormPage,
  AmendmentFormPage,
  ApiKeysPage,
  AuditPage,
  BeneficiariesPage,
  BeneficiaryPage,
  BookletsPage,
  DashboardPage,
  DirectoryHomePage,
  DirectoryPage,
  DirectoryPlacePage,
  EnvelopeFormPage,
  FunderJournalPage,
  FunderStatementsPage,
  FundingFormPage,
  InvitationPage,
  IssueFormPage,
  LegalNoticePage,
  LoginPage,
  MessagePage,
  MessagesPage,
  MyPlacesPage,
  NewProgramPage,
  NoSpacePage,
  PassLinkPage,
  PassLookupPage,
  PasswordResetPage,
  PasswordResetRequestPage,
  PaymentsPage,
  PersonalDataPage,
  PlaceImportPage,
  PlaceJournalPage,
  PlacePage,
  PlaceProfilePage,
  PlaceRegistrationConfirmPage,
  PlaceRegistrationPage,
  PlaceStatementsPage,
  PlacesPage,
  PlaceTeamPage,
  PrescriberDetailPage,
  PrescriberPage,
  PrescribersPage,
  PrivacyNoticePage,
  ProgramBookletsPage,
  ProgramListPage,
  ProgramPage,
  ProgramReportPage,
  QualificationPage,
  QualificationSettingsPage,
  RedeemPage,
  SettingsPage,
  TeamPage,
  withPage,
} from './pages/lazy';
import { NotFoundPage } from './pages/public/NotFoundPage';
import { RouteErrorPage } from './pages/public/RouteErrorPage';
import { arrivedByLink, ConsoleOfLink, consoleOfLinkSearch } from './ui/consoleOfLink';
import { Layout } from './ui/Layout';
import { Loading } from './ui/Loading';
import {
  funderMembership,
  homePathFor,
  isPlatformAdmin,
  placeMembership,
  prescriberMembership,
} from './ui/roles';

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

/**
 * Only same-site paths may be a post-login destination (no open redirect): « /… », not « //… »
 * nor « /\… », which browsers read as another host. Applied where the destination is used too:
 * the router keeps a search parameter its validation leaves out, so a foreign one reached the
 * page, which then showed « Page introuvable » after signing in.
 */
function safeRedirect(v: unknown): string | undefined {
  return typeof v === 'string' && /^\/(?![/\\])/.test(v) ? v : undefined;
}

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/connexion',
  validateSearch: (
    s: Record<string, unknown>,
  ): { redirect?: string; proconnect?: ProConnectRefusal; expired?: true } => {
    const r = safeRedirect(s.redirect);
    // The ProConnect callback comes back here with the code of a refusal, which the page explains.
    const refusal = isProConnectRefusal(s.proconnect) ? s.proconnect : undefined;
    // A session that ended under the user's feet (main.tsx): the page says so.
    const expired = s.expired === true || s.expired === 'true';
    return {
      ...(r ? { redirect: r } : {}),
      ...(refusal ? { proconnect: refusal } : {}),
      ...(expired ? { expired } : {}),
    };
  },
  // Someone signed in (« Retour » after signing in, or a second tab) goes where they were
  // going: a sign-in form then would sign them in again. Asked of the server, not the cache:
  // signing out comes here before the page forgets the session it had.
  beforeLoad: async ({ search }) => {
    if (search.proconnect) return;
    if (await fetchSession()) throw redirect({ href: safeRedirect(search.redirect) ?? '/', replace: true });
  },
  component: withPage(LoginPage, function LoginRoute() {
    const { redirect: to, proconnect, expired } = loginRoute.useSearch();
    return (
      <LoginPage
        redirectTo={safeRedirect(to)}
        proconnectRefusal={proconnect}
        sessionExpired={expired === true}
      />
    );
  }),
});

const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invitation/$token',
  component: withPage(InvitationPage, function InvitationRoute() {
    const { token } = invitationRoute.useParams();
    return <InvitationPage token={token} />;
  }),
});

/** « Mot de passe oublié ? »: a link by e-mail (issue 12, point 7). */
const passwordResetRequestRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/mot-de-passe-oublie',
  component: PasswordResetRequestPage,
});

/** The link of the e-mail: choosing the new password. */
const passwordResetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/mot-de-passe/nouveau/$token',
  component: withPage(PasswordResetPage, function PasswordResetRoute() {
    const { token } = passwordResetRoute.useParams();
    return <PasswordResetPage token={token} />;
  }),
});

/** A place registers itself, without an account (issue 11, point 4). */
const placeRegistrationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/lieux/inscription',
  component: PlaceRegistrationPage,
});

/** The link of the registration's e-mail: the place and its admin are created on confirming. */
const placeRegistrationConfirmRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/lieux/inscription/confirmer/$token',
  component: withPage(PlaceRegistrationConfirmPage, function PlaceRegistrationConfirmRoute() {
    const { token } = placeRegistrationConfirmRoute.useParams();
    return <PlaceRegistrationConfirmPage token={token} />;
  }),
});

const accessibilityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/accessibilite',
  component: AccessibilityPage,
});

/** The legal notice and the personal-data page every French public site owes its visitors. */
const legalNoticeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/mentions-legales',
  component: LegalNoticePage,
});

const personalDataRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/donnees-personnelles',
  component: PersonalDataPage,
});

/**
 * The URL in each pass's QR code. Public: whoever scans it gets a page, signed in or not;
 * a place agent goes straight to the desk with the code checked. Paths match in any case
 * (the router's default), so '/P/…' from an all-capitals QR code lands here too.
 */
const passLinkRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/p/$code',
  beforeLoad: async ({ context, params }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (placeMembership(session)) throw redirect({ to: '/lieu', search: { code: params.code } });
  },
  component: withPage(PassLinkPage, function PassLinkRoute() {
    const { code } = passLinkRoute.useParams();
    return <PassLinkPage code={code} />;
  }),
});

/** The public directory (no sign-in): the programmes, a programme's places, a place's page. */
const directoryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/annuaire',
  component: DirectoryHomePage,
});

const directoryProgramRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/annuaire/$programId',
  validateSearch: parseDirectorySearch,
  component: withPage(DirectoryPage, function DirectoryRoute() {
    const { programId } = directoryProgramRoute.useParams();
    const search = directoryProgramRoute.useSearch();
    return <DirectoryPage programId={programId} search={search} />;
  }),
});

const directoryPlaceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/annuaire/lieu/$placeId',
  component: withPage(DirectoryPlacePage, function DirectoryPlaceRoute() {
    const { placeId } = directoryPlaceRoute.useParams();
    return <DirectoryPlacePage placeId={placeId} />;
  }),
});

/**
 * The organisation a link into a console names (ui/consoleOfLink.tsx): read apart, since
 * called within a route's options the validator's type came out empty.
 */
const funderLinkSearch = consoleOfLinkSearch('funder');
const placeLinkSearch = consoleOfLinkSearch('place');
const prescriberLinkSearch = consoleOfLinkSearch('prescriber');

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

/**
 * ?financeur= names the funder a link is about (an e-mail's, core/console-link.ts): the console
 * switches to it and the address drops it; a funder the person is not of is said, never another shown.
 */
const funderRoute = createRoute({
  getParentRoute: () => authRoute,
  id: 'financeur',
  validateSearch: funderLinkSearch,
  beforeLoad: ({ context, location, search }) => {
    if (arrivedByLink('funder', search[CONSOLE_LINK_PARAMS.funder], context, location)) return;
    if (!funderMembership(context.session)) throw redirect({ to: '/' });
  },
  component: function FunderRoute() {
    const search = funderRoute.useSearch();
    const path = useRouterState({ select: (s) => s.location.pathname });
    return <ConsoleOfLink console="funder" id={search[CONSOLE_LINK_PARAMS.funder]} path={path} />;
  },
});

const programListRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur',
  component: ProgramListPage,
});

/** Static, so it wins over '/financeur/programmes/$programId' whatever the order. */
const newProgramRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/programmes/nouveau',
  component: NewProgramPage,
});

/** A funder admin invites colleagues (admin or read-only) and hands over their links. */
const teamRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/equipe',
  component: TeamPage,
});

/** The funder's territory (by name) and bank account: admins change them, viewers read them. */
const settingsRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/parametres',
  component: SettingsPage,
});

const programRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/programmes/$programId',
  validateSearch: (s: Record<string, unknown>): { asOf?: string } =>
    isIsoDay(s.asOf) ? { asOf: s.asOf } : {},
  component: withPage(ProgramPage, function ProgramRoute() {
    const { programId } = programRoute.useParams();
    const { asOf } = programRoute.useSearch();
    return <ProgramPage programId={programId} asOf={asOf} />;
  }),
});

const amendmentRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/programmes/$programId/avenant',
  component: withPage(AmendmentFormPage, function AmendmentRoute() {
    const { programId } = amendmentRoute.useParams();
    return <AmendmentFormPage programId={programId} />;
  }),
});

const envelopeRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/programmes/$programId/enveloppe',
  component: withPage(EnvelopeFormPage, function EnvelopeRoute() {
    const { programId } = envelopeRoute.useParams();
    return <EnvelopeFormPage programId={programId} />;
  }),
});

const issueRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/programmes/$programId/emission',
  component: withPage(IssueFormPage, function IssueRoute() {
    const { programId } = issueRoute.useParams();
    return <IssueFormPage programId={programId} />;
  }),
});

const fundingRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/programmes/$programId/versement',
  component: withPage(FundingFormPage, function FundingRoute() {
    const { programId } = fundingRoute.useParams();
    return <FundingFormPage programId={programId} />;
  }),
});

const allocationRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/programmes/$programId/attribution',
  component: withPage(AllocationFormPage, function AllocationRoute() {
    const { programId } = allocationRoute.useParams();
    return <AllocationFormPage programId={programId} />;
  }),
});

const programBookletsRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/programmes/$programId/carnets',
  component: withPage(ProgramBookletsPage, function ProgramBookletsRoute() {
    const { programId } = programBookletsRoute.useParams();
    return <ProgramBookletsPage programId={programId} />;
  }),
});

const dashboardRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/programmes/$programId/tableau-de-bord',
  component: withPage(DashboardPage, function DashboardRoute() {
    const { programId } = dashboardRoute.useParams();
    return <DashboardPage programId={programId} />;
  }),
});

/** A programme's report for a period (« Bilan »): the period in the address, to share or come back to. */
const programReportRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/programmes/$programId/bilan',
  validateSearch: (s: Record<string, unknown>): { from?: string; to?: string } => ({
    ...(isIsoDay(s.from) ? { from: s.from } : {}),
    ...(isIsoDay(s.to) ? { to: s.to } : {}),
  }),
  component: withPage(ProgramReportPage, function ProgramReportRoute() {
    const { programId } = programReportRoute.useParams();
    const period = programReportRoute.useSearch();
    return <ProgramReportPage programId={programId} period={period} />;
  }),
});

/** The funder's monthly statements to places, and what it owes them (issue 12). */
const funderStatementsRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/releves',
  component: FunderStatementsPage,
});

const auditRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/journal',
  component: AuditPage,
});

/** Booklets once allocated: moves between prescribers or back to stock, and each one's history. */
const bookletsRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/carnets',
  component: BookletsPage,
});

/**
 * The people the funder recorded at hand-outs, for its admins who answer a person's request to
 * see or erase their data (RGPD); a viewer is told to ask them.
 */
const beneficiariesRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/beneficiaires',
  component: BeneficiariesPage,
});

/** One person: everything held about them (each reading audited), its download, its erasure. */
const beneficiaryRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/beneficiaires/$beneficiaryId',
  component: withPage(BeneficiaryPage, function BeneficiaryRoute() {
    const { beneficiaryId } = beneficiaryRoute.useParams();
    return <BeneficiaryPage beneficiaryId={beneficiaryId} />;
  }),
});

/** The funder's prescriber organisations: its admins add them and invite their agents. */
const prescribersRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/prescripteurs',
  component: PrescribersPage,
});

/** One prescriber: its figures, the booklets it holds (taken back from here), its agents. */
const prescriberDetailRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/prescripteurs/$prescriberId',
  component: withPage(PrescriberDetailPage, function PrescriberDetailRoute() {
    const { prescriberId } = prescriberDetailRoute.useParams();
    return <PrescriberDetailPage prescriberId={prescriberId} />;
  }),
});

/** The funder's places: its roster, and each place with its application and the decisions. */
const placesRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/lieux',
  component: PlacesPage,
});

const placeOfFunderRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/lieux/$placeId',
  component: withPage(PlacePage, function PlaceOfFunderRoute() {
    const { placeId } = placeOfFunderRoute.useParams();
    return <PlacePage placeId={placeId} />;
  }),
});

/** What the funder asks of places: its questionnaire and its charter. */
const qualificationSettingsRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/qualification',
  component: QualificationSettingsPage,
});

/** Importing places from a file in the national standard (issue 11, point 6). */
const placeImportRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/lieux/import',
  component: PlaceImportPage,
});

/** Paying the places: payment runs, SEPA files, the bank's statement (issue 12, points 3 to 5). */
const paymentsRoute = createRoute({
  getParentRoute: () => funderRoute,
  path: '/financeur/paiements',
  component: PaymentsPage,
});

/**
 * ?structure= names the prescriber organisation a link is about (an e-mail's, core/console-link.ts):
 * the console switches to it and the address drops it; one the person is not of is said.
 */
const prescriberSpaceRoute = createRoute({
  getParentRoute: () => authRoute,
  id: 'prescripteur',
  validateSearch: prescriberLinkSearch,
  beforeLoad: ({ context, location, search }) => {
    if (arrivedByLink('prescriber', search[CONSOLE_LINK_PARAMS.prescriber], context, location)) return;
    if (!prescriberMembership(context.session)) throw redirect({ to: '/' });
  },
  component: function PrescriberSpaceRoute() {
    const search = prescriberSpaceRoute.useSearch();
    const path = useRouterState({ select: (s) => s.location.pathname });
    return <ConsoleOfLink console="prescriber" id={search[CONSOLE_LINK_PARAMS.prescriber]} path={path} />;
  },
});

const prescriberRoute = createRoute({
  getParentRoute: () => prescriberSpaceRoute,
  path: '/prescripteur',
  component: PrescriberPage,
});

/** The information notice the desk reads to a person, or prints, before recording their data. */
const privacyNoticeRoute = createRoute({
  getParentRoute: () => prescriberSpaceRoute,
  path: '/prescripteur/notice-donnees',
  component: PrivacyNoticePage,
});

/**
 * ?lieu= names the place a link is about (an e-mail's, core/console-link.ts): the console switches
 * to it and the address drops it; a place the person is not of is said, never another shown.
 */
const placeRoute = createRoute({
  getParentRoute: () => authRoute,
  id: 'lieu',
  validateSearch: placeLinkSearch,
  beforeLoad: ({ context, location, search }) => {
    if (arrivedByLink('place', search[CONSOLE_LINK_PARAMS.place], context, location)) return;
    if (!placeMembership(context.session)) throw redirect({ to: '/' });
  },
  component: function PlaceRoute() {
    const search = placeRoute.useSearch();
    const path = useRouterState({ select: (s) => s.location.pathname });
    return <ConsoleOfLink console="place" id={search[CONSOLE_LINK_PARAMS.place]} path={path} />;
  },
});

/** ?code= comes from a scanned QR code (see passLinkRoute); the page checks it on arrival. */
const redeemRoute = createRoute({
  getParentRoute: () => placeRoute,
  path: '/lieu',
  validateSearch: (s: Record<string, unknown>): { code?: string } => {
    // The router reads an all-digit value as a number: a code of digits only is still a code.
    const code = typeof s.code === 'number' ? String(s.code) : s.code;
    return typeof code === 'string' && code.length > 0 && code.length <= 200 ? { code } : {};
  },
  component: withPage(RedeemPage, function RedeemRoute() {
    const { code } = redeemRoute.useSearch();
    return <RedeemPage initialCode={code} />;
  }),
});

/** The place's description in the national standard: its admin keeps it, its agents read it. */
const placeProfileRoute = createRoute({
  getParentRoute: () => placeRoute,
  path: '/lieu/profil',
  component: PlaceProfilePage,
});

/** Its admin adds another site of the place's structure, under its SIRET. */
const addSiteRoute = createRoute({
  getParentRoute: () => placeRoute,
  path: '/lieu/ajouter-un-site',
  component: AddSitePage,
});

/** The place applies to the funders' programmes and reads their decisions. */
const placeQualificationRoute = createRoute({
  getParentRoute: () => placeRoute,
  path: '/lieu/qualification',
  component: QualificationPage,
});

/** The place's monthly statements: download, contest (issue 12). */
const placeStatementsRoute = createRoute({
  getParentRoute: () => placeRoute,
  path: '/lieu/releves',
  component: PlaceStatementsPage,
});

/** « Mes lieux »: a person's places side by side, for whoever works at two or more. */
const myPlacesRoute = createRoute({
  getParentRoute: () => placeRoute,
  path: '/lieu/mes-lieux',
  component: MyPlacesPage,
});

const apiKeysRoute = createRoute({
  getParentRoute: () => placeRoute,
  path: '/lieu/cles',
  component: ApiKeysPage,
});

/** Who did what at the place: its admin's journal. */
const placeJournalRoute = createRoute({
  getParentRoute: () => placeRoute,
  path: '/lieu/journal',
  component: PlaceJournalPage,
});

const placeTeamRoute = createRoute({
  getParentRoute: () => placeRoute,
  path: '/lieu/equipe',
  component: PlaceTeamPage,
});

/** Every signed-in person's own account: the header's account link leads here. */
const accountRoute = createRoute({
  getParentRoute: () => authRoute,
  path: '/compte',
  component: AccountPage,
});

const adminRoute = createRoute({
  getParentRoute: () => authRoute,
  path: '/admin',
  beforeLoad: ({ context }) => {
    if (!isPlatformAdmin(context.session)) throw redirect({ to: '/' });
  },
  component: AdminPage,
});

/** The e-mail outbox, for platform admins (issue 12, point 7). */
const messagesRoute = createRoute({
  getParentRoute: () => authRoute,
  path: '/admin/messages',
  beforeLoad: ({ context }) => {
    if (!isPlatformAdmin(context.session)) throw redirect({ to: '/' });
  },
  component: MessagesPage,
});

/** « Trouver un pass »: the helpdesk looks a pass up by the code a person reads on the phone. */
const passLookupRoute = createRoute({
  getParentRoute: () => authRoute,
  path: '/admin/pass',
  beforeLoad: ({ context }) => {
    if (!isPlatformAdmin(context.session)) throw redirect({ to: '/' });
  },
  component: PassLookupPage,
});

/** One message of the outbox, its one-time link masked. */
const messageRoute = createRoute({
  getParentRoute: () => authRoute,
  path: '/admin/messages/$messageId',
  beforeLoad: ({ context }) => {
    if (!isPlatformAdmin(context.session)) throw redirect({ to: '/' });
  },
  component: withPage(MessagePage, function MessageRoute() {
    const { messageId } = messageRoute.useParams();
    return <MessagePage messageId={messageId} />;
  }),
});

/** A funder's journal, for the platform admin whom its team asks « who did this? ». */
const funderJournalRoute = createRoute({
  getParentRoute: () => authRoute,
  path: '/admin/financeurs/$funderId/journal',
  beforeLoad: ({ context }) => {
    if (!isPlatformAdmin(context.session)) throw redirect({ to: '/' });
  },
  component: withPage(FunderJournalPage, function FunderJournalRoute() {
    const { funderId } = funderJournalRoute.useParams();
    return <FunderJournalPage funderId={funderId} />;
  }),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  invitationRoute,
  passwordResetRequestRoute,
  passwordResetRoute,
  placeRegistrationRoute,
  placeRegistrationConfirmRoute,
  accessibilityRoute,
  legalNoticeRoute,
  personalDataRoute,
  passLinkRoute,
  directoryRoute,
  directoryProgramRoute,
  directoryPlaceRoute,
  authRoute.addChildren([
    homeRoute,
    funderRoute.addChildren([
      programListRoute,
      newProgramRoute,
      teamRoute,
      settingsRoute,
      programRoute,
      amendmentRoute,
      envelopeRoute,
      issueRoute,
      fundingRoute,
      allocationRoute,
      programBookletsRoute,
      dashboardRoute,
      programReportRoute,
      bookletsRoute,
      beneficiariesRoute,
      beneficiaryRoute,
      prescribersRoute,
      prescriberDetailRoute,
      placesRoute,
      placeOfFunderRoute,
      qualificationSettingsRoute,
      placeImportRoute,
      paymentsRoute,
      auditRoute,
      funderStatementsRoute,
    ]),
    placeRoute.addChildren([
      redeemRoute,
      placeProfileRoute,
      addSiteRoute,
      placeQualificationRoute,
      placeStatementsRoute,
      myPlacesRoute,
      apiKeysRoute,
      placeJournalRoute,
      placeTeamRoute,
    ]),
    prescriberSpaceRoute.addChildren([prescriberRoute, privacyNoticeRoute]),
    adminRoute,
    messagesRoute,
    passLookupRoute,
    messageRoute,
    funderJournalRoute,
    accountRoute,
  ]),
]);

/** What a route shows while it waits: the same words as index.html's placeholder, as a status. */
const PendingPage = () => <Loading />;

export function makeRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    // Data freshness is TanStack Query's job; the router must not cache on its own.
    defaultPreloadStaleTime: 0,
    // A page waiting for the session or for its code (a slow phone) says so below the header,
    // after the router's usual second: the app went white on a first visit, and a menu link
    // left the previous page on screen with nothing said.
    defaultPendingComponent: PendingPage,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
