import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chooseFor, chosenFor } from './chosenOrganisation';
import * as flash from './flash';
import { afterJoining } from './joined';

/*
 * The page said « Vous avez rejoint … » by comparing the sessions before and after: the API's
 * answer now names what was joined, and the console of that kind works for it.
 */
beforeEach(() => {
  const kept = new Map<string, string>();
  vi.stubGlobal('window', {
    localStorage: {
      getItem: (k: string) => kept.get(k) ?? null,
      setItem: (k: string, v: string) => kept.set(k, v),
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('an invitation accepted', () => {
  it('works for the place joined, the other one chosen before, and says so', () => {
    const said = vi.spyOn(flash, 'setFlash');
    chooseFor('place', 'a0000000-0000-4000-8000-000000000001');
    const to = afterJoining({
      kind: 'place',
      id: 'a0000000-0000-4000-8000-000000000002',
      name: 'Centre social Arras Ouest',
      role: 'place_agent',
      roleLabel: 'agent de lieu de médiation',
    });
    expect(to).toBe('/lieu');
    expect(chosenFor('place')).toBe('a0000000-0000-4000-8000-000000000002');
    expect(said).toHaveBeenCalledWith(
      'Vous avez rejoint Centre social Arras Ouest en tant qu’agent de lieu de médiation.',
    );
  });

  it('opens the funder console on the funder joined', () => {
    const to = afterJoining({
      kind: 'funder',
      id: 'f0000000-0000-4000-8000-000000000002',
      name: 'Département du Pas-de-Calais',
      role: 'funder_viewer',
      roleLabel: 'lecteur du financeur',
    });
    expect(to).toBe('/financeur');
    expect(chosenFor('funder')).toBe('f0000000-0000-4000-8000-000000000002');
  });
});
