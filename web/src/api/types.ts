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
  | 'place_admin'
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
  /** False for an account made at a ProConnect sign-in, until a password is chosen by a reset link. */
  hasPassword: boolean;
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
  /** « Verdun (55100) — commune », « Meuse (55) — département » (absent from older answers) */
  label?: string;
}

/** A territory the search offers (GET /territories). */
export interface TerritoryMatch extends TerritoryRef {
  name: string;
  label: string;
  /** a commune's postcodes (communes only) */
  postcodes?: string[];
}

/** A version of the funder's bank account; the IBAN is masked for all but the funder's admins. */
export interface BankAccountView {
  iban: string;
  masked: boolean;
  bic: string;
  holder: string;
  recordedAt: IsoDateTime;
  recordedBy: string | null;
}

export interface FunderSettings {
  funderId: string;
  name: string;
  territory: NamedTerritory[];
  bankAccount: BankAccountView | null;
  bankAccountHistory: BankAccountView[];
  /** payment runs approved by another admin than their preparer (two admins or more) */
  fourEyes: boolean;
  /** months the beneficiaries' names and birth dates are kept after the closure of their last programme */
  beneficiaryRetentionMonths: RetentionMonths;
  /** whom a person writes to about their data, told in the information notice */
  privacyContact: string | null;
  unusualDay: UnusualDayRule;
  /** whom its places write to about their statements and payments (migration 0082) */
  placeContact: PlaceContact | null;
}

/** Whom a funder's places write to: an e-mail address, a phone number if any. */
export interface PlaceContact {
  email: string;
  phone: string | null;
}

/**
 * The funder's rule for a place's unusual day of redemptions: at least `minimum` passes of a
 * programme that day, and more than `factor` times the place's usual number.
 */
export interface UnusualDayRule {
  minimum: number;
  factor: UnusualDayFactor;
}

import type { UnusualDayFactor } from '../../../src/core/unusual-day';

/** What a person is told when their data is recorded at hand-out (RGPD art. 13). */
export interface PrivacyNotice {
  funderName: string;
  privacyContact: string | null;
  retentionMonths: RetentionMonths;
  purposes: { field: string; why: string }[];
}

/** The retention periods a funder chooses from (the API's RETENTION_MONTHS, migration 0056). */
export type RetentionMonths = 6 | 12 | 24 | 36 | 60;

export interface FunderSettingsInput {
  territory?: TerritoryRef[];
  bankAccount?: { iban: string; bic: string; holder: string };
  fourEyes?: boolean;
  beneficiaryRetentionMonths?: RetentionMonths;
  privacyContact?: string | null;
  unusualDay?: UnusualDayRule;
  placeContact?: PlaceContact | null;
}

export type FunderKind = 'region' | 'departement' | 'epci' | 'syndicat_mixte' | 'commune' | 'other';

export interface Funder {
  id: string;
  name: string;
  kind: FunderKind;
  siret: string;
  territory: NamedTerritory[];
}

/** A funder's identity as the operator corrects it, with the reason its journal keeps. */
export interface FunderIdentityInput {
  name: string;
  kind: FunderKind;
  siret: string;
  reason: string;
}

export interface CreateFunderInput {
  name: string;
  kind: FunderKind;
  siret: string;
  territory: TerritoryRef[];
  firstAdminEmail: string;
}

/** An invitation's answer: e-mailed (SMTP configured), or its link to hand over (messages stay in the outbox). */
export interface InvitationSent {
  sentByEmail: boolean;
  /** the invited address as recorded (trimmed, lower case): what the confirmation shows */
  email: string;
  /** only when not e-mailed */
  invitationUrl?: string;
}

export interface CreateFunderResult extends InvitationSent {
  funder: Funder;
}

export interface Invitation {
  email: string;
  role: Role;
  /** The funder that invites; null when a place's admin does. */
  funderName: string | null;
  /** The prescriber or place joined, when the role is one of theirs. */
  organisationName: string | null;
  /** An account has this address: it signs in, then accepts, instead of choosing a password. */
  existingAccount: boolean;
}

