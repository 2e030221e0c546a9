import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSepaText, toSepaText } from './charset.js';

describe('SEPA character set', () => {
  it('transliterates French names', () => {
    expect(toSepaText('Médiathèque François Mitterrand', 70)).toBe('Mediatheque Francois Mitterrand');
    expect(toSepaText('Cœur de Flandre & Lys', 70)).toBe('Coeur de Flandre et Lys');
    expect(toSepaText('L’Atelier « numérique » – Saint-Omer', 70)).toBe("L'Atelier 'numerique' - Saint-Omer");
    expect(toSepaText('ÆSIR Straße n°3 ; Łódź', 70)).toBe('AESIR Strasse no3 , Lodz');
    expect(toSepaText('Fab_lab#1 {test} [x] <y>', 70)).toBe('Fab-lab 1 test x y');
  });

  it('cuts to the limit and never ends with a space', () => {
    expect(toSepaText('abc def', 4)).toBe('abc');
    expect(toSepaText('   ', 10)).toBe('');
  });

  it('always gives SEPA text within the limit, whatever comes in', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.integer({ min: 1, max: 140 }),
        (text, max) => {
          const out = toSepaText(text, max);
          return isSepaText(out) && out.length <= max && out === out.trim();
        },
      ),
    );
  });
});
