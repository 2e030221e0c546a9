import { describe, expect, it } from 'vitest';
import { validateHistory } from './order.js';
import { hautsDeFranceHistory } from './testing/seeds.js';

describe('validateHistory', () => {
  it('accepts the Hauts-de-France history and refuses an amendment before the creation', () => {
    expect(validateHistory(hautsDeFranceHistory)).toEqual([]);
    const early = {
      ...(hautsDeFranceHistory[1] as (typeof hautsDeFranceHistory)[number]),
      effectiveOn: '2019-06-01',
    };
    expect(validateHistory([...hautsDeFranceHistory, { ...early, id: 'x' }])).toEqual([
      {
        field: 'effectiveOn',
        message:
          'La délibération n° 2020.01244 ne peut pas prendre effet avant la création du dispositif (4 février 2020).',
      },
    ]);
  });
});
