import { forbidden, notFound } from './errors.js';

/**
 * Who may do what: the one place where roles become rights (docs/architecture.md, "Who reads what").
 * Routes name the permission they need; services check it against the object's funder.
 */
export const ROLES = [
  'platform_admin',
  'funder_admin',
  'funder_viewer',
  'prescriber_agent',
  'place_agent',
  'place_admin',
  'beneficiary',
] as const;
export type Role = (typeof ROLES)[number];

/** The roles of people who work at a place: both redeem passes there. */
export const PLACE_ROLES: readonly Role[] = ['place_agent', 'place_admin'];

export interface Membership {
  role: Role;
  funderId: string | null;
  organisationId: string | null;
}

export interface Actor {
  userId: string;
  email: string;
  memberships: Membership[];
}

/**
 * What a role may do across a funder. Rights on one organisation's objects (a prescriber's
 * stock and hand-outs, a place's redemptions and keys) go with membership of that
 * organisation and are checked on the object by the services (see also mayBlockBooklet).
 */
export type Permission =
  | 'funder:create'
  /** Correcting a funder's name, kind or SIRET (a typo at creation, a merger's new name): the operator, who records funders. */
  | 'funder:identity'
  | 'funder:read'
  /** A programme's rules as deliberated: public acts, which every member of the funder may read. */
  | 'program:read'
  | 'program:write'
  /** Money received, activated and owed, and the dashboard: the funder's staff only. */
  | 'finance:read'
  /** Where every booklet of the funder is and who moved it (staff e-mails), and its organisations. */
  | 'stock:read'
  /** The printer's file: every live code of a batch, enough to redeem them all. */
  | 'codes:download'
  /** Declaring any booklet of the funder lost or stolen (prescribers: their own only). */
  | 'booklet:block'
  | 'audit:read'
  /** Adding the funder's prescriber organisations (issue 11, point 2): its admins run its programme. */
  | 'organisation:write'
  /** The funder's territory and bank account (issue 11, point 1): its admins only; staff read them, the account masked. */
  | 'funder:settings'
  /** Preparing, approving and sending payment runs, reconciling the bank's statement (issue 12): its admins. */
  | 'payments:write'
  /**
   * A beneficiary's names and birth date, the booklets and sessions of that person, and their
   * erasure: what a person may ask of the funder that recorded them (its admins; the
   * prescribers see initials only).
   */
  | 'beneficiary:data'
  | 'user:invite';

const STAFF_READS: readonly Permission[] = ['funder:read', 'program:read', 'finance:read', 'stock:read'];

const GRANTS: Record<Role, readonly Permission[]> = {
  // The operator creates funders and reads across them to support them; it does not run
  // programmes, and never takes the printer's file.
  platform_admin: ['funder:create', 'funder:identity', ...STAFF_READS, 'audit:read', 'user:invite'],
  funder_admin: [
    ...STAFF_READS,
    'program:write',
    'codes:download',
    'booklet:block',
    'audit:read',
    'organisation:write',
    'funder:settings',
    'payments:write',
    'beneficiary:data',
    'user:invite',
  ],
  // A read-only seat is also the auditor's (a chambre régionale des comptes, an internal
  // control): it reads the journal, without any right to pay or change anything.
  funder_viewer: [...STAFF_READS, 'audit:read'],
  // Prescribers and places read the programmes they work with; their own stock, hand-outs,
  // redemptions and keys come with their organisation, nothing of the funder's books.
  prescriber_agent: ['funder:read', 'program:read'],
  place_agent: ['funder:read', 'program:read'],
  // A place's admin is also one of its agents, and manages what speaks for the place (API keys).
  place_admin: ['funder:read', 'program:read'],
  beneficiary: [],
};

export function isPlatformAdmin(actor: Actor): boolean {
  return actor.memberships.some((m) => m.role === 'platform_admin');
}

/** Funders the actor may act on with this permission: every funder, or a list. */
export function funderScope(actor: Actor, permission: Permission): 'all' | string[] {
  if (isPlatformAdmin(actor) && GRANTS.platform_admin.includes(permission)) return 'all';
  const ids = actor.memberships
    .filter((m) => m.funderId !== null && GRANTS[m.role].includes(permission))
    .map((m) => m.funderId as string);
  return [...new Set(ids)];
}

export function can(actor: Actor, permission: Permission, funderId?: string): boolean {
  const scope = funderScope(actor, permission);
  if (scope === 'all') return true;
  return funderId === undefined ? scope.length > 0 : scope.includes(funderId);
}

/**
 * Whether the funder's existence may be revealed to the actor at all. Another
 * funder's objects must look absent (404), not forbidden (403).
 */
export function seesFunder(actor: Actor, funderId: string): boolean {
  return isPlatformAdmin(actor) || actor.memberships.some((m) => m.funderId === funderId);
}

/** Throws 404 when the funder is invisible to the actor, 403 when visible but not allowed. */
export function requireFunder(
  actor: Actor,
  permission: Permission,
  funderId: string,
  what = 'Ressource',
): void {
  if (!seesFunder(actor, funderId)) throw notFound(what);
  if (!can(actor, permission, funderId)) throw forbidden();
}

/** The facts about a booklet that decide who may block it. */
export interface BookletForBlocking {
  funderId: string;
  /** The prescriber holding it in stock, or the one that handed it out; null in the funder's stock. */
  prescriberId: string | null;
}

/**
 * Who may declare a booklet lost or stolen: an admin of its funder, any of them; a
 * prescriber, only the booklets its organisation holds or handed out (serials are
 * sequential: a prescriber must not be able to block its neighbours'), which are not found
 * for it, like another funder's. Other roles of the funder are refused (403).
 */
export function requireBlockable(
  actor: Actor,
  booklet: BookletForBlocking,
  /** The answer for a serial that no booklet bears, given alike for those not to be seen. */
  unknown: () => Error,
): void {
  if (!seesFunder(actor, booklet.funderId)) throw unknown();
  if (can(actor, 'booklet:block', booklet.funderId)) return;
  const agents = actor.memberships.filter(
    (m) => m.role === 'prescriber_agent' && m.funderId === booklet.funderId && m.organisationId !== null,
  );
  if (!agents.length) throw forbidden();
  if (!agents.some((m) => m.organisationId === booklet.prescriberId)) throw unknown();
}

/** Whether the actor works at the place, as its admin or one of its agents. */
export function worksAtPlace(actor: Actor, placeId: string): boolean {
  return actor.memberships.some((m) => m.organisationId === placeId && PLACE_ROLES.includes(m.role));
}

/**
 * The actor's role at a place: its admin, one of its agents, or none (the place does not exist
 * for them: 404). A place's people manage what speaks for it only as its admin.
 */
export function placeRoleOf(actor: Actor, placeId: string): 'place_admin' | 'place_agent' {
  const roles = actor.memberships.filter((m) => m.organisationId === placeId && PLACE_ROLES.includes(m.role));
  if (roles.length === 0) throw notFound('Lieu');
  return roles.some((m) => m.role === 'place_admin') ? 'place_admin' : 'place_agent';
}

/** The funders whose roster the place is on, as the actor's session expanded them. */
export function placeFundersOf(actor: Actor, placeId: string): string[] {
  const ids = actor.memberships
    .filter((m) => m.organisationId === placeId && PLACE_ROLES.includes(m.role) && m.funderId)
    .map((m) => m.funderId as string);
  return [...new Set(ids)];
}
