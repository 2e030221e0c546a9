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

  it('keeps a serial typed with spaces, its last digit wrong, as one serial in a list', () => {
    expect(looksLikeSerial('P1A2B3 0000001 9')).toBe(true);
    expect(parseSerialList('P1A2B3 0000001 9')).toEqual(['P1A2B3-0000001-9']);
  });
});
