import { describe, expect, it } from 'vitest';
import { overriddenSentences } from './overridden';

const numbers: Record<string, string> = { a: '2026.0600', b: '2026.0610' };
const numberOf = (id: string) => numbers[id] ?? id;

describe('overriddenSentences', () => {
  it('says nothing when every change counts', () => {
    expect(overriddenSentences([], numberOf)).toEqual([]);
  });

  it('names the fields by their labels, one sentence per overriding deliberation', () => {
    expect(
      overriddenSentences(
        [
          { field: 'plannedPasses', by: 'a' },
          { field: 'calendar.usageEnd', by: 'a' },
          { field: 'lateSessionDays', by: 'b' },
        ],
        numberOf,
      ),
    ).toEqual([
      'Sans effet : « Nombre de pass prévus » et « Fin d’utilisation des pass », que la délibération n° 2026.0600, décidée plus tard, fixe aussi pour le même jour.',
      expect.stringMatching(/^Sans effet : « [^»]+ », que la délibération n° 2026\.0610,/),
    ]);
  });
});