/** What accepting an invitation joined (API: JoinedOrganisation). */
export interface JoinedOrganisation {
  /** The console it opens: a funder's team, a place's, a prescriber organisation's. */
  kind: 'funder' | 'place' | 'prescriber';
  /** The funder's id for a funder, else the organisation's. */
  id: string;
  name: string;
  role: Role;
  /** The role in French, e.g. « agent de lieu de médiation ». */
  roleLabel: string;
}

/** The answer to accepting an invitation: the session, and what was joined. */
export interface InvitationAccepted extends Session {
  joined: JoinedOrganisation;
}

export interface AcceptInvitationInput {
  displayName: string;
  password: string;
}

export interface PasswordChangeInput {
  currentPassword: string;
  newPassword: string;
}

export type { BudgetView, TimelineEntry } from '../../../src/core/program/index';
// The programme's shapes are the domain's own (src/core is pure TypeScript, so the web app
// imports its types directly instead of keeping a copy that could drift).
export type {
  Amendment,
  Audience,
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
import type { ProgramPhase } from '../../../src/core/program/status';

export type { ProgramPhase } from '../../../src/core/program/status';

import type {
  Envelope,
  LegalReference,
  ProgramChanges,
  ProgramState,
  ProgramStateInput,
} from '../../../src/core/program/types';

export interface ProgramSummary {
  id: string;
  funderId: string;
  asOf: IsoDate;
  /** As of asOf, or as of startsOn for a programme that has not started yet. */
  name: string;
  /** The day the programme takes effect. */
  startsOn: IsoDate;
  /** The contract says always present; tolerated null for a programme whose creation takes effect later. */
  state: ProgramState | null;
  /** The status as of asOf, from the calendar and the amendments. */
  status: ProgramPhase;
}

export interface ProgramDetail {
  id: string;
  funderId: string;
  asOf: IsoDate;
  /** As of asOf, or as of startsOn for a programme that has not started yet. */
  name: string;
  /** The day the programme takes effect. */
  startsOn: IsoDate;
  /** null when the programme did not exist yet on asOf */
  state: ProgramState | null;
  /** The status as of asOf, from the calendar and the amendments. */
  status: ProgramPhase;
  timeline: TimelineEntry[];
  /** envelopes in force on asOf */
  envelopes: Envelope[];
  allEnvelopes: Envelope[];
  budget: BudgetView | null;
}

/** A programme born of its founding deliberation (POST /funders/{funderId}/programs). */
export interface CreateProgramInput {
  effectiveOn: IsoDate;
  legal: LegalReference;
  state: ProgramStateInput;
}

export type InvitationRole = 'funder_admin' | 'funder_viewer';

/** GET /funders/{funderId}/members: who has access to the funder's space (for its admins). */
export interface Member {
  membershipId: string;
  displayName: string;
  email: string;
  role: InvitationRole | 'place_admin' | 'place_agent';
  since: IsoDateTime;
  /** The caller's own line: no action on it (nobody changes or ends their own access). */
  you: boolean;
  /** Disabled by the platform's operator: the person can no longer sign in, her role is left to the team. */
  disabledAt: IsoDateTime | null;
  /** The caller may prepare her a password link: every role of hers is in this team (not the caller's own line). */
  passwordLink: boolean;
}

/** POST …/members/{membershipId}/password-link: the one-time link, answered once, to hand over in person. */
export interface PasswordLinkIssued {
  url: string;
  /** An hour after it was prepared. */
  expiresAt: IsoDateTime;
  /** With e-mail configured, the person is told that a link was prepared (never the link). */
  ownerEmailed: boolean;
}

/** POST …/members/{membershipId}/role: the new line, and the invitations she sent that went with her admin role. */
export interface MemberRoleChanged extends Member {
  withdrawnInvitations: number;
}

/** POST …/members/{membershipId}/end: the invitations she sent, withdrawn with her access. */
export interface MembershipEnded {
  withdrawnInvitations: number;
}

/** GET /funders/{funderId}/invitations: waiting, neither accepted nor expired (the link is not kept). */
export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  organisationName: string | null;
  invitedBy: string | null;
  createdAt: IsoDateTime;
  expiresAt: IsoDateTime;
  /** its link expired unused (listed with `expired=include`): to be sent again */
  expired: boolean;
}

