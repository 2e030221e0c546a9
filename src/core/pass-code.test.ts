import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  checkSymbol,
  formatBookletSerial,
  formatPassCode,
  generatePassCode,
  generatePassCodes,
  PASS_CODE_ALPHABET,
  PASS_CODE_LENGTH,
  parseBookletSerial,
  parsePassCode,
  passCodeUrl,
} from './pass-code.js';

// Check symbols worked out by hand (Σ (14 − i)·vᵢ ≡ 0 mod 31), not by the code under test.
const VALID = '3222222222222K';
const VALID_2 = '7QX4MZB9KD3WRS';

describe('the alphabet', () => {
  it('has 31 distinct symbols: digits 2–9 and the letters but I, L, O', () => {
    expect(PASS_CODE_ALPHABET).toHaveLength(31);
    expect(new Set(PASS_CODE_ALPHABET).size).toBe(31);
    expect(PASS_CODE_ALPHABET).toBe('23456789ABCDEFGHJKMNPQRSTUVWXYZ');
    for (const confusable of '01OIL') expect(PASS_CODE_ALPHABET).not.toContain(confusable);
  });
});

describe('checkSymbol', () => {
  it('matches hand-computed examples', () => {
    expect(checkSymbol('2222222222222')).toBe('2');
    expect(checkSymbol('3222222222222')).toBe('K');
    expect(checkSymbol('ABCDEFGHJKMNP')).toBe('X');
    expect(checkSymbol('7QX4MZB9KD3WR')).toBe('S');
  });

  it('refuses anything but 13 canonical symbols', () => {
    for (const bad of [
      '',
      '222222222222',
      '22222222222222',
      'abcdefghjkmnp',
      '222222222222O',
      '2222-22222222',
    ]) {
      expect(() => checkSymbol(bad)).toThrow(RangeError);
    }
  });
});

describe('generatePassCode', () => {
  it('gives 14 canonical symbols that parse back to themselves', () => {
    for (let i = 0; i < 1000; i++) {
      const code = generatePassCode();
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{14}$/);
      expect(parsePassCode(code)).toEqual({ ok: true, code });
    }
  });
});

describe('generatePassCodes', () => {
  const n = 100_000;
  const codes = generatePassCodes(n);

  it('gives n distinct, valid codes', () => {
    expect(codes).toHaveLength(n);
    expect(new Set(codes).size).toBe(n);
    const invalid = codes.filter((code) => {
      const parsed = parsePassCode(code);
      return code.length !== PASS_CODE_LENGTH || !parsed.ok || parsed.code !== code;
    });
    expect(invalid).toEqual([]);
  });

  it('uses every symbol equally often at every position', () => {
    // χ² with 30 degrees of freedom: mean 30; P(χ² > 90) ≈ 10⁻⁷. Keeping the 8
    // surplus byte values (byte % 31 without rejection) would give about 280.
    const expected = n / 31;
    for (let position = 0; position < PASS_CODE_LENGTH; position++) {
      const counts = new Array<number>(31).fill(0);
      for (const code of codes) {
        const v = PASS_CODE_ALPHABET.indexOf(code[position] as string);
        counts[v] = (counts[v] as number) + 1;
      }
      const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
      expect(chiSquare, `position ${position}`).toBeLessThan(90);
    }
  });

  it('handles the edges of n', () => {
    expect(generatePassCodes(0)).toEqual([]);
    expect(generatePassCodes(1)).toHaveLength(1);
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => generatePassCodes(bad)).toThrow(RangeError);
    }
  });
});

describe('generatePassCodes with a broken random source', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** The first draw of random bytes gets chosen bytes; later ones are random again. */
  async function withRandomBytes(firstFill: (bytes: Uint8Array) => void) {
    const real = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    let calls = 0;
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation((buffer) => {
      if (calls++ === 0) {
        firstFill(buffer as unknown as Uint8Array);
        return buffer;
      }
      return real(buffer);
    });
    return { generatePassCodes };
  }

  it('never returns the same code twice, even when the bytes repeat', async () => {
    const { generatePassCodes: generate } = await withRandomBytes((b) => b.fill(0));
    const codes = generate(1000);
    expect(codes).toHaveLength(1000);
    expect(new Set(codes).size).toBe(1000);
    expect(codes[0]).toBe('22222222222222');
  });

  it('draws again rather than using the bytes 248–255', async () => {
    const { generatePassCodes: generate } = await withRandomBytes((b) => {
      b.fill(255);
      b.set([248, 0, 8, 30, 31, 62, 247, 250, 1, 2, 3, 4, 5, 6, 7, 9, 10]);
    });
    // 248 and 250 are skipped; the others map to byte % 31: 0, 8, 30, 0, 0, 30, 1, 2, …
    const [code] = generate(1);
    expect(code?.slice(0, 13)).toBe('2AZ22Z3456789');
  });
});

