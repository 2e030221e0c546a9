import { useSyncExternalStore } from 'react';
import type { Membership, Role, Session } from '../api/types';
import { TEAM_ROLE_NAMES } from './team/roleNames';

const ROLE_NAMES: Partial<Record<Role, string>> = {
  ...TEAM_ROLE_NAMES,
  platform_admin: 'Administrateur de la plateforme',
  beneficiary: 'Bénéficiaire',
};

/** Each space of the session once (a place's people hold one membership per funder of its roster). */
function spacesOf(session: Session | null): Map<string, Membership> {
  const spaces = new Map<string, Membership>();
  for (const m of session?.memberships ?? []) {
    const key = m.organisationId ?? m.funderId ?? m.role;
    if (!spaces.has(key)) spaces.set(key, m);
  }
  return spaces;
}

const spaceName = (m: Membership) => m.organisationName ?? m.funderName ?? 'la plateforme';
const roleName = (m: Membership) => ROLE_NAMES[m.role] ?? 'un autre rôle';

/** What changed in the person's spaces, said to them: access ended, role changed, access given. */
export function describeRightsChange(before: Session | null, after: Session | null): string[] {
  const was = spacesOf(before);
  const is = spacesOf(after);
  const said: string[] = [];
  for (const [key, m] of was) {
    const now = is.get(key);
    if (!now) said.push(`Votre accès à ${spaceName(m)} a pris fin.`);
    else if (now.role !== m.role)
      said.push(`Votre rôle pour ${spaceName(now)} est maintenant « ${roleName(now)} ».`);
  }
  for (const [key, m] of is)
    if (!was.has(key)) said.push(`Vous avez maintenant accès à ${spaceName(m)} (« ${roleName(m)} »).`);
  return said;
}

/*
 * The change of rights the page was last told of, shown above every page until the person
 * closes it: the page they land on may be another than the one they were on (a space no longer
 * theirs), and they should know why.
 */
interface Notice {
  /** whose rights changed: the notice is theirs only (another may sign in in this tab) */
  userId: string | null;
  sentences: string[];
}

let notice: Notice = { userId: null, sentences: [] };
const listeners = new Set<() => void>();

export function showRightsNotice(userId: string | null, sentences: string[]) {
  notice = { userId, sentences };
  for (const l of listeners) l();
}

export function useRightsNotice(): Notice {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => notice,
  );
}