export interface CreateInvitationInput {
  email: string;
  role: InvitationRole;
}

export interface CreateAmendmentInput {
  effectiveOn: IsoDate;
  legal: LegalReference;
  changes: ProgramChanges;
  /** A rectifying deliberation: the id of the amendment it supersedes. */
  rectifies?: string;
  /** Moving the usage end into the past: confirmed after the `usage_end_in_past` refusal. */
  confirmPastUsageEnd?: boolean;
  /** Cutting a payer's share below what it has paid: confirmed after the `share_below_paid` refusal. */
  confirmShareBelowPaid?: boolean;
}

export interface CreateEnvelopeInput {
  name: string;
  cap: number;
  effectiveOn: IsoDate;
  territory: TerritoryRef[];
}

export type AuditPage = z.infer<typeof AuditPageSchema>;
export type AuditEntry = AuditPage['entries'][number];
export type AuditFilters = z.infer<typeof AuditFiltersSchema>;
export type PlaceJournalPage = z.infer<typeof PlaceJournalPageSchema>;

// Issuing and funding: the route schemas' own types (type-only imports: no server code reaches the bundle).
import type { z } from 'zod';
import type {
  AuditFilters as AuditFiltersSchema,
  AuditPage as AuditPageSchema,
  PlaceJournalPage as PlaceJournalPageSchema,
} from '../../../src/modules/audit/schemas';
import type {
  HandedOutList as HandedOutListSchema,
  HandedOutLookupBody,
  HandedOutLookupResult as HandedOutLookupResultSchema,
  HandedOutSort as HandedOutSortSchema,
} from '../../../src/modules/beneficiaries/schemas';
import type {
  FinanceSummary as FinanceSummarySchema,
  FundingBody,
  FundingResult as FundingResultSchema,
  Payer as PayerSchema,
  ReversalResult as ReversalResultSchema,
} from '../../../src/modules/finance/schemas';
import type {
  IssueBody,
  IssueResult as IssueResultSchema,
  ProgramIssue as ProgramIssueSchema,
} from '../../../src/modules/passes/schemas';
import type {
  AllocationBody,
  BookletList as BookletListSchema,
  BookletSort as BookletSortSchema,
} from '../../../src/modules/stock/schemas';

export type IssueInput = z.input<typeof IssueBody>;
export type IssueResult = z.output<typeof IssueResultSchema>;
export type ProgramIssue = z.output<typeof ProgramIssueSchema>;
export type FundingInput = z.input<typeof FundingBody>;
export type FinanceSummary = z.output<typeof FinanceSummarySchema>;
export type FundingResult = z.output<typeof FundingResultSchema>;
export type Payer = z.output<typeof PayerSchema>;
export type ReversalResult = z.output<typeof ReversalResultSchema>;
export type Funding = FinanceSummary['fundings'][number];

// Stock, hand-out, blocking and replacement: declared inline in the routes, so copied here.
export type AllocationInput = z.input<typeof AllocationBody>;
export type BookletList = z.infer<typeof BookletListSchema>;
export type BookletRow = BookletList['booklets'][number];
export type BookletStatus = BookletRow['status'];
/** The columns the server sorts a programme's booklets by. */
export type BookletSort = BookletSortSchema;
export type HandedOutList = z.infer<typeof HandedOutListSchema>;
/** A booklet handed out, as the structure's list and a person's lookup both show it (the list adds the public). */
export type HandedOutBooklet = Omit<HandedOutList['booklets'][number], 'audience'> &
  Partial<Pick<HandedOutList['booklets'][number], 'audience'>>;
