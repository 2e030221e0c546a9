import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileText, textFault, textFaultMessage } from './text.js';

describe('text rules', () => {
  it('accepts letters of every script, emoji, right-to-left marks and punctuation', () => {
    for (const s of [
      'Élodie Lefèvre',
      'مكتبة‏',
      'שלום',
      '中文',
      '😀👍🏽',
      '👩\u200d💻',
      "'; DROP TABLE x; --",
      '<b>',
      '',
    ]) {
      expect(textFault(s, false), s).toBeNull();
    }
  });

  it('refuses NUL, the C0 and C1 controls and DEL, naming the first one and where it is', () => {
    expect(textFault('ab\u0000c', true)).toEqual({ kind: 'control', index: 2, codePoint: 0 });
    for (const c of [0x01, 0x07, 0x1b, 0x1f, 0x7f, 0x80, 0x85, 0x9f]) {
      expect(textFault(`x${String.fromCharCode(c)}`, true)?.kind).toBe('control');
    }
    expect(textFaultMessage({ kind: 'control', index: 2, codePoint: 0 })).toBe(
      'Caractère de contrôle interdit (U+0000, position 3).',
    );
  });

  it('refuses in one-line fields what shows as nothing or turns the text around, naming it', () => {
    // « Bob‮live » read « Bobevil » reversed on the lists of a funder's agents.
    expect(textFault('Bob\u202eevil', false)).toEqual({ kind: 'invisible', index: 3, codePoint: 0x202e });
    for (const c of ['\u200b', '\u202a', '\u202d', '\u2060', '\u2066', '\u2069', '\ufeff', '\u180e'])
      expect(textFault(`Caisse${c}1`, false)?.kind, c).toBe('invisible');
    expect(textFaultMessage({ kind: 'invisible', index: 3, codePoint: 0x202e })).toBe(
      'Ce champ contient un caractère invisible ou qui inverse le sens du texte, venu d’un copier-coller (U+202E, position 4) : effacez-le, ou effacez le champ et retapez le texte.',
    );
    // A deliberation's text, pasted whole, keeps what it carries.
    expect(textFault('Article 1\u200b : le dispositif', true)).toBeNull();
  });

  it('keeps tabs and line breaks to multi-line texts', () => {
    for (const c of ['\t', '\n', '\r', '\u2028', '\u2029']) {
      expect(textFault(`a${c}b`, true)).toBeNull();
      expect(textFault(`a${c}b`, false)?.kind).toBe('line_break');
    }
  });

  it('refuses a lone surrogate, high or low, and accepts every pair', () => {
    expect(textFault('\ud83d', false)).toEqual({ kind: 'lone_surrogate', index: 0, codePoint: 0xd83d });
    expect(textFault('a\ude00', false)?.index).toBe(1);
    expect(textFault('\ude00\ud83d', false)?.index).toBe(0);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(textFault(s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ''), false)).toBeNull();
      }),
    );
  });

  it('finds a refused character wherever it is put in a valid text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii' }).map((s) => s.replace(/[\u0000-\u001f\u007f]/g, '')),
        fc.nat(),
        fc.constantFrom('\u0000', '\u001b', '\u0085', '\ud800', '\udfff'),
        (text, at, bad) => {
          const i = at % (text.length + 1);
          expect(textFault(text.slice(0, i) + bad + text.slice(i), true)?.index).toBe(i);
        },
      ),
    );
  });
});

describe('the text of a file a person brings', () => {
  it('reads Windows-1252 with its typographic characters, as French Excel saves them', () => {
    // « Pont-l’Abbé — 12 € », one byte a character in Windows-1252.
    const bytes = Uint8Array.from([
      ...Buffer.from('Pont-l', 'latin1'),
      0x92,
      ...Buffer.from('Abbé ', 'latin1'),
      0x97,
      ...Buffer.from(' 12 ', 'latin1'),
      0x80,
      0x20,
      0xab,
      0x9c,
      0xbb,
    ]);
    expect(fileText(bytes)).toBe('Pont-l’Abbé — 12 € «œ»');
    expect(fileText(Buffer.from('\uFEFFPont-l’Abbé'))).toBe('Pont-l’Abbé');
  });
});
