import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { centsToDecimal, decimalToCents } from './amount.js';
import { readBankCsv } from './bank-csv.js';
import { BankFileError } from './bank-lines.js';
import { readCamt053 } from './camt053.js';
import { matchBankLines } from './match.js';

const camt = readFileSync(new URL('./fixtures/camt053-sample.xml', import.meta.url), 'utf8');

describe('amounts', () => {
  it('converts exactly both ways, with a French decimal comma too', () => {
    expect(centsToDecimal(0)).toBe('0.00');
    expect(centsToDecimal(123_456)).toBe('1234.56');
    expect(decimalToCents('1234.5')).toBe(123_450);
    expect(decimalToCents('1 234,56')).toBe(123_456);
    expect(decimalToCents('-12')).toBe(-1200);
    expect(decimalToCents('0.001')).toBeNull();
    expect(decimalToCents('12abc')).toBeNull();
  });
});

describe('camt.053 reader', () => {
  it('reads booked entries, one line per transaction of a batch, and skips pending and reversed ones', () => {
    const lines = readCamt053(camt);
    expect(lines.map((l) => [l.endToEndId, l.amountCents, l.debit, l.bookingDate])).toEqual([
      ['PN0001', 125_000, true, '2026-11-27'],
      ['PN0002', 9050, true, '2026-11-28'],
      ['AUTRE-VIREMENT-42', 4000, true, '2026-11-28'],
      [null, 500_000, false, '2026-11-29'],
      ['PN0001', 125_000, false, '2026-11-30'],
    ]);
    expect(lines.map((l) => l.returnReason)).toEqual([null, null, null, null, 'AC04']);
    expect(lines[0]?.label).toBe('Releve pass numerique 2026-000001');
    expect(lines[2]?.label).toBe('Loyer & charges');
  });

  it('refuses what is not a camt.053, a DOCTYPE, or a foreign currency, in French', () => {
    expect(() => readCamt053('<Document><Other/></Document>')).toThrow(BankFileError);
    const unreadable =
      'Ce fichier XML est incomplet ou illisible : exportez de nouveau le relevé depuis votre banque (format camt.053).';
    // The finance officer reads what to do, not the parser's words.
    expect(() => readCamt053('<!DOCTYPE x [<!ENTITY a "b">]><Document/>')).toThrow(unreadable);
    expect(() => readCamt053(camt.replace('Ccy="EUR">1250.00', 'Ccy="USD">1250.00'))).toThrow(/Devise USD/);
    expect(() => readCamt053('date;montant\n01/12/2026;10,00')).toThrow(unreadable);
    expect(() => readCamt053('<Document><BkToCstmrStmt></Stmt></Document>')).toThrow(unreadable);
    expect(() => readCamt053('<Document><BkToCstmrStmt>')).toThrow(unreadable);
    // An empty file has no line: the import refuses it as an empty CSV.
    expect(readCamt053('')).toEqual([]);
  });
});

describe('CSV fallback', () => {
  it('reads date;montant;référence;libellé with titles and a decimal comma', () => {
    const csv =
      '\uFEFFdate;montant;référence de bout en bout;libellé\n27/11/2026;-1 250,00;PN0001;Vir Médiathèque\n2026-11-28;-90,5;PN0002;\n';
    expect(readBankCsv(csv)).toEqual([
      {
        line: 2,
        endToEndId: 'PN0001',
        amountCents: 125_000,
        debit: true,
        bookingDate: '2026-11-27',
        label: 'Vir Médiathèque',
      },
      { line: 3, endToEndId: 'PN0002', amountCents: 9050, debit: true, bookingDate: '2026-11-28', label: '' },
    ]);
  });

  it('reads the sign as the bank writes it: money leaving is negative, money coming in is a credit', () => {
    const csv =
      'date;montant;référence;libellé\n01/12/2026;-10,00;PN1;\n01/12/2026;10,00;PN1;Retour\n01/12/2026;+10,00;PN2;\n';
    expect(readBankCsv(csv).map((l) => [l.amountCents, l.debit])).toEqual([
      [1000, true],
      [1000, false],
      [1000, false],
    ]);
  });

  it('names the line and the field it cannot read', () => {
    expect(() => readBankCsv('31/02/2026;10,00;PN1')).toThrow(/Ligne 1 : date illisible/);
    expect(() => readBankCsv('date;montant;ref\n01/12/2026;dix;PN1')).toThrow(/Ligne 2 : montant illisible/);
    expect(() => readBankCsv('01/12/2026;10,00')).toThrow(/Ligne 1 : il faut au moins/);
    expect(() => readBankCsv('date;montant;ref\n01/12/2026;"10,00;PN1\n')).toThrow(
      'Fichier CSV illisible : ligne 2, un guillemet n’est pas fermé ou est mal placé.',
    );
  });
});