/** The columns the server sorts a prescriber's hand-outs by. */
export type HandedOutSort = HandedOutSortSchema;
/** A person the desk has in front of it: names and birth date, all required. */
export type HandedOutLookupInput = z.input<typeof HandedOutLookupBody>;
export type HandedOutLookupResult = z.infer<typeof HandedOutLookupResultSchema>;
/** A booklet handed out to that person: initials still, and the commune recorded, to confirm. */
export type HandedOutMatch = HandedOutLookupResult['booklets'][number];

export interface SerialList {
  serials: string[];
}

/** Booklets entrusted to a prescriber; `unfunded`: those whose passes still wait for a funding. */
export interface Allocated extends SerialList {
  unfunded: string[];
}

export interface StockBooklet {
  serial: string;
  size: number;
  programId: string;
  /** where its beneficiary may live: a commune within each of these territories (empty: anywhere) */
  residenceWithin: TerritoryRef[][];
  /** false while some of its passes wait for a funding: it cannot be handed out yet */
  funded: boolean;
}

export interface Stock {
  organisationId: string;
  booklets: StockBooklet[];
}

export interface HandOutInput {
  serial: string;
  handedOutOn?: IsoDate;
  beneficiary: {
    firstName: string;
    lastName: string;
    birthDate: IsoDate;
    communeCode: string;
    audience: string;
  };
  /** the desk checked that a person of close name and birth date is someone else */
  confirmNewPerson?: boolean;
}

export interface HandedOver {
  serial: string;
  beneficiaryId: string;
  validFrom: IsoDate;
  validUntil: IsoDate;
}

export interface HandOutResult extends HandedOver {
  /**
   * A retry of a hand-out recorded already (its answer lost): the same booklet to the same
   * person, answered 200 as it was recorded, nothing recorded again; `validFrom` its day.
   */
  alreadyRecorded?: true;
}

export type BlockReason = 'lost' | 'stolen';

export interface BlockResult {
  serial: string;
  status: 'blocked';
  cancelledPasses: number;
}

export interface ReplacementInput {
  blockedSerial: string;
  serial: string;
  /** a booklet larger than the loss: its passes beyond it are cancelled */
  confirmSurplus?: boolean;
}

export interface ReplacementResult extends HandedOver {
  replacesSerial: string;
  /** the passes cancelled beyond the loss, to strike out on the paper */
  cancelledCodes: string[];
}

/** POST /funders/:funderId/transfers: to another prescriber, or back to the funder's stock (null). */
export interface TransferInput {
  serials: string[];
  toId: string | null;
}

export type MovementKind = 'allocate' | 'transfer' | 'return' | 'hand_out' | 'block';

/** One line of GET /funders/:funderId/booklets/:serial/movements, oldest first; null = the funder's stock. */
export interface BookletMovement {
  kind: string;
  /** a block's: the prescriber whose agent blocked it, null when the funder's staff did */
  fromId: string | null;
  toId: string | null;
  /** the organisations by name (null: the funder's stock); a block's fromName is the funder's when its staff blocked it */
  fromName: string | null;
  toName: string | null;
  at: string;
  /** who made the move; null for the command line or the demo loader */
  actorEmail: string | null;
  /** a block's reason */
  reason: BlockReason | null;
  /** a hand-out that replaced a blocked booklet: that booklet's serial */
  replacesSerial: string | null;
}

/** GET /funders/:funderId/passes/:code: a pass found by its code, where it is and what it paid. */
export interface PassStory {
  code: string;
  programId: string;
  programName: string;
  status: 'issued' | 'active' | 'redeemed' | 'expired' | 'cancelled';
  faceValueCents: number;
  validFrom: IsoDate | null;
  validUntil: IsoDate | null;
  booklet: {
    serial: string;
    status: BookletStatus;
    /** the prescriber holding it, while allocated */
    holderName: string | null;
    handedOutOn: IsoDate | null;
    /** the prescriber that handed it out to the person */
    handedOutByName: string | null;
    /** when, why and by which organisation it was blocked (the prescriber, else the funder) */
    block: {
      at: IsoDateTime;
      reason: BlockReason;
      reasonLabel: string;
      byOrganisationId: string | null;
      byName: string;
    } | null;
  };
  /** every redemption of the pass, cancelled ones included, oldest first */
  sessions: {
    placeId: string;
    placeName: string;
    sessionOn: IsoDate;
    theme: string;
    durationMinutes: number;
    format: string;
    recordedAt: IsoDateTime;
    cancelledAt: IsoDateTime | null;
  }[];
}

