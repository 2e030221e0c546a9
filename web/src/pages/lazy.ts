import type { AsyncRouteComponent } from '@tanstack/react-router';
import { type ComponentType, createElement, use, useReducer } from 'react';
import { PageLoadFailed } from '../ui/PageLoadFailed';
import { type ChunkFailure, reloadOnce, whyChunkFailed } from './chunkFailure';

/*
 * Every page in a chunk of its own, fetched when its route is first visited (or hovered:
 * the router preloads on intent). A place agent's phone, on a poor connection, thus downloads
 * the desk and not the funder's console (issue 11: ≤ 250 KB of compressed JavaScript, see
 * e2e/desk-weight.test.ts). A chunk gone after a new deployment makes the page reload once;
 * a chunk out of reach because the connection is lost says so in the layout instead.
 */

/**
 * TanStack's `lazyRouteComponent`, but for a chunk that fails to come it tells « offline »
 * from « new version »: TanStack reloaded the page in both cases, and offline the browser then
 * showed its own error page in place of the app, losing what had been typed at the desk
 * (chunkFailure.ts says how the two are told apart).
 */
export function lazyPage<T extends Record<string, unknown>, K extends keyof T & string>(
  importer: () => Promise<T>,
  name: K,
): T[K] extends (props: infer P) => unknown
  ? AsyncRouteComponent<P> & { preload: () => Promise<void> }
  : never {
  // Any props: the page's own, which the return type above gives its callers.
  let Page: ComponentType<any> | undefined;
  let loading: Promise<void> | undefined;
  let failure: { error: unknown; why: ChunkFailure } | undefined;

  // Never rejects (the router awaits it while it loads the route): a failure is kept for the render.
  const load = (): Promise<void> => {
    if (Page) return Promise.resolve();
    loading ??= importer().then(
      (module) => {
        Page = module[name] as ComponentType;
        failure = undefined;
      },
      async (error: unknown) => {
        failure = { error, why: await whyChunkFailed(error) };
        // The next visit to the route, or « Réessayer », fetches it again.
        loading = undefined;
      },
    );
    return loading;
  };

  function LazyPage(props: any) {
    const [, loaded] = useReducer((n: number) => n + 1, 0);
    // A first visit, or a new attempt under way (the route visited again): its outcome is awaited.
    if (!Page && (!failure || loading)) use(load());
    if (Page) return createElement(Page, props);
    if (failure?.why === 'offline') {
      return createElement(PageLoadFailed, { retry: () => load().then(() => loaded()) });
    }
    // At render and not when a hovered link preloads it: only a visit reloads the page.
    if (failure?.why === 'deployed' && reloadOnce(failure.error)) throw new Promise(() => {});
    throw failure?.error;
  }
  LazyPage.preload = load;
  return LazyPage as never;
}

export const AccountPage = lazyPage(() => import('./account/AccountPage'), 'AccountPage');

export const AdminPage = lazyPage(() => import('./admin/AdminPage'), 'AdminPage');

export const AllocationFormPage = lazyPage(() => import('./funder/AllocationFormPage'), 'AllocationFormPage');
export const AmendmentFormPage = lazyPage(() => import('./funder/AmendmentFormPage'), 'AmendmentFormPage');
export const AuditPage = lazyPage(() => import('./funder/AuditPage'), 'AuditPage');
export const ProgramBookletsPage = lazyPage(
  () => import('./funder/ProgramBookletsPage'),
  'ProgramBookletsPage',
);
export const BeneficiariesPage = lazyPage(() => import('./funder/BeneficiariesPage'), 'BeneficiariesPage');
export const BeneficiaryPage = lazyPage(() => import('./funder/BeneficiaryPage'), 'BeneficiaryPage');
export const BookletsPage = lazyPage(() => import('./funder/BookletsPage'), 'BookletsPage');
export const DashboardPage = lazyPage(() => import('./funder/DashboardPage'), 'DashboardPage');
export const EnvelopeFormPage = lazyPage(() => import('./funder/EnvelopeFormPage'), 'EnvelopeFormPage');
export const FundingFormPage = lazyPage(() => import('./funder/FundingFormPage'), 'FundingFormPage');
export const IssueFormPage = lazyPage(() => import('./funder/IssueFormPage'), 'IssueFormPage');
export const NewProgramPage = lazyPage(() => import('./funder/NewProgramPage'), 'NewProgramPage');
export const PrescriberDetailPage = lazyPage(
  () => import('./funder/PrescriberDetailPage'),
  'PrescriberDetailPage',
);
export const PlaceImportPage = lazyPage(() => import('./funder/PlaceImportPage'), 'PlaceImportPage');
export const PrescribersPage = lazyPage(() => import('./funder/PrescribersPage'), 'PrescribersPage');
export const PaymentsPage = lazyPage(() => import('./funder/PaymentsPage'), 'PaymentsPage');
export const PlacePage = lazyPage(() => import('./funder/PlacePage'), 'PlacePage');
export const PlacesPage = lazyPage(() => import('./funder/PlacesPage'), 'PlacesPage');
export const ProgramListPage = lazyPage(() => import('./funder/ProgramListPage'), 'ProgramListPage');
export const ProgramPage = lazyPage(() => import('./funder/ProgramPage'), 'ProgramPage');
export const ProgramReportPage = lazyPage(() => import('./funder/ProgramReportPage'), 'ProgramReportPage');
export const QualificationSettingsPage = lazyPage(
  () => import('./funder/QualificationSettingsPage'),
  'QualificationSettingsPage',
);
export const TeamPage = lazyPage(() => import('./funder/TeamPage'), 'TeamPage');
export const SettingsPage = lazyPage(() => import('./funder/SettingsPage'), 'SettingsPage');

