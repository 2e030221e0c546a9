import type { Membership, Session } from '../api/types';
import { type Console, chosenFor } from './chosenOrganisation';

const FUNDER_ROLES = new Set(['funder_admin', 'funder_viewer']);

/** One membership per organisation, in the API's order (the oldest first). */
function distinctBy<M extends Membership>(memberships: M[], idOf: (m: M) => string): M[] {
  const seen = new Set<string>();
  return memberships.filter((m) => !seen.has(idOf(m)) && seen.add(idOf(m)));
}

/** The one a console works on: the one chosen in this browser, else the first. */
function current<M>(options: M[], idOf: (m: M) => string, console: Console): M | null {
  const chosen = chosenFor(console);
  return options.find((m) => idOf(m) === chosen) ?? options[0] ?? null;
}

type FunderMembership = Membership & { funderId: string };
type OrganisationMembership = Membership & { organisationId: string };

/** The funders a person may work for in the funder console. */
export function funderMemberships(session: Session | null | undefined): FunderMembership[] {
  const all = (session?.memberships ?? []).filter(
    (x): x is FunderMembership => FUNDER_ROLES.has(x.role) && x.funderId !== null,
  );
  // An admin and a viewer membership of one funder: the admin one speaks for it.
  return distinctBy(all, (m) => m.funderId).map(
    (m) => all.find((x) => x.funderId === m.funderId && x.role === 'funder_admin') ?? m,
  );
}

/** The funder membership the funder console works on. */
export function funderMembership(session: Session | null | undefined): FunderMembership | null {
  return current(funderMemberships(session), (m) => m.funderId, 'funder');
}

export function hasFunderRole(session: Session | null | undefined): boolean {
  return funderMembership(session) !== null;
}

/** Whether the user may change this funder's programmes (funder_admin of that funder). */
export function isFunderAdmin(session: Session | null | undefined, funderId: string): boolean {
  return !!session?.memberships.some((m) => m.role === 'funder_admin' && m.funderId === funderId);
}

export function isPlatformAdmin(session: Session | null | undefined): boolean {
  return !!session?.memberships.some((m) => m.role === 'platform_admin');
}

/** A person who received passes: no console, a page to find where to use them. */
export function isBeneficiary(session: Session | null | undefined): boolean {
  return !!session?.memberships.some((m) => m.role === 'beneficiary');
}

const PLACE_ROLES = new Set(['place_agent', 'place_admin']);

/** The places a person may redeem for. */
export function placeMemberships(session: Session | null | undefined): OrganisationMembership[] {
  return distinctBy(
    (session?.memberships ?? []).filter(
      (x): x is OrganisationMembership => PLACE_ROLES.has(x.role) && x.organisationId !== null,
    ),
    (m) => m.organisationId,
  );
}

/** The place the place console works on. */
export function placeMembership(session: Session | null | undefined): OrganisationMembership | null {
  return current(placeMemberships(session), (m) => m.organisationId, 'place');
}

/** Whether the user manages this place's API keys (its admin; its agents only redeem). */
export function isPlaceAdmin(session: Session | null | undefined, placeId: string): boolean {
  return !!session?.memberships.some((m) => m.role === 'place_admin' && m.organisationId === placeId);
}

/** The prescriber organisations a person hands booklets out for (an agent without one has no stock). */
export function prescriberMemberships(session: Session | null | undefined): OrganisationMembership[] {
  return distinctBy(
    (session?.memberships ?? []).filter(
      (x): x is OrganisationMembership => x.role === 'prescriber_agent' && x.organisationId !== null,
    ),
    (m) => m.organisationId,
  );
}

/** The prescriber organisation the prescriber console works on. */
export function prescriberMembership(session: Session | null | undefined): OrganisationMembership | null {
  return current(prescriberMemberships(session), (m) => m.organisationId, 'prescriber');
}

/** Where "/" sends a user: their console, or null when no console exists yet for their roles. */
export function homePathFor(session: Session): '/financeur' | '/lieu' | '/prescripteur' | '/admin' | null {
  if (hasFunderRole(session)) return '/financeur';
  if (placeMembership(session)) return '/lieu';
  if (isPlatformAdmin(session)) return '/admin';
  if (prescriberMembership(session)) return '/prescripteur';
  return null;
}

/** An organisation a console may work for, whatever the console: its id and name. */
export type ConsoleOrganisation = { id: string; name: string | null };

const funderOf = (m: FunderMembership): ConsoleOrganisation => ({ id: m.funderId, name: m.funderName });
const organisationOf = (m: OrganisationMembership): ConsoleOrganisation => ({
  id: m.organisationId,
  name: m.organisationName,
});

/** The funders, places or prescriber organisations a person may work for in that console. */
export function consoleOrganisations(
  session: Session | null | undefined,
  console: Console,
): ConsoleOrganisation[] {
  if (console === 'funder') return funderMemberships(session).map(funderOf);
  if (console === 'place') return placeMemberships(session).map(organisationOf);
  return prescriberMemberships(session).map(organisationOf);
}

/** The one that console works for (the one chosen in this browser, else the first). */
export function consoleOrganisation(
  session: Session | null | undefined,
  console: Console,
): ConsoleOrganisation | null {
  return current(consoleOrganisations(session, console), (o) => o.id, console);
}