describe('formatPassCode', () => {
  it('prints groups of four', () => {
    expect(formatPassCode(VALID_2)).toBe('7QX4-MZB9-KD3W-RS');
  });

  it('refuses what is not a valid canonical code', () => {
    for (const bad of ['', '7QX4MZB9KD3WRT', '7qx4mzb9kd3wrs', '7QX4-MZB9-KD3W-RS', '7QX4MZB9KD3WR']) {
      expect(() => formatPassCode(bad)).toThrow(RangeError);
    }
  });
});

describe('passCodeUrl', () => {
  it('appends /p/ and the printed form, without doubling slashes', () => {
    expect(passCodeUrl('https://pass.example.fr', VALID_2)).toBe(
      'https://pass.example.fr/p/7QX4-MZB9-KD3W-RS',
    );
    expect(passCodeUrl('https://pass.example.fr/', VALID_2)).toBe(
      'https://pass.example.fr/p/7QX4-MZB9-KD3W-RS',
    );
    expect(passCodeUrl('https://example.fr/pass//', VALID_2)).toBe(
      'https://example.fr/pass/p/7QX4-MZB9-KD3W-RS',
    );
  });
});

describe('parsePassCode', () => {
  const ok = { ok: true, code: VALID_2 };

  it('reads the code however it is typed', () => {
    for (const typed of [
      '7QX4MZB9KD3WRS',
      '7QX4-MZB9-KD3W-RS',
      '7qx4-mzb9-kd3w-rs',
      '  7qx4 mzb9 kd3w rs\n',
      '7Qx4.Mzb9.kD3w.Rs',
      '7QX4_MZB9_KD3W_RS',
      '7 Q X 4 M Z B 9 K D 3 W R S',
      '7QX4 - MZB9 - KD3W - RS',
      '7QX4\u00A0MZB9\u202FKD3W\tRS',
      '7QX4\u2010MZB9\u2013KD3W\u2212RS',
    ]) {
      expect(parsePassCode(typed), typed).toEqual(ok);
    }
  });

  it('reads the URL from the QR code', () => {
    for (const scanned of [
      'https://pass.example.fr/p/7QX4-MZB9-KD3W-RS',
      'HTTPS://PASS.EXAMPLE.FR/P/7QX4-MZB9-KD3W-RS',
      'pass.example.fr/p/7qx4mzb9kd3wrs',
      'https://pass.example.fr/p/7QX4-MZB9-KD3W-RS/',
      'https://pass.example.fr/p/7QX4-MZB9-KD3W-RS?utm_source=qr#top',
      'https://example.fr/p/ignored/p/7QX4-MZB9-KD3W-RS',
    ]) {
      expect(parsePassCode(scanned), scanned).toEqual(ok);
    }
  });

  it('says when nothing was typed', () => {
    for (const empty of ['', '   ', '\n', '- - -', 'https://pass.example.fr/p/']) {
      expect(parsePassCode(empty), empty).toEqual({ ok: false, reason: 'empty' });
    }
  });

  it('refuses characters that never appear in a code, rather than guessing', () => {
    // O/0 and I/L/1 are all left out of the alphabet; mapping one to another would be a guess.
    for (const typed of [
      '7QX4-MZB9-KD3W-R0',
      '7QX4-MZB9-KD3W-RO',
      '7QX4-MZB9-KD3W-R1',
      '7QX4-MZB9-KD3W-RI',
      '7QX4-MZB9-KD3W-Rl',
      '7QX4/MZB9/KD3W/RS',
      '7QX4+MZB9+KD3W+RS',
      // Look-alikes from outside ASCII: fullwidth Ｑ, Cyrillic А, long s (upper-cases to S).
      '7ＱX4-MZB9-KD3W-RS',
      '7QX4-MZB9-KD3W-АS',
      '7QX4-MZB9-KD3W-Rſ',
      // Bad characters are reported before a wrong length.
      'O',
    ]) {
      expect(parsePassCode(typed), typed).toEqual({ ok: false, reason: 'bad_characters' });
    }
  });

  it('says when symbols are missing or extra', () => {
    for (const typed of ['7QX4-MZB9-KD3W-R', '7QX4-MZB9-KD3W-RSS', '7', 'https://x.fr/p/7QX4-MZB9']) {
      expect(parsePassCode(typed), typed).toEqual({ ok: false, reason: 'bad_length' });
    }
  });

  it('catches a misread symbol or two swapped ones with the check symbol', () => {
    for (const typed of [
      '7QX4-MZB9-KD3W-R5',
      '7QX4-MZ89-KD3W-RS',
      'Q7X4-MZB9-KD3W-RS',
      '7QX4-MZB9-KD3W-SR',
    ]) {
      expect(parsePassCode(typed), typed).toEqual({ ok: false, reason: 'bad_check' });
    }
  });

  it('accepts the hand-computed example', () => {
    expect(parsePassCode(VALID)).toEqual({ ok: true, code: VALID });
    expect(parsePassCode('22222222222222')).toEqual({ ok: true, code: '22222222222222' });
  });
});