export const ApiKeysPage = lazyPage(() => import('./place/ApiKeysPage'), 'ApiKeysPage');
export const PlaceJournalPage = lazyPage(() => import('./place/JournalPage'), 'PlaceJournalPage');
export const PlaceTeamPage = lazyPage(() => import('./place/TeamPage'), 'PlaceTeamPage');
export const QualificationPage = lazyPage(() => import('./place/QualificationPage'), 'QualificationPage');
export const RedeemPage = lazyPage(() => import('./place/RedeemPage'), 'RedeemPage');
export const PlaceProfilePage = lazyPage(() => import('./place/PlaceProfilePage'), 'PlaceProfilePage');
export const AddSitePage = lazyPage(() => import('./place/AddSitePage'), 'AddSitePage');

export const PrescriberPage = lazyPage(() => import('./prescriber/PrescriberPage'), 'PrescriberPage');

export const PrivacyNoticePage = lazyPage(
  () => import('./prescriber/PrivacyNoticePage'),
  'PrivacyNoticePage',
);

export const LegalNoticePage = lazyPage(() => import('./public/legal/LegalNoticePage'), 'LegalNoticePage');
export const PersonalDataPage = lazyPage(() => import('./public/legal/PersonalDataPage'), 'PersonalDataPage');
export const AccessibilityPage = lazyPage(() => import('./public/AccessibilityPage'), 'AccessibilityPage');
export const DirectoryHomePage = lazyPage(
  () => import('./public/directory/DirectoryHomePage'),
  'DirectoryHomePage',
);
export const DirectoryPage = lazyPage(() => import('./public/directory/DirectoryPage'), 'DirectoryPage');
export const DirectoryPlacePage = lazyPage(() => import('./public/directory/PlacePage'), 'PlacePage');
export const InvitationPage = lazyPage(() => import('./public/InvitationPage'), 'InvitationPage');
export const LoginPage = lazyPage(() => import('./public/LoginPage'), 'LoginPage');
export const NoSpacePage = lazyPage(() => import('./public/NoSpacePage'), 'NoSpacePage');
export const PassLinkPage = lazyPage(() => import('./public/PassLinkPage'), 'PassLinkPage');
export const PlaceRegistrationPage = lazyPage(
  () => import('./public/PlaceRegistrationPage'),
  'PlaceRegistrationPage',
);
export const PlaceRegistrationConfirmPage = lazyPage(
  () => import('./public/PlaceRegistrationConfirmPage'),
  'PlaceRegistrationConfirmPage',
);

/**
 * For a route whose component hands the page its params: the router fetches the page's chunk
 * while it runs the route's checks, as it does for a page given directly as the component,
 * so that the page never shows up blank while its code is still on its way.
 */
export function withPage<C extends object>(page: { preload?: () => unknown }, route: C): C {
  return Object.assign(route, { preload: () => page.preload?.() });
}
export const MessagesPage = lazyPage(() => import('./admin/MessagesPage'), 'MessagesPage');
export const PassLookupPage = lazyPage(() => import('./admin/PassLookupPage'), 'PassLookupPage');
export const MessagePage = lazyPage(() => import('./admin/MessagePage'), 'MessagePage');
export const FunderJournalPage = lazyPage(() => import('./admin/FunderJournalPage'), 'FunderJournalPage');
export const PasswordResetRequestPage = lazyPage(
  () => import('./public/PasswordResetRequestPage'),
  'PasswordResetRequestPage',
);
export const PasswordResetPage = lazyPage(() => import('./public/PasswordResetPage'), 'PasswordResetPage');
export const PlaceStatementsPage = lazyPage(() => import('./place/StatementsPage'), 'StatementsPage');
export const MyPlacesPage = lazyPage(() => import('./place/MyPlacesPage'), 'MyPlacesPage');
export const FunderStatementsPage = lazyPage(() => import('./funder/StatementsPage'), 'StatementsPage');
