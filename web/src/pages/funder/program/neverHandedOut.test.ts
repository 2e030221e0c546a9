import { describe, expect, it } from 'vitest';
import { carriedOver, neverHandedOut } from './neverHandedOut';

/** The carry-over read « dont 1 activés »: French counts 0 and 1 in the singular. */
describe('neverHandedOut', () => {
  it.each([
    [
      { passes: 380, activePasses: 330, valueCents: 330_000 },
      '380 pass jamais remis, dont 330 activés (3 300,00 €),',
    ],
    [{ passes: 10, activePasses: 1, valueCents: 1_000 }, '10 pass jamais remis, dont 1 activé (10,00 €),'],
    [{ passes: 10, activePasses: 0, valueCents: 0 }, '10 pass jamais remis (aucun activé)'],
    [{ passes: 10, activePasses: 10, valueCents: 10_000 }, '10 pass jamais remis (100,00 €)'],
  ])('says %o as « %s »', (n, text) => {
    expect(neverHandedOut(n)).toBe(text);
  });
});

describe('carriedOver', () => {
  it('agrees the verb with the passes carried over', () => {
    expect(carriedOver({ passes: 1, activePasses: 1, valueCents: 1_000 })).toBe(
      '1 pass jamais remis (10,00 €) a été reporté',
    );
    expect(carriedOver({ passes: 2, activePasses: 1, valueCents: 1_000 })).toBe(
      '2 pass jamais remis, dont 1 activé (10,00 €), ont été reportés',
    );
  });
});
