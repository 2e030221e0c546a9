import { describe, expect, it } from 'vitest';
import { agree, counted, typographic } from './format';

/** « 0 pass du stock désactivés », « dont 1 activés »: French counts 0 and 1 in the singular. */
describe('agree and counted', () => {
  it.each([
    [0, '0 pass désactivé'],
    [1, '1 pass désactivé'],
    [2, '2 pass désactivés'],
    [1500, '1 500 pass désactivés'],
  ])('counts %i as « %s »', (n, text) => {
    expect(counted(n, 'pass désactivé', 'pass désactivés')).toBe(text);
  });

  it('chooses the word alone, for a sentence that places the number itself', () => {
    expect(agree(1, 'activé', 'activés')).toBe('activé');
    expect(agree(3, 'activé', 'activés')).toBe('activés');
  });
});

describe('typographic', () => {
  it('curls the apostrophes between letters, and only those', () => {
    expect(typographic("Ce lieu n'accueille pas de public")).toBe('Ce lieu n’accueille pas de public');
    expect(typographic("l'« exemple » 'cité'")).toBe("l'« exemple » 'cité'");
  });
});
