import { describe, expect, it } from 'vitest';
import { CODE_INPUT_MAX, checkSymbol, formatPassCode } from '../../../../src/core/pass-code';
import { readCode, typedAnew } from './readCode';

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

  it('says at once that a code is too long: a caret left mid-code made two codes one', () => {
    const two = 'BJY4-8HSB-624EH-T6Q7-XZG2-HRXB3-93';
    const read = readCode(two);
    expect(read).toMatchObject({ ok: false, whole: true });
    expect(!read.ok && read.error).toBe(
      'Ce code est trop long : un code de pass compte 14 caractères, sans les tirets. Vous en avez saisi 28.',
    );
    // One letter too many is as sure as fourteen.
    expect(readCode(`${code}A`)).toMatchObject({ ok: false, whole: true });
    // A pasted link is counted after its « /p/ » only.
    expect(readCode(`https://pass.example.fr/p/${code}`)).toEqual({ ok: true, code });
    expect(readCode(`https://pass.example.fr/p/${code}XY`)).toMatchObject({ ok: false, whole: true });
  });

  it('takes in its field the longest spelling the server accepts, and no more', () => {
    const spaced = code.split('').join(' - ');
    expect(spaced.length).toBeLessThanOrEqual(CODE_INPUT_MAX);
    expect(readCode(spaced)).toEqual({ ok: true, code });
    const link = `https://pass-numerique.exemple.fr/p/${formatPassCode(code)}`;
    expect(link.length).toBeLessThanOrEqual(CODE_INPUT_MAX);
    expect(readCode(link)).toEqual({ ok: true, code });
    // A département's address: 73 characters with its code, cut at 64 every scan failed.
    const departement = `https://www.pasdecalais.fr/solidarites/pass-numerique/p/${formatPassCode(code)}`;
    expect(departement.length).toBeLessThanOrEqual(CODE_INPUT_MAX);
    expect(CODE_INPUT_MAX).toBeGreaterThanOrEqual(200);
  });

  it('replaces a whole code with what is typed into it: a scan never reads the previous pass', () => {
    const other = 'YA22JRBKCX9HV';
    const next = `https://pass.example.fr/p/${formatPassCode(other + checkSymbol(other))}`;
    const held = formatPassCode(code);
    const link = `https://pass.example.fr/p/${held}`;
    // The caret at the start, in the middle, at the end: the first key typed starts a new code.
    for (const field of [held, link])
      for (const at of [0, 7, field.length]) {
        const typed = `${field.slice(0, at)}h${field.slice(at)}`;
        expect(typedAnew(field, typed), `${field} at ${at}`).toBe('h');
      }
    // Then the scan goes on in the new text alone, and reads the new pass.
    expect(readCode(typedAnew(held, `${next}${held}`))).toEqual({
      ok: true,
      code: other + checkSymbol(other),
    });
    // What is not a whole code is edited as typed: a half-typed code, a typo being mended.
    expect(typedAnew('U543', 'U5439')).toBe('U5439');
    const typo = `${code.slice(0, 13)}${code[13] === '2' ? '3' : '2'}`;
    expect(typedAnew(typo, `${typo}A`)).toBe(`${typo}A`);
    // Deleting from a whole code, or typing over a selection of it, is the person's edit.
    expect(typedAnew(held, held.slice(0, -1))).toBe(held.slice(0, -1));
    expect(typedAnew(held, 'W')).toBe('W');
    // Dashes or spaces put into a whole code leave it the same code.
    expect(typedAnew(code, `${code.slice(0, 4)} ${code.slice(4)}`)).toBe(
      `${code.slice(0, 4)} ${code.slice(4)}`,
    );
  });

  it('says when a scanner types as a QWERTY keyboard on an AZERTY computer', () => {
    const said =
      'Le lecteur de codes semble réglé pour un clavier QWERTY : réglez-le en AZERTY (voir sa notice), ou saisissez le code à la main.';
    // Its link (« : » and « / » became « M » and « ! », the digits the signs above them) and a bare code.
    for (const typed of ['httpM!!locqlhostM"é-&!p!YA"")RBKC)(HVE)VU', 'YQ""-RBKC-(HVE-VU', 'HTTPSM!!PQSS'])
      expect(readCode(typed), typed).toEqual({ ok: false, error: said, whole: true });
    // A code mistyped by a person is still said to be mistyped.
    expect(readCode('U5439NFVWQ2RJL')).toMatchObject({ error: expect.stringMatching(/^Ce code contient/) });
    expect(readCode('U5439NFVWQ2RJé')).toMatchObject({ error: expect.stringMatching(/^Ce code contient/) });
  });
});
