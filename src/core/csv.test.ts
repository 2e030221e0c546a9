import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, frenchCsv } from './csv.js';

describe('CSV cells', () => {
  it('never lets a spreadsheet read a text as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+33 3 29 00 00 01 ou 03 29')).toBe("'+33 3 29 00 00 01 ou 03 29");
    expect(csvCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvCell('\t=1+1')).toBe("'\t=1+1");
    expect(csvCell('\r=1+1')).toBe('"\'\r=1+1"');
    // The prefix first, then the quotes: the spreadsheet unquotes, and still finds the `'`.
    expect(csvCell('=HYPERLINK("http://evil";"x")')).toBe('"\'=HYPERLINK(""http://evil"";""x"")"');
    expect(csvCell('=HYPERLINK("http://evil","x")', ',')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
  });

  it('leaves numbers as numbers, negative amounts and phone numbers included', () => {
    expect(csvCell('-10,00')).toBe('-10,00');
    expect(csvCell('-0.57')).toBe('-0.57');
    expect(csvCell('+33329000001')).toBe('+33329000001');
    expect(csvCell(-0.5712)).toBe('-0.5712');
    expect(csvCell(42)).toBe('42');
    expect(csvCell('-10,00 €')).toBe("'-10,00 €");
  });

  it('quotes only what holds the separator, a quote or a line break, and leaves the rest alone', () => {
    expect(csvCell('Médiathèque Louis Aragon')).toBe('Médiathèque Louis Aragon');
    expect(csvCell('a ; b')).toBe('"a ; b"');
    expect(csvCell('a, b')).toBe('a, b');
    expect(csvCell('a, b', ',')).toBe('"a, b"');
    expect(csvCell('Le « 5 » dit "oui"')).toBe('"Le « 5 » dit ""oui"""');
    expect(csvCell('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvCell("l'atelier")).toBe("l'atelier");
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell('')).toBe('');
  });
});

describe('CSV files', () => {
  it('writes a row with its separator', () => {
    expect(csvRow(['=1+1', '-10,00', 'a;b'])).toBe('\'=1+1;-10,00;"a;b"');
    expect(csvRow(['x', undefined, 'a,b'], ',')).toBe('x,,"a,b"');
  });

  it('writes a file for French spreadsheets: byte-order mark, `;` and CRLF', () => {
    expect(
      frenchCsv([
        ['Lieu', 'Montant (€)'],
        ['=1+1', '-10,00'],
      ]),
    ).toBe("\uFEFFLieu;Montant (€)\r\n'=1+1;-10,00\r\n");
  });
});
