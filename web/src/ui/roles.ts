import type { Membership, Session } from '../api/types';

const FUNDER_ROLES = new Set(['funder_admin', 'funder_viewer']);

/** The funder membership the funder console works on (the first one, by the API's order). */
export function funderMembership(
  session: Session | null | undefined,
): (Membership & { funderId: string }) | null {
  const m = session?.memberships.find((x) => FUNDER_ROLES.has(x.role) && x.funderId !== null);
  return m ? (m as Membership & { funderId: string }) : null;
}

export function hasFunderRole(session: Session | null | undefined): boolean {
  return funderMembership(session) !== null;
}

/** Whether the user may change this funder's programmes (funder_admin of that funder). */
export function isFunderAdmin(session: Session | null | undefined, funderId?: string): boolean {
  return !!session?.memberships.some(
    (m) =>
      m.role === 'funder_admin' && m.funderId !== null && (funderId === undefined || m.funderId === funderId),
  );
}

export function isPlatformAdmin(session: Session | null | undefined): boolean {
  return !!session?.memberships.some((m) => m.role === 'platform_admin');
}

const PLACE_ROLES = new Set(['place_agent', 'place_admin']);

/** The place the place console works on (the first place membership, by the API's order). */
export function placeMembership(
  session: Session | null | undefined,
): (Membership & { organisationId: string }) | null {
  const m = session?.memberships.find((x) => PLACE_ROLES.has(x.role) && x.organisationId !== null);
  return m ? (m as Membership & { organisationId: string }) : null;
}

/** Whether the user manages this place's API keys (its admin; its agents only redeem). */
export function isPlaceAdmin(session: Session | null | undefined, placeId: string): boolean {
  return !!session?.memberships.some((m) => m.role === 'place_admin' && m.organisationId === placeId);
}

/**
 * The prescriber organisation the prescriber console works on (the first prescriber_agent
 * membership, by the API's order): an agent without an organisation has no stock to hand out.
 */
export function prescriberMembership(
  session: Session | null | undefined,
): (Membership & { organisationId: string }) | null {
  const m = session?.memberships.find((x) => x.role === 'prescriber_agent' && x.organisationId !== null);
  return m ? (m as Membership & { organisationId: string }) : null;
}

/** Where "/" sends a user: their console, or null when no console exists yet for their roles. */
export function homePathFor(session: Session): '/financeur' | '/lieu' | '/prescripteur' | '/admin' | null {
  if (hasFunderRole(session)) return '/financeur';
  if (placeMembership(session)) return '/lieu';
  if (isPlatformAdmin(session)) return '/admin';
  if (prescriberMembership(session)) return '/prescripteur';
  return null;
}