describe('booklet serials', () => {
  it('matches hand-computed Luhn check digits', () => {
    expect(formatBookletSerial('HDF', 123)).toBe('HDF-0000123-0');
    expect(formatBookletSerial('HDF', 1)).toBe('HDF-0000001-8');
    expect(formatBookletSerial('OCC24', 1_234_567)).toBe('OCC24-1234567-4');
    expect(formatBookletSerial('A1B2C3', 9_999_999)).toBe('A1B2C3-9999999-7');
  });

  it('refuses a prefix or sequence it could not print', () => {
    for (const prefix of ['', 'HD', 'HAUTSDF', 'hdf', 'H-F', 'HDÉ']) {
      expect(() => formatBookletSerial(prefix, 1), prefix).toThrow(RangeError);
    }
    expect(formatBookletSerial('HAUTSD', 1)).toBe('HAUTSD-0000001-8');
    for (const sequence of [-1, 10_000_000, 1.5, Number.NaN]) {
      expect(() => formatBookletSerial('HDF', sequence), String(sequence)).toThrow(RangeError);
    }
  });

  it('reads a serial however it is typed', () => {
    const expected = { ok: true, serial: 'HDF-0000123-0', prefix: 'HDF', sequence: 123 };
    for (const typed of [
      'HDF-0000123-0',
      'hdf-0000123-0',
      ' hdf 0000123 0 ',
      'HDF00001230',
      'Hdf.0000123_0',
    ]) {
      expect(parseBookletSerial(typed), typed).toEqual(expected);
    }
    expect(parseBookletSerial('occ24 1234567 4')).toEqual({
      ok: true,
      serial: 'OCC24-1234567-4',
      prefix: 'OCC24',
      sequence: 1_234_567,
    });
  });

  it('refuses what is not a serial', () => {
    expect(parseBookletSerial('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseBookletSerial(' - ')).toEqual({ ok: false, reason: 'empty' });
    for (const typed of [
      'HDF-123-0',
      'HD-0000123-0',
      'HAUTSDF-0000123-0',
      'HDF-0000123',
      'HDF/0000123/0',
      // Separators where the printed serial has none: read without them, the first
      // would be the valid-looking prefix 'HDF0'.
      'HDF-00001234-0',
      'HDF-0000-123-0',
    ]) {
      expect(parseBookletSerial(typed), typed).toEqual({ ok: false, reason: 'bad_format' });
    }
    expect(parseBookletSerial('HDF-0000123-1')).toEqual({ ok: false, reason: 'bad_check' });
    expect(parseBookletSerial('HDF-0000132-0')).toEqual({ ok: false, reason: 'bad_check' });
  });

  it('round-trips every prefix and sequence', () => {
    const prefixArb = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
      minLength: 3,
      maxLength: 6,
    });
    fc.assert(
      fc.property(prefixArb, fc.integer({ min: 0, max: 9_999_999 }), (prefix, sequence) => {
        const serial = formatBookletSerial(prefix, sequence);
        expect(serial).toMatch(/^[A-Z0-9]{3,6}-\d{7}-\d$/);
        expect(parseBookletSerial(serial)).toEqual({ ok: true, serial, prefix, sequence });
        expect(parseBookletSerial(serial.toLowerCase().replaceAll('-', ' '))).toEqual({
          ok: true,
          serial,
          prefix,
          sequence,
        });
      }),
    );
  });

  it('detects any single wrong digit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (sequence) => {
        const serial = formatBookletSerial('HDF', sequence);
        // The 8 digits: 7 of sequence and the check digit, after 'HDF-'.
        for (const position of [4, 5, 6, 7, 8, 9, 10, 12]) {
          for (const digit of '0123456789') {
            if (digit === serial[position]) continue;
            const typo = serial.slice(0, position) + digit + serial.slice(position + 1);
            expect(parseBookletSerial(typo), typo).toEqual({ ok: false, reason: 'bad_check' });
          }
        }
      }),
    );
  });

  it('detects swapped neighbouring digits, except 0 and 9', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (sequence) => {
        const digits = formatBookletSerial('HDF', sequence).replaceAll('-', '').slice(3);
        for (let i = 0; i + 1 < digits.length; i++) {
          const [a, b] = [digits[i] as string, digits[i + 1] as string];
          if (a === b || (a === '0' && b === '9') || (a === '9' && b === '0')) continue;
          const swapped = `HDF${digits.slice(0, i)}${b}${a}${digits.slice(i + 2)}`;
          expect(parseBookletSerial(swapped), swapped).toEqual({ ok: false, reason: 'bad_check' });
        }
      }),
    );
  });
});