describe('matching by end-to-end id', () => {
  const awaited = [
    { id: 't1', endToEndId: 'PN0001', amountCents: 125_000 },
    { id: 't2', endToEndId: 'PN0002', amountCents: 10_050 },
    { id: 't3', endToEndId: 'PN0003', amountCents: 7500 },
  ];

  it('finds matched, partial and unmatched lines in the fixture, ignores other money coming in, and sees a payment come back', () => {
    const result = matchBankLines(readCamt053(camt), awaited);
    expect(result.map((r) => r.kind)).toEqual(['matched', 'partial', 'unmatched', 'ignored', 'returned']);
    expect(result[1]).toMatchObject({ transfer: { id: 't2' }, differenceCents: -1000 });
    expect(result[2]).toMatchObject({ reason: 'unknown_reference' });
    expect(result[4]).toMatchObject({ transfer: { id: 't1', endToEndId: 'PN0001' } });
  });

  it('takes a return for what was paid only: not twice, not another amount, not before the payment', () => {
    const credit = (line: number, endToEndId: string, amountCents: number) => ({
      line,
      endToEndId,
      amountCents,
      debit: false,
      bookingDate: null,
      label: '',
    });
    const settled = [
      { id: 't8', endToEndId: 'PN0008', paidCents: 4000, returned: false },
      { id: 't9', endToEndId: 'PN0009', paidCents: 2000, returned: true },
    ];
    // The return is listed before its payment in the file: it still follows it.
    const result = matchBankLines(
      [
        credit(1, 'PN0001', 125_000),
        { ...credit(2, 'PN0001', 125_000), debit: true },
        credit(3, 'PN0008', 4000),
        credit(4, 'PN0008', 4000),
        credit(5, 'PN0009', 2000),
        credit(6, 'PN0003', 7500),
        { ...credit(7, 'PN0002', 10_050), debit: true },
        credit(8, 'PN0002', 10_050),
        credit(9, 'VIREMENT-RECU', 10_000),
      ],
      awaited,
      settled,
    );
    expect(result.map((r) => (r.kind === 'unmatched' ? r.reason : r.kind))).toEqual([
      'returned',
      'matched',
      'returned',
      'already_returned',
      'already_returned',
      'not_paid_yet',
      'matched',
      'returned',
      'ignored',
    ]);
    const other = matchBankLines([credit(1, 'PN0008', 3999)], [], settled);
    expect(other[0]).toMatchObject({ kind: 'unmatched', reason: 'return_amount_differs' });
  });

  it('never takes a debit above its transfer as a payment: the bank paid more than it was asked', () => {
    const debit = (endToEndId: string, amountCents: number) => ({
      line: 1,
      endToEndId,
      amountCents,
      debit: true,
      bookingDate: null,
      label: '',
    });
    const [above] = matchBankLines([debit('PN0003', 7501)], awaited);
    expect(above).toMatchObject({ kind: 'unmatched', reason: 'amount_above_transfer' });
    const [below] = matchBankLines([debit('PN0003', 7499)], awaited);
    expect(below).toMatchObject({ kind: 'partial', differenceCents: -1 });
    // It names its transfer, which it does not take: the bank's corrected debit further on pays it.
    const [wrong, corrected] = matchBankLines([debit('PN0003', 7501), debit('PN0003', 7500)], awaited);
    expect(wrong).toMatchObject({
      kind: 'unmatched',
      reason: 'amount_above_transfer',
      transfer: { endToEndId: 'PN0003' },
    });
    expect(corrected).toMatchObject({ kind: 'matched', transfer: { endToEndId: 'PN0003' } });
  });

  it('never matches one transfer twice, nor a line without reference', () => {
    const line = {
      line: 1,
      endToEndId: 'PN0003',
      amountCents: 7500,
      debit: true,
      bookingDate: null,
      label: '',
    };
    const result = matchBankLines(
      [line, { ...line, line: 2 }, { ...line, line: 3, endToEndId: null }],
      awaited,
    );
    expect(result.map((r) => (r.kind === 'unmatched' ? r.reason : r.kind))).toEqual([
      'matched',
      'repeated',
      'no_reference',
    ]);
  });
});
