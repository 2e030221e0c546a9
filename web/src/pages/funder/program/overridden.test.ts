import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../api/types';
import { overriddenBadge, overriddenSentences } from './overridden';

const legal = (number: string, decidedOn: string) =>
  ({ number, decidedOn }) as unknown as TimelineEntry['legal'];
const entries: Record<string, Pick<TimelineEntry, 'legal'>> = {
  a: { legal: legal('2026.0600', '2026-05-28') },
  b: { legal: legal('2026.0610', '2026-05-28') },
};
const entryOf = (id: string) => entries[id];
const amendment = (overridden: TimelineEntry['overridden'], decidedOn = '2026-05-14') => ({
  kind: 'amendment' as const,
  legal: legal('2026.0580', decidedOn),
  overridden,
});

describe('overriddenSentences', () => {
  it('says nothing when every change counts', () => {
    expect(overriddenSentences(amendment([]), entryOf)).toEqual([]);
  });

  it('names the fields by their labels, one sentence per later deliberation', () => {
    expect(
      overriddenSentences(
        amendment([
          { field: 'plannedPasses', by: 'a' },
          { field: 'calendar.usageEnd', by: 'a' },
          { field: 'lateSessionDays', by: 'b' },
        ]),
        entryOf,
      ),
    ).toEqual([
      'La délibération n° 2026.0600, décidée plus tard, fixe aussi « Nombre de pass prévus » et « Fin d’utilisation des pass » pour le même jour : ce sont ses valeurs qui comptent.',
      expect.stringMatching(/^La délibération n° 2026\.0610, décidée plus tard, fixe aussi « [^»]+ » pour/),
    ]);
  });

  it('says « décidée plus tard » only where it is so', () => {
    expect(
      overriddenSentences(amendment([{ field: 'plannedPasses', by: 'a' }], '2026-05-28'), entryOf),
    ).toEqual([
      'La délibération n° 2026.0600, qui s’applique après celle-ci, fixe aussi « Nombre de pass prévus » pour le même jour : c’est sa valeur qui compte.',
    ]);
  });

  it('says an amendment from the founding deliberation’s day changed it, not that it is void', () => {
    const creation = {
      ...amendment([{ field: 'calendar.distributionStart', by: 'a' }]),
      kind: 'creation' as const,
    };
    expect(overriddenSentences(creation, entryOf)).toEqual([
      'La délibération n° 2026.0600 modifie « Début de la distribution » dès le même jour : c’est sa valeur qui compte.',
    ]);
    expect(
      overriddenBadge({
        overridden: creation.overridden,
        changedFields: ['name', 'calendar.distributionStart'],
      }),
    ).toBe('En partie modifiée le jour même');
  });

  it('never names a deliberation by its internal id: one the page has not loaded is « une autre »', () => {
    expect(
      overriddenSentences(
        amendment([{ field: 'plannedPasses', by: 'f333ce7f-8990-40a8-bd79-405c11f23b80' }]),
        entryOf,
      ),
    ).toEqual([
      'Une autre délibération, qui s’applique après celle-ci, fixe aussi « Nombre de pass prévus » pour le même jour : c’est sa valeur qui compte.',
    ]);
  });
});

describe('overriddenBadge', () => {
  it('says « Sans effet » only when none of its changes ever applied', () => {
    expect(overriddenBadge({ overridden: [], changedFields: ['plannedPasses'] })).toBeNull();
    expect(
      overriddenBadge({
        overridden: [{ field: 'plannedPasses', by: 'a' }],
        changedFields: ['plannedPasses'],
      }),
    ).toBe('Sans effet');
  });
});
