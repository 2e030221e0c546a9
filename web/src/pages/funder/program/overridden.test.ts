import { describe, expect, it } from 'vitest';
import { overriddenSentences } from './overridden';

const numbers: Record<string, string> = { a: '2026.0600', b: '2026.0610' };
const numberOf = (id: string): string | undefined => numbers[id];

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

  it('never names a deliberation by its internal id: one the page has not loaded is « une autre »', () => {
    expect(
      overriddenSentences([{ field: 'plannedPasses', by: 'f333ce7f-8990-40a8-bd79-405c11f23b80' }], numberOf),
    ).toEqual([
      'Sans effet : « Nombre de pass prévus », qu’une autre délibération, décidée plus tard, fixe aussi pour le même jour.',
    ]);
  });
});