/**
 * GET /admin/passes/:code: a pass found by the platform's helpdesk, whatever its funder, told in
 * French with what can be done; nothing of the person.
 */
export interface HelpdeskPass extends Omit<PassStory, 'booklet'> {
  funderId: string;
  funderName: string;
  /** the pass's state in French (« Utilisé », « Annulé »…) */
  statusLabel: string;
  booklet: PassStory['booklet'] & { statusLabel: string };
  /** what the person can do, or the helpdesk tell them */
  advice: string[];
}

/** A prescriber or a place, attached to a funder. */
export interface Organisation {
  id: string;
  name: string;
  kind: 'prescriber' | 'place';
  communeCode: string | null;
}

/** A prescriber organisation as its funder's page lists it (GET /funders/:funderId/prescribers). */
export interface Prescriber {
  id: string;
  name: string;
  /** null for prescribers recorded before kinds existed */
  kind: PrescriberKind | null;
  siret: string | null;
  communeCode: string | null;
  communeName: string | null;
}

/** What a prescriber holds and handed out, on the list's rows and on its page. */
export interface PrescriberFigures {
  /** booklets held now, not handed out */
  held: number;
  handedOut: number;
  /** passes of the booklets handed out that were redeemed */
  redeemed: number;
  lastHandOutOn: string | null;
}

export type PrescriberWithFigures = Prescriber & PrescriberFigures;

/** GET /funders/:funderId/prescribers/:prescriberId */
export interface PrescriberDetail extends PrescriberWithFigures {
  daysSinceLastHandOut: number | null;
  booklets: { serial: string; size: number; programId: string }[];
  agents: { membershipId: string; displayName: string; email: string }[];
  invitedAgents: { email: string; expiresAt: string }[];
}

/** The report of an import of prescribers, line by line (a dry run's or an applied one's). */
export interface PrescriberImportReport {
  dryRun: boolean;
  fileName: string;
  counts: { lines: number; created: number; unchanged: number; rejected: number };
  lines: {
    line: number;
    name: string | null;
    status: 'created' | 'unchanged' | 'rejected';
    errors: { field: string; message: string }[];
    prescriberId: string | null;
  }[];
}

export interface CreatePrescriberInput {
  name: string;
  kind: PrescriberKind;
  siret?: string;
  communeCode: string;
}

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
  /**
   * With `beneficiary_allowance_reached`: the booklets the person already received; with
   * `beneficiary_possible_duplicate`, those of people of close name and birth date.
   */
  earlierHandOuts?: EarlierHandOut[];
  /**
   * With `unknown_code`, once 5 or fewer are left: how many more unknown codes the place may
   * look up before its lookups are locked (0: locked now).
   */
  guessesLeft?: number;
  /** With a 429: seconds to wait, as the Retry-After header. */
  retryAfterS?: number;
  /** With `replacement_exceeds_loss`: how many passes confirming would cancel (absent: none to offer). */
  surplus?: number;
  /**
   * With `place_siret_differs`, the places of the SIRET typed (the sites of one structure); with `place_similar_exists`, the
   * places of close name in the same commune: the funder may add one of them instead.
   */
  places?: { id: string; name: string; siret: string | null; communeName: string | null }[];
}

export interface EarlierHandOut {
  serial: string;
  passes: number;
  handedOutOn: IsoDate;
  prescriber: string | null;
  /** blocked (lost or stolen) that day; null while valid */
  blockedOn: IsoDate | null;
  /** the booklet handed to the person in its place */
  replacedBy: string | null;
  /** with `beneficiary_possible_duplicate`: the name the person was recorded under */
  beneficiaryName?: string;
}

