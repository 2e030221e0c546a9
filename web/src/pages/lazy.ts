import { lazyRouteComponent } from '@tanstack/react-router';

/*
 * Every page in a chunk of its own, fetched when its route is first visited (or hovered:
 * the router preloads on intent). A place agent's phone, on a poor connection, thus downloads
 * the desk and not the funder's console (issue 11: ≤ 250 KB of compressed JavaScript, see
 * e2e/desk-weight.test.ts). A chunk gone after a new deployment makes the page reload once.
 */

export const AccountPage = lazyRouteComponent(() => import('./account/AccountPage'), 'AccountPage');

export const AdminPage = lazyRouteComponent(() => import('./admin/AdminPage'), 'AdminPage');

export const AllocationFormPage = lazyRouteComponent(
  () => import('./funder/AllocationFormPage'),
  'AllocationFormPage',
);
export const AmendmentFormPage = lazyRouteComponent(
  () => import('./funder/AmendmentFormPage'),
  'AmendmentFormPage',
);
export const AuditPage = lazyRouteComponent(() => import('./funder/AuditPage'), 'AuditPage');
export const ProgramBookletsPage = lazyRouteComponent(
  () => import('./funder/ProgramBookletsPage'),
  'ProgramBookletsPage',
);
export const BeneficiariesPage = lazyRouteComponent(
  () => import('./funder/BeneficiariesPage'),
  'BeneficiariesPage',
);
export const BeneficiaryPage = lazyRouteComponent(
  () => import('./funder/BeneficiaryPage'),
  'BeneficiaryPage',
);
export const BookletsPage = lazyRouteComponent(() => import('./funder/BookletsPage'), 'BookletsPage');
export const DashboardPage = lazyRouteComponent(() => import('./funder/DashboardPage'), 'DashboardPage');
export const EnvelopeFormPage = lazyRouteComponent(
  () => import('./funder/EnvelopeFormPage'),
  'EnvelopeFormPage',
);
export const FundingFormPage = lazyRouteComponent(
  () => import('./funder/FundingFormPage'),
  'FundingFormPage',
);
export const IssueFormPage = lazyRouteComponent(() => import('./funder/IssueFormPage'), 'IssueFormPage');
export const NewProgramPage = lazyRouteComponent(() => import('./funder/NewProgramPage'), 'NewProgramPage');
export const PrescriberDetailPage = lazyRouteComponent(
  () => import('./funder/PrescriberDetailPage'),
  'PrescriberDetailPage',
);
export const PlaceImportPage = lazyRouteComponent(
  () => import('./funder/PlaceImportPage'),
  'PlaceImportPage',
);
export const PrescribersPage = lazyRouteComponent(
  () => import('./funder/PrescribersPage'),
  'PrescribersPage',
);
export const PaymentsPage = lazyRouteComponent(() => import('./funder/PaymentsPage'), 'PaymentsPage');
export const PlacePage = lazyRouteComponent(() => import('./funder/PlacePage'), 'PlacePage');
export const PlacesPage = lazyRouteComponent(() => import('./funder/PlacesPage'), 'PlacesPage');
export const ProgramListPage = lazyRouteComponent(
  () => import('./funder/ProgramListPage'),
  'ProgramListPage',
);
export const ProgramPage = lazyRouteComponent(() => import('./funder/ProgramPage'), 'ProgramPage');
export const ProgramReportPage = lazyRouteComponent(
  () => import('./funder/ProgramReportPage'),
  'ProgramReportPage',
);
export const QualificationSettingsPage = lazyRouteComponent(
  () => import('./funder/QualificationSettingsPage'),
  'QualificationSettingsPage',
);
export const TeamPage = lazyRouteComponent(() => import('./funder/TeamPage'), 'TeamPage');
export const SettingsPage = lazyRouteComponent(() => import('./funder/SettingsPage'), 'SettingsPage');

export const ApiKeysPage = lazyRouteComponent(() => import('./place/ApiKeysPage'), 'ApiKeysPage');
export const PlaceTeamPage = lazyRouteComponent(() => import('./place/TeamPage'), 'PlaceTeamPage');
export const QualificationPage = lazyRouteComponent(
  () => import('./place/QualificationPage'),
  'QualificationPage',
);
export const RedeemPage = lazyRouteComponent(() => import('./place/RedeemPage'), 'RedeemPage');
export const PlaceProfilePage = lazyRouteComponent(
  () => import('./place/PlaceProfilePage'),
  'PlaceProfilePage',
);

export const PrescriberPage = lazyRouteComponent(
  () => import('./prescriber/PrescriberPage'),
  'PrescriberPage',
);

export const PrivacyNoticePage = lazyRouteComponent(
  () => import('./prescriber/PrivacyNoticePage'),
  'PrivacyNoticePage',
);

export const LegalNoticePage = lazyRouteComponent(
  () => import('./public/legal/LegalNoticePage'),
  'LegalNoticePage',
);
export const PersonalDataPage = lazyRouteComponent(
  () => import('./public/legal/PersonalDataPage'),
  'PersonalDataPage',
);
export const AccessibilityPage = lazyRouteComponent(
  () => import('./public/AccessibilityPage'),
  'AccessibilityPage',
);
export const DirectoryHomePage = lazyRouteComponent(
  () => import('./public/directory/DirectoryHomePage'),
  'DirectoryHomePage',
);
export const DirectoryPage = lazyRouteComponent(
  () => import('./public/directory/DirectoryPage'),
  'DirectoryPage',
);
export const DirectoryPlacePage = lazyRouteComponent(
  () => import('./public/directory/PlacePage'),
  'PlacePage',
);
export const InvitationPage = lazyRouteComponent(() => import('./public/InvitationPage'), 'InvitationPage');
export const LoginPage = lazyRouteComponent(() => import('./public/LoginPage'), 'LoginPage');
export const NoSpacePage = lazyRouteComponent(() => import('./public/NoSpacePage'), 'NoSpacePage');
export const PassLinkPage = lazyRouteComponent(() => import('./public/PassLinkPage'), 'PassLinkPage');
export const PlaceRegistrationPage = lazyRouteComponent(
  () => import('./public/PlaceRegistrationPage'),
  'PlaceRegistrationPage',
);
export const PlaceRegistrationConfirmPage = lazyRouteComponent(
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
export const MessagesPage = lazyRouteComponent(() => import('./admin/MessagesPage'), 'MessagesPage');
export const MessagePage = lazyRouteComponent(() => import('./admin/MessagePage'), 'MessagePage');
export const FunderJournalPage = lazyRouteComponent(
  () => import('./admin/FunderJournalPage'),
  'FunderJournalPage',
);
export const PasswordResetRequestPage = lazyRouteComponent(
  () => import('./public/PasswordResetRequestPage'),
  'PasswordResetRequestPage',
);
export const PasswordResetPage = lazyRouteComponent(
  () => import('./public/PasswordResetPage'),
  'PasswordResetPage',
);
export const PlaceStatementsPage = lazyRouteComponent(
  () => import('./place/StatementsPage'),
  'StatementsPage',
);
export const FunderStatementsPage = lazyRouteComponent(
  () => import('./funder/StatementsPage'),
  'StatementsPage',
);
