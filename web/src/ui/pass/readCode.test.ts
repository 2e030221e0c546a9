import { describe, expect, it } from 'vitest';
import { checkSymbol } from '../../../../src/core/pass-code';
import { readCode } from './readCode';

describe('the place agent’s code box', () => {
  const code = `U5439NFVWQ2RJ${checkSymbol('U5439NFVWQ2RJ')}`;

  it('accepts a whole code, typed in small letters with dashes', () => {
    expect(readCode(code.toLowerCase().replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3-'))).toEqual({
      ok: true,
      code,
    });
  });

  it('flags at once a whole code with a wrong check character', () => {
    const typo = `${code.slice(0, 13)}${code[13] === '2' ? '3' : '2'}`;
    expect(readCode(typo)).toMatchObject({ ok: false, whole: true });
  });

  it('flags at once a whole code with a letter no code has, as it does a wrong check character', () => {
    const read = readCode('U5439NFVWQ2RJL');
    expect(read).toMatchObject({ ok: false, whole: true });
    expect(!read.ok && read.error).toMatch(/^Ce code contient un caractère qui n’existe dans aucun pass/);
  });

  it('waits for the rest while the code is still being typed', () => {
    expect(readCode('U5439NF')).toMatchObject({ ok: false, whole: false });
    // An impossible letter before the end: the person may still be reading the pass.
    expect(readCode('U5439L')).toMatchObject({ ok: false, whole: false });
  });
});