/** A current commune of the official geographic code, as the commune search gives it. */
export interface Commune {
  code: string;
  name: string;
  postcodes: string[];
  departement: string;
}

// A prescriber's kinds and their labels are the domain's own (values, not only types).
import type { PrescriberKind } from '../../../src/core/prescriber-kinds';

export type { PrescriberKind };

// Redemption at a place: the session vocabulary is the domain's own (values, not only types).
import type { SessionFormat } from '../../../src/core/session';

export type { SessionFormat };

/** What a place sees when it checks a code (GET /passes/:code?placeId=). */
export type PassStatus =
  | 'redeemable'
  | 'not_handed_out'
  | 'not_yet_valid'
  | 'expired'
  | 'already_redeemed'
  | 'blocked'
  /** struck out when a larger booklet replaced a lost one, or never handed out by the usage end */
  | 'cancelled'
  | 'program_closed'
  /** the funder of the pass's programme suspended this place */
  | 'place_suspended';

export interface PassCheck {
  /** formatted: XXXX-XXXX-XXXX-XX */
  code: string;
  status: PassStatus;
  /** French, for the person at the desk */
  message: string;
  faceValueCents: number | null;
  programName: string | null;
  validFrom: IsoDate | null;
  validUntil: IsoDate | null;
  redeemedAt: IsoDateTime | null;
  /**
   * for a pass `already_redeemed`: whether this place redeemed it (a double entry at its desk)
   * rather than another place, of which nothing more is said; null otherwise
   */
  byThisPlace: boolean | null;
  /** when `byThisPlace`: this place's redemption of the pass, which it may cancel within the window */
  redemptionId: number | null;
  /**
   * for a pass `expired` for a session of today because its programme's usage has ended: the
   * last day a session given on or before `validUntil` may still be recorded, with its date
   */
  lateSessionsUntil: IsoDate | null;
  /** the session themes this pass may pay for */
  themes: string[];
}

export interface RedeemInput {
  placeId: string;
  code: string;
  /** one per confirmation attempt, reused on retry: the server answers a replay with the first result */
  nonce: string;
  theme: string;
  durationMinutes: number;
  format: SessionFormat;
  /** the day the session was given, when recorded on a later day (absent: today) */
  sessionOn?: IsoDate;
}

export interface Redemption {
  /** a sequence number, not a uuid */
  id: number;
  code: string;
  placeId: string;
  programName: string;
  faceValueCents: number;
  theme: string;
  durationMinutes: number;
  format: SessionFormat;
  redeemedAt: IsoDateTime;
  /** the day the session was given: the day it was recorded, or the earlier day sent */
  sessionOn: IsoDate;
  cancellableUntil: IsoDateTime;
  cancelledAt: IsoDateTime | null;
  /** once cancelled, whether the pass may be redeemed again (a retry and the list say it too); null while it stands */
  passUsableAgain: boolean | null;
  /** when passUsableAgain is false, why; null while it stands or while the pass is usable */
  passUnusableReason: PassUnusableReason | null;
}

/** Why a cancelled redemption's pass may not be redeemed again (a newer server may say more). */
export type PassUnusableReason = 'redeemed_again' | 'blocked' | 'expired' | 'cancelled';

/** In the place's list: who recorded it (the person's name, « Clé API « … » », or « Inconnu (…) »). */
export interface ListedRedemption extends Redemption {
  recordedBy: string;
}

/** A page of the place's redemptions, newest first (`listRedemptions`): `nextBefore` null on the last one. */
export interface RedemptionList {
  redemptions: ListedRedemption[];
  nextBefore: number | null;
  /** how many the list holds, every page together (within `from` and `to`, whatever `before`) */
  total: number;
}

/** The place's live sessions of a period by theme and by who recorded them (`getPlaceActivity`). */
export interface PlaceActivity {
  from: IsoDate;
  to: IsoDate;
  byTheme: { theme: string; sessions: number; minutes: number; valueCents: number }[];
  byRecorder: { recordedBy: string; sessions: number; minutes: number; valueCents: number }[];
}

