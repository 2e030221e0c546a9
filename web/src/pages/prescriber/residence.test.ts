import { describe, expect, it } from 'vitest';
import type { StockBooklet } from '../../api/types';
import { residenceOf } from './residence';

const region = [{ level: 'region' as const, code: '32' }];
const somme = [{ level: 'departement' as const, code: '80' }];
const booklet = (serial: string, residenceWithin: StockBooklet['residenceWithin']): StockBooklet => ({
  serial,
  size: 10,
  funded: true,
  programId: 'p',
  residenceWithin,
});
const stock = [booklet('C00001-0000001-5', [region, somme]), booklet('C00001-0000002-3', [region])];

describe('where the beneficiary of a booklet may live', () => {
  it('is the typed booklet’s territories once its serial matches, written any way', () => {
    expect(residenceOf('c00001 0000001 5', stock)).toEqual([region, somme]);
    expect(residenceOf('C00001-0000002-3', stock)).toEqual([region]);
  });

  it('is what every booklet held shares before that, and anywhere without stock', () => {
    expect(residenceOf('', stock)).toEqual([region]);
    expect(
      residenceOf('', [booklet('C00001-0000001-5', [somme]), booklet('C00001-0000002-3', [region])]),
    ).toEqual([]);
    expect(residenceOf('', [])).toEqual([]);
  });
});
