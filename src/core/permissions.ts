import { forbidden, notFound } from './errors.js';

/**
 * Who may do what: the one place where roles become rights (DESIGN.md, Authorisation).
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

export type Permission =
  | 'funder:create'
  | 'funder:read'
  | 'program:read'
  | 'program:write'
  | 'audit:read'
  | 'user:invite';

const GRANTS: Record<Role, readonly Permission[]> = {
  // The operator creates funders and reads across them to support them; it does not run programmes.
  platform_admin: ['funder:create', 'funder:read', 'program:read', 'audit:read', 'user:invite'],
  funder_admin: ['funder:read', 'program:read', 'program:write', 'audit:read', 'user:invite'],
  funder_viewer: ['funder:read', 'program:read'],
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
