import { describe, expect, it } from 'vitest';
import { parseSerialList } from '../pages/funder/booklets/serialList';
import { looksLikeSerial, serialProblem } from './serial';

describe('serialProblem', () => {
  it('takes a serial however typed, its last digit right', () => {
    expect(serialProblem('P1A2B3-0000001-8')).toBeUndefined();
    expect(serialProblem('p1a2b3 0000001 8')).toBeUndefined();
  });

  it('says a wrong last digit apart from an unreadable number', () => {
    expect(serialProblem('P1A2B3-0000001-9')).toMatch(/^Numéro de carnet erroné/);
    expect(serialProblem('P1A2B3-01-8')).toMatch(/^Numéro de carnet illisible/);
    expect(serialProblem('  ')).toBe('Indiquez le numéro du carnet.');
  });

  it('says the last digit is missing when it was left out after the second dash', () => {
    // Read whole, « c00005-0000001 » passed for a serial with a wrong last digit.
    expect(serialProblem('c00005-0000001')).toMatch(
      /^Numéro de carnet incomplet : il manque son dernier chiffre/,
    );
    expect(serialProblem('C00005 0000001')).toMatch(/^Numéro de carnet incomplet/);
    expect(serialProblem('P1A2B3-0000001-8')).toBeUndefined();
  });

  it('keeps a serial typed with spaces, its last digit wrong, as one serial in a list', () => {
    expect(looksLikeSerial('P1A2B3 0000001 9')).toBe(true);
    expect(parseSerialList('P1A2B3 0000001 9')).toEqual(['P1A2B3-0000001-9']);
  });
});