/** A cancellation's answer: false when the pass's booklet was blocked (lost, stolen) meanwhile, passUnusableReason saying so. */
export interface CancelledRedemption extends Redemption {
  passUsableAgain: boolean;
}

export interface ApiKey {
  id: string;
  label: string;
  /** the first characters of the key, enough to recognise it */
  prefix: string;
  createdAt: IsoDateTime;
  lastUsedAt: IsoDateTime | null;
  revokedAt: IsoDateTime | null;
}

/** A place's keys' calls: per key and day over two weeks, and their last refusals. */
export interface ApiKeyUsage {
  since: IsoDate;
  days: { keyId: string; day: IsoDate; calls: number; errors: number }[];
  lastErrors: {
    keyId: string;
    at: IsoDateTime;
    method: string;
    route: string;
    status: number;
    code: string;
  }[];
}

/** The only answer that carries the full key: the server keeps a hash. */
export interface CreatedApiKey {
  id: string;
  label: string;
  prefix: string;
  createdAt: IsoDateTime;
  key: string;
}

/** Counts of passes for one envelope (envelopeId null: passes outside any envelope) or the total. */
export type { DashboardRow } from '../../../src/core/dashboard';

import type { DashboardRow } from '../../../src/core/dashboard';

export interface ProgramDashboard {
  rows: DashboardRow[];
  total: DashboardRow;
  /** month 'YYYY-MM', every month from the first use to the last, those without a use too */
  byMonth: { month: string; redemptions: number; valueCents: number }[];
  /** A place's day of far more redemptions than usual, latest first (getDashboard's unusualDays). */
  unusualDays: {
    placeId: string;
    placeName: string;
    /** 'YYYY-MM-DD', the day they were recorded */
    day: string;
    redemptions: number;
    /** its average per day of activity over the 28 days before; null when none */
    usualPerDay: number | null;
  }[];
  /** the funder's rule the days were judged by */
  unusualDayRule: UnusualDayRule;
}

/*
 * A person's data, as the funder's admins answer the person's requests (GET/POST
 * /funders/{funderId}/beneficiaries…, src/modules/beneficiaries/schemas.ts).
 */

import type { ErasureReason } from '../../../src/core/erasure-reasons';

export type { ErasureReason };

/** A person the funder recorded at a hand-out; the names and birth date are null once erased. */
export interface BeneficiarySummary {
  id: string;
  firstName: string | null;
  lastName: string | null;
  birthDate: IsoDate | null;
  commune: { code: string; name: string };
  /** booklets handed to the person, replacements of lost ones left out */
  booklets: number;
  lastHandOutOn: IsoDate | null;
  erasedAt: IsoDateTime | null;
}

export interface BeneficiarySearch {
  /** at most 20 */
  people: BeneficiarySummary[];
  /** more people match than are listed: type more of the name */
  more: boolean;
}

/** Everything held about a person; each reading of it is in the funder's journal. */
export interface BeneficiaryRecord {
  person: BeneficiarySummary & {
    audience: { code: string; label: string };
    recordedOn: IsoDate;
    /** the prescriber whose agent recorded the person */
    recordedBy: string | null;
  };
  booklets: {
    serial: string;
    programName: string;
    handedOutOn: IsoDate;
    prescriberName: string | null;
    status: 'handed_out' | 'blocked';
    blockedOn: IsoDate | null;
    blockReason: BlockReason | null;
    replacesSerial: string | null;
    passes: number;
    passesUsed: number;
    validUntil: IsoDate | null;
  }[];
  /** the sessions the person's passes paid, cancelled ones left out */
  sessions: {
    sessionOn: IsoDate;
    placeName: string;
    programName: string;
    serial: string;
    theme: string;
    durationMinutes: number;
    format: SessionFormat;
  }[];
  /** why each field is kept */
  purposes: { field: string; why: string }[];
  /** the names and birth date are erased on `eraseOn`: `months` after the closure of the person's last programme */
  retention: { months: number; eraseOn: IsoDate | null };
  /** the day of this reading */
  readOn: IsoDate;
}

