import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkSymbol,
  formatPassCode,
  generatePassCode,
  PASS_CODE_ALPHABET,
  type PassCodeParse,
  parsePassCode,
} from './pass-code.js';

const symbols = [...PASS_CODE_ALPHABET];
const SEPARATORS = [
  ' ',
  '\t',
  '\n',
  '\u00A0',
  '\u202F',
  '-',
  '.',
  '_',
  '\u2010',
  '\u2011',
  '\u2013',
  '\u2014',
  '\u2212',
];

/** Valid codes from two sources: any body with its check symbol, and the generator itself. */
const codeArb = fc.oneof(
  fc
    .array(fc.constantFrom(...symbols), { minLength: 13, maxLength: 13 })
    .map((body) => body.join('') + checkSymbol(body.join(''))),
  fc.constant(null).map(() => generatePassCode()),
);

/** Written independently of the implementation: verifies Σ (14 − i)·vᵢ ≡ 0 over the whole code. */
function reference(input: string): PassCodeParse {
  let text = input.trim();
  const url = /^.*\/p\/(.*)$/is.exec(text); // greedy: the last '/p/'
  if (url) text = (url[1] as string).split(/[?#]/)[0]?.replace(/\/+$/, '') as string;
  const isSeparator = (ch: string) =>
    /^\s$/.test(ch) || '-._'.includes(ch) || (ch >= '\u2010' && ch <= '\u2015') || ch === '\u2212';
  const kept = [...text]
    .filter((ch) => !isSeparator(ch))
    .map((ch) => (/^[a-z]$/.test(ch) ? ch.toUpperCase() : ch));
  if (kept.some((ch) => !symbols.includes(ch))) return { ok: false, reason: 'bad_characters' };
  if (kept.length === 0) return { ok: false, reason: 'empty' };
  if (kept.length !== 14) return { ok: false, reason: 'bad_length' };
  const sum = kept.reduce((s, ch, i) => s + (14 - i) * symbols.indexOf(ch), 0);
  return sum % 31 === 0 ? { ok: true, code: kept.join('') } : { ok: false, reason: 'bad_check' };
}

/** A way a person or a scanner might write `code`. */
const spellingArb = (code: string) =>
  fc
    .record({
      cases: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
      gaps: fc.array(fc.array(fc.constantFrom(...SEPARATORS), { maxLength: 3 }), {
        minLength: 13,
        maxLength: 13,
      }),
      before: fc.constantFrom('', ' ', '  ', '\n', '\t '),
      after: fc.constantFrom('', ' ', '\n', ' \r\n'),
      url: fc.option(
        fc.record({
          base: fc.webUrl(),
          slashP: fc.constantFrom('/p/', '/P/'),
          tail: fc.constantFrom('', '/', '?utm_source=qr', '#x', '/?a=1#b'),
        }),
      ),
    })
    .map(({ cases, gaps, before, after, url }) => {
      let spelled = '';
      for (let i = 0; i < 14; i++) {
        const ch = code[i] as string;
        spelled += (cases[i] ? ch.toLowerCase() : ch) + (gaps[i]?.join('') ?? '');
      }
      if (url) spelled = `${url.base}${url.slashP}${spelled}${url.tail}`;
      return before + spelled + after;
    });

describe('the check symbol', () => {
  it('rejects every single wrong symbol', () => {
    fc.assert(
      fc.property(codeArb, (code) => {
        for (let position = 0; position < 14; position++) {
          for (const wrong of symbols) {
            if (wrong === code[position]) continue;
            const typo = code.slice(0, position) + wrong + code.slice(position + 1);
            expect(parsePassCode(typo), typo).toEqual({ ok: false, reason: 'bad_check' });
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rejects every swap of two different neighbouring symbols', () => {
    fc.assert(
      fc.property(codeArb, (code) => {
        for (let i = 0; i < 13; i++) {
          const [a, b] = [code[i] as string, code[i + 1] as string];
          if (a === b) continue;
          const swapped = code.slice(0, i) + b + a + code.slice(i + 2);
          expect(parsePassCode(swapped), swapped).toEqual({ ok: false, reason: 'bad_check' });
        }
      }),
      { numRuns: 500 },
    );
  });

  it('rejects swaps of distant symbols too, since all weights differ', () => {
    fc.assert(
      fc.property(codeArb, fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 13 }), (code, i, j) => {
        const [a, b] = [code[i] as string, code[j] as string];
        fc.pre(a !== b);
        const chars = [...code];
        chars[i] = b;
        chars[j] = a;
        expect(parsePassCode(chars.join(''))).toEqual({ ok: false, reason: 'bad_check' });
      }),
      { numRuns: 500 },
    );
  });
});

describe('reading a code', () => {
  it('accepts every spelling of a valid code and returns it canonical', () => {
    fc.assert(
      fc.property(
        codeArb.chain((code) => fc.tuple(fc.constant(code), spellingArb(code))),
        ([code, typed]) => {
          expect(parsePassCode(typed)).toEqual({ ok: true, code });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('accepts the printed form and the QR URL', () => {
    fc.assert(
      fc.property(codeArb, fc.webUrl(), (code, base) => {
        expect(parsePassCode(formatPassCode(code))).toEqual({ ok: true, code });
        expect(parsePassCode(`${base}/p/${formatPassCode(code)}`)).toEqual({ ok: true, code });
      }),
    );
  });

  // Characters chosen to hit every branch: symbols in both cases, the left-out
  // O/0/I/1/L, separators, URL punctuation, and non-ASCII that upper-cases or
  // looks like a symbol (ſ → S, ı → I, Kelvin sign, fullwidth and Cyrillic letters).
  const tricky = [
    ...symbols,
    ...symbols.map((s) => s.toLowerCase()),
    ...'0Oo1IiLl',
    ...SEPARATORS,
    ...'/pP?#:+,;',
    ...'ſıK\u212AＡА😀\u0000\r',
  ];
  const trickyString = fc.string({ unit: fc.constantFrom(...tricky), maxLength: 40 });

  /** A valid spelling, then damaged: characters inserted, deleted or replaced. */
  const damagedArb = codeArb.chain(spellingArb).chain((typed) =>
    fc
      .array(fc.tuple(fc.constantFrom('insert', 'delete', 'replace'), fc.nat(), fc.constantFrom(...tricky)), {
        minLength: 1,
        maxLength: 3,
      })
      .map((edits) => {
        let s = typed;
        for (const [kind, at, ch] of edits) {
          const i = s.length === 0 ? 0 : at % s.length;
          if (kind === 'insert') s = s.slice(0, i) + ch + s.slice(i);
          else if (kind === 'delete') s = s.slice(0, i) + s.slice(i + 1);
          else s = s.slice(0, i) + ch + s.slice(i + 1);
        }
        return s;
      }),
  );

  it('agrees with an independent reading on any string at all', () => {
    fc.assert(
      fc.property(
        fc.oneof(trickyString, damagedArb, fc.string({ unit: 'binary' }), codeArb.chain(spellingArb)),
        (s) => {
          expect(parsePassCode(s)).toEqual(reference(s));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('never lets a string through without a correct check symbol', () => {
    fc.assert(
      fc.property(fc.oneof(trickyString, damagedArb), (s) => {
        const result = parsePassCode(s);
        if (result.ok) {
          expect(result.code).toMatch(/^[2-9A-HJKMNP-Z]{14}$/);
          expect(checkSymbol(result.code.slice(0, 13))).toBe(result.code[13]);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
