import type { Membership, Role, Session } from '../api/types';
import { asRole } from '../lib/labels';
import { type Console, chooseFor } from './chosenOrganisation';
import { setFlash } from './flash';

const CONSOLE_OF: Partial<
  Record<Role, { console: Console; home: '/financeur' | '/lieu' | '/prescripteur' }>
> = {
  funder_admin: { console: 'funder', home: '/financeur' },
  funder_viewer: { console: 'funder', home: '/financeur' },
  place_admin: { console: 'place', home: '/lieu' },
  place_agent: { console: 'place', home: '/lieu' },
  prescriber_agent: { console: 'prescriber', home: '/prescripteur' },
};

const idOf = (m: Membership, console: Console) => (console === 'funder' ? m.funderId : m.organisationId);

/**
 * An invitation accepted: the console of its role works for the organisation just joined, and
 * says so. A person joining a second place landed on the first one still chosen, with nothing
 * said. Returns where to go: that console, or home when the membership is not found.
 */
export function afterJoining(before: Session | null | undefined, after: Session, role: Role): string {
  const target = CONSOLE_OF[role];
  if (!target) return '/';
  const had = new Set(
    (before?.memberships ?? []).filter((m) => m.role === role).map((m) => idOf(m, target.console)),
  );
  const joined = after.memberships.find((m) => m.role === role && !had.has(idOf(m, target.console)));
  const id = joined && idOf(joined, target.console);
  if (!joined || !id) return '/';
  chooseFor(target.console, id);
  const name = target.console === 'funder' ? joined.funderName : joined.organisationName;
  if (name) setFlash(`Vous avez rejoint ${name} ${asRole(role)}.`);
  return target.home;
}
