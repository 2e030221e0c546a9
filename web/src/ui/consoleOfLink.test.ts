import type { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Membership, Session } from '../api/types';
import { chooseFor, chosenFor } from './chosenOrganisation';
import { addressWithout, arrivedByLink, consoleOfLinkSearch, followConsoleLink } from './consoleOfLink';
import { consoleOrganisation } from './roles';

/*
 * An operator under mandate for two funders followed the e-mail about the Pas-de-Calais' contest
 * while the Region was chosen in their browser, and read the Region's statements: the link now
 * names the funder (?financeur=), as it names the place (?lieu=) and the prescriber
 * organisation (?structure=), and the console switches to it when the person is of it.
 */
const HDF = 'f0000000-0000-4000-8000-000000000001';
const PDC = 'f0000000-0000-4000-8000-000000000002';
const MEDIATHEQUE = 'a0000000-0000-4000-8000-000000000001';
const CENTRE_SOCIAL = 'a0000000-0000-4000-8000-000000000002';
const MISSION_LOCALE = 'a0000000-0000-4000-8000-000000000003';
const CCAS = 'a0000000-0000-4000-8000-000000000004';

const member = (role: Membership['role'], funderId: string | null, organisationId: string | null = null) => ({
  role,
  funderId,
  funderName: funderId === HDF ? 'Région Hauts-de-France' : funderId ? 'Département du Pas-de-Calais' : null,
  organisationId,
  organisationName: organisationId,
});

const operator: Session = {
  user: { id: 'u1', email: 'operateur@mandataire.test', displayName: 'Camille Martin', hasPassword: true },
  memberships: [
    member('funder_admin', HDF),
    member('funder_admin', PDC),
    member('place_admin', null, MEDIATHEQUE),
    member('place_agent', null, CENTRE_SOCIAL),
    member('prescriber_agent', HDF, MISSION_LOCALE),
    member('prescriber_agent', HDF, CCAS),
  ],
  csrfToken: 't',
};

/** The browser's storage, as the console keeps its choice in it; `refused`: private mode. */
function browser({ refused = false } = {}) {
  const kept = new Map<string, string>();
  const localStorage = {
    getItem: (k: string) => {
      if (refused) throw new Error('SecurityError');
      return kept.get(k) ?? null;
    },
    setItem: (k: string, v: string) => {
      if (refused) throw new Error('SecurityError');
      kept.set(k, v);
    },
  };
  vi.stubGlobal('window', { localStorage });
}

let queryClient: QueryClient & { setQueryData: ReturnType<typeof vi.fn> };
beforeEach(() => {
  browser();
  queryClient = { setQueryData: vi.fn() } as never;
});
afterEach(() => vi.unstubAllGlobals());

describe.each([
  ['funder', HDF, PDC],
  ['place', MEDIATHEQUE, CENTRE_SOCIAL],
  ['prescriber', MISSION_LOCALE, CCAS],
] as const)('a link into the %s console', (console, chosen, named) => {
  it('switches to the organisation it names, the other one being chosen', () => {
    chooseFor(console, chosen);
    expect(consoleOrganisation(operator, console)?.id).toBe(chosen);
    expect(followConsoleLink(queryClient, operator, console, named)).toBe(true);
    expect(chosenFor(console)).toBe(named);
    expect(consoleOrganisation(operator, console)?.id).toBe(named);
    // The console already open reads the choice again.
    expect(queryClient.setQueryData).toHaveBeenCalledOnce();
  });

  it('changes nothing when that organisation is already the one worked for', () => {
    chooseFor(console, named);
    expect(followConsoleLink(queryClient, operator, console, named)).toBe(true);
    expect(queryClient.setQueryData).not.toHaveBeenCalled();
  });

  it('refuses an organisation the person is not of, keeping the choice', () => {
    chooseFor(console, chosen);
    const other = 'b0000000-0000-4000-8000-000000000009';
    expect(followConsoleLink(queryClient, operator, console, other)).toBe(false);
    expect(chosenFor(console)).toBe(chosen);
    // The route then shows why, rather than another's pages.
    const location = { pathname: '/x', searchStr: '' };
    expect(arrivedByLink(console, other, { queryClient, session: operator }, location)).toBe(true);
  });

  it('says it could not when the browser keeps no choice', () => {
    browser({ refused: true });
    // The first organisation is the one worked for: the second cannot be chosen.
    expect(followConsoleLink(queryClient, operator, console, named)).toBe(false);
    expect(followConsoleLink(queryClient, operator, console, chosen)).toBe(true);
  });

  it('reloads the address without the parameter once followed', () => {
    chooseFor(console, chosen);
    const param = { funder: 'financeur', place: 'lieu', prescriber: 'structure' }[console];
    const search = consoleOfLinkSearch(console)({ [param]: named, autre: 'x' });
    expect(search).toEqual({ [param]: named });
    let thrown: unknown;
    try {
      arrivedByLink(
        console,
        named,
        { queryClient, session: operator },
        {
          pathname: '/page',
          searchStr: `?${param}=${named}&asOf=2026-11-30`,
        },
      );
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject({ options: { href: '/page?asOf=2026-11-30', replace: true } });
    expect(chosenFor(console)).toBe(named);
  });
});

describe('the address without the parameter', () => {
  it('keeps the others, and drops the question mark when none is left', () => {
    expect(addressWithout('funder', '/financeur/releves', `?financeur=${PDC}`)).toBe('/financeur/releves');
    expect(addressWithout('place', '/lieu', `?code=ABC&lieu=${MEDIATHEQUE}`)).toBe('/lieu?code=ABC');
  });
  it('ignores an empty or overlong value', () => {
    expect(consoleOfLinkSearch('prescriber')({ structure: '' })).toEqual({});
    expect(consoleOfLinkSearch('funder')({ financeur: 'x'.repeat(101) })).toEqual({});
  });
});