/** Passes of a programme counted over a period or up to its end (GET /programs/{id}/report). */
export interface ReportPassFigures {
  issued: number;
  handedOut: number;
  /** passes used, by the day of their session; cancelled redemptions left out */
  used: number;
  usedValueCents: number;
}

export interface ReportPeople {
  /** an INSEE code (a département's, an EPCI's); null for a line no official territory holds */
  code: string | null;
  name: string;
  people: number;
}

/** A programme's report for a period, « Bilan de la période »: dates are 'YYYY-MM-DD' in Paris. */
export interface ProgramReport {
  from: string;
  to: string;
  program: {
    id: string;
    funderId: string;
    name: string;
    funderName: string;
    startsOn: string;
    /** as amended, as of `to`; null when the programme was not in force yet */
    calendar: {
      distributionStart: string;
      distributionEnd: string;
      usageEnd: string;
      closure: string | null;
    } | null;
    /** null when the programme was not in force yet at `to` (as the calendar) */
    plannedPasses: number | null;
    faceValueCents: number | null;
  };
  passes: {
    period: ReportPassFigures;
    toDate: ReportPassFigures;
    /** used up to `to` against planned, in basis points; null without a plan */
    usedOfPlannedBps: number | null;
  };
  people: {
    reached: number;
    byAudience: { label: string; people: number }[];
    byDepartement: ReportPeople[];
    byEpci: ReportPeople[];
  };
  sessions: {
    count: number;
    minutes: number;
    valueCents: number;
    byTheme: { theme: string; sessions: number; minutes: number }[];
    byFormat: { format: 'individual' | 'collective'; label: string; sessions: number; minutes: number }[];
    /** every month of the period, 'YYYY-MM', those without sessions too */
    byMonth: { month: string; sessions: number; minutes: number; valueCents: number }[];
    places: number;
    topPlaces: { placeId: string; name: string; commune: string | null; sessions: number }[];
    /** every place of the period, most sessions first (`topPlaces` are its first ten) */
    byPlace: {
      placeId: string;
      name: string;
      commune: string | null;
      sessions: number;
      minutes: number;
      valueCents: number;
    }[];
    /** by the département of the place that gave them, most first (code null: no known commune) */
    byDepartement: {
      code: string | null;
      name: string;
      places: number;
      sessions: number;
      minutes: number;
      valueCents: number;
    }[];
  };
  prescribers: { handingOut: number };
  money: {
    fundings: { payer: string; receivedCents: number; reversedCents: number }[];
    sessionsValueCents: number;
    paidToPlacesCents: number;
    owedToPlacesCents: number;
    paidToPlacesToDateCents: number;
    /** value used written off by `to` (a partial payment's remainder the funder will not pay) */
    writtenOffToDateCents: number;
    /** sessions given by `to`, recorded after it (late sessions) */
    recordedAfter: { sessions: number; valueCents: number };
    /** sessions recorded by `to`, cancelled after it */
    cancelledAfter: { sessions: number; valueCents: number };
    /** the budget as amended by the end of `to`, each payer's part of it; null before it took effect */
    budget: {
      totalCents: number;
      /** the ledger's value used at the end of `to` (sessions by the day recorded): the conventions' base */
      usedValueCents: number;
      payers: {
        name: string;
        shareCents: number;
        receivedCents: number;
        owedByRuleCents: number | null;
        /** a co-funder's share of `usedValueCents` by its convention; null without such a rule */
        usedShareBps: number | null;
      }[];
    } | null;
  };
}

/** The places that took the programme's passes in a period, for the Bilan's map (`getProgramReportPlaces`). */
export interface ReportPlaces {
  from: string;
  to: string;
  /** Most sessions first; coordinates null when the place's profile has none. */
  places: {
    placeId: string;
    name: string;
    commune: string | null;
    sessions: number;
    latitude: number | null;
    longitude: number | null;
  }[];
}
