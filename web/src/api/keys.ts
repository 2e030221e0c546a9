import type { TeamRef } from './members';

const teamKey = (team: TeamRef) =>
  'funderId' in team ? (['funders', team.funderId] as const) : (['places', team.placeId] as const);

/** Query keys in one place so mutations invalidate exactly what they change. */
export const keys = {
  session: ['session'] as const,
  funders: ['funders'] as const,
  funderPrograms: (funderId: string) => ['funders', funderId, 'programs'] as const,
  program: (programId: string) => ['programs', programId] as const,
  programAsOf: (programId: string, asOf: string) => ['programs', programId, { asOf }] as const,
  audit: (funderId: string) => ['funders', funderId, 'audit'] as const,
  platformAudit: ['audit', 'platform'] as const,
  /** What the helpdesk read of an address; every one, under the first key. */
  accountLookups: ['admin', 'accounts'] as const,
  accountLookup: (email: string) => ['admin', 'accounts', email] as const,
  helpdeskPass: (code: string) => ['admin', 'passes', code] as const,
  // A programme's booklets, one key per filter and page (under the programme's: refreshed with it).
  programBooklets: (programId: string, query: object) => ['programs', programId, 'booklets', query] as const,
  programIssues: (programId: string) => ['programs', programId, 'issues'] as const,
  handedOut: (organisationId: string) => ['organisations', organisationId, 'handed-out'] as const,
  organisation: (organisationId: string) => ['organisations', organisationId] as const,
  invitation: (token: string) => ['invitations', token] as const,
  // A team's: a funder's staff or a place's people (api/members.ts TeamRef), and its invitations.
  pendingInvitations: (team: TeamRef) => [...teamKey(team), 'invitations'] as const,
  members: (team: TeamRef) => [...teamKey(team), 'members'] as const,
  // A place's desk: the check of one code, its redemptions, its API keys (all under the place).
  passCheck: (placeId: string, code: string) => ['places', placeId, 'pass', code] as const,
  placeRedemptions: (placeId: string) => ['places', placeId, 'redemptions'] as const,
  placeApiKeys: (placeId: string) => ['places', placeId, 'api-keys'] as const,
  // A place's own journal, one key per filter and page (under the place's).
  placeJournal: (placeId: string, query: object) => ['places', placeId, 'journal', query] as const,
  placeApiKeyUsage: (placeId: string) => ['places', placeId, 'api-keys', 'usage'] as const,
  programDashboard: (programId: string) => ['programs', programId, 'dashboard'] as const,
  // Under the programme's key: whatever invalidates a programme refreshes its money too.
  finance: (programId: string) => ['programs', programId, 'finance'] as const,
  organisations: (funderId: string, kind: string) =>
    ['funders', funderId, 'organisations', { kind }] as const,
  prescribers: (funderId: string) => ['funders', funderId, 'prescribers'] as const,
  stock: (organisationId: string) => ['organisations', organisationId, 'stock'] as const,
  // Every organisation's stock at once: a transfer empties stocks the page does not name.
  stocks: ['organisations'] as const,
  booklets: (funderId: string) => ['funders', funderId, 'booklets'] as const,
  bookletMovements: (funderId: string, serial: string) =>
    ['funders', funderId, 'booklets', serial, 'movements'] as const,
  passStory: (funderId: string, code: string) => ['funders', funderId, 'passes', code] as const,
  // The people a funder recorded: its searches and each person's record, all under one key
  // that an erasure invalidates.
  beneficiaries: (funderId: string) => ['funders', funderId, 'beneficiaries'] as const,
  beneficiarySearch: (funderId: string, q: string) =>
    ['funders', funderId, 'beneficiaries', 'search', q] as const,
  beneficiary: (funderId: string, beneficiaryId: string) =>
    ['funders', funderId, 'beneficiaries', beneficiaryId] as const,
};
