/**
 * Types of the JSON API under /api/v1 (camelCase). Money is integer euro cents,
 * shares are basis points (10000 = 100 %), business dates are 'YYYY-MM-DD'.
 * Kept by hand in step with src/core/program/types.ts and the route schemas;
 * they can be generated from the OpenAPI document once it is published.
 */

export type IsoDate = string;
export type IsoDateTime = string;

export type Role =
  | 'platform_admin'
  | 'funder_admin'
  | 'funder_viewer'
  | 'prescriber_agent'
  | 'place_agent'
  | 'beneficiary';

export interface Membership {
  role: Role;
  funderId: string | null;
  funderName: string | null;
  organisationId: string | null;
  organisationName: string | null;
}

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
}

export interface Session {
  user: SessionUser;
  memberships: Membership[];
  csrfToken: string;
}

export type TerritoryLevel = 'region' | 'departement' | 'epci' | 'commune';

export interface TerritoryRef {
  level: TerritoryLevel;
  code: string;
}

export interface NamedTerritory extends TerritoryRef {
  name: string;
}

export type FunderKind = 'region' | 'departement' | 'epci' | 'syndicat_mixte' | 'commune' | 'other';

export interface Funder {
  id: string;
  name: string;
  kind: FunderKind;
  siret: string;
  territory: NamedTerritory[];
}

export interface CreateFunderInput {
  name: string;
  kind: FunderKind;
  siret: string;
  territory: TerritoryRef[];
  firstAdminEmail: string;
}

export interface CreateFunderResult {
  funder: Funder;
  invitationUrl: string;
}

export interface Invitation {
  email: string;
  role: Role;
  funderName: string | null;
}

export interface AcceptInvitationInput {
  displayName: string;
  password: string;
}

export type { BudgetView, TimelineEntry } from '../../../src/core/program/index';
// The programme's shapes are the domain's own (src/core is pure TypeScript, so the web app
// imports its types directly instead of keeping a copy that could drift).
export type {
  Amendment,
  BookletSize,
  Budget,
  BudgetLine,
  BudgetLineKind,
  Calendar,
  Cofunder,
  Envelope,
  LegalReference,
  PhasingEntry,
  ProgramChanges,
  ProgramState,
  ProgramStatus,
  ReportingDeadline,
} from '../../../src/core/program/types';

import type { BudgetView, TimelineEntry } from '../../../src/core/program/index';
import type { Envelope, LegalReference, ProgramChanges, ProgramState } from '../../../src/core/program/types';

export interface ProgramSummary {
  id: string;
  funderId: string;
  asOf: IsoDate;
  /** The contract says always present; tolerated null for a programme whose creation takes effect later. */
  state: ProgramState | null;
}

export interface ProgramDetail {
  id: string;
  funderId: string;
  asOf: IsoDate;
  /** null when the programme did not exist yet on asOf */
  state: ProgramState | null;
  timeline: TimelineEntry[];
  /** envelopes in force on asOf */
  envelopes: Envelope[];
  allEnvelopes: Envelope[];
  budget: BudgetView | null;
}

export interface CreateAmendmentInput {
  effectiveOn: IsoDate;
  legal: LegalReference;
  changes: ProgramChanges;
}

export interface CreateEnvelopeInput {
  name: string;
  cap: number;
  effectiveOn: IsoDate;
  territory: TerritoryRef[];
}

export interface AuditEntry {
  id: number;
  at: IsoDateTime;
  actorEmail: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  summary: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: number | null;
}

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}
