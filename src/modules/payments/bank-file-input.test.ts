import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';
import { camt053, importBankFile } from '../../test/payments.js';

/**
 * Bank files as finance officers have them (found by a tester in the officer's place): a CSV
 * saved by Excel or the bank's site in Windows-1252 showed « Pr�l�vement », and an empty file
 * was « Relevé importé » with nothing in it, kept among the imports as a real one.
 */
let t: TestApp;
let c: Circulation;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
});
afterAll(() => t.close());

const imports = async () =>
  (
    await t.database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM bank_imports WHERE funder_id = $1',
      [c.funderId],
    )
  ).rows[0]!.n;

const yesterday = () => addDays(businessDate(), -1).split('-').reverse().join('/');

describe('a bank file as the officer has it', () => {
  it('reads a CSV saved in Windows-1252 with its accents', async () => {
    const csv = `date;montant;référence;libellé\r\n${yesterday()};-12,50;PRLV-EDF-0042;Prélèvement électricité\r\n`;
    const res = await importBankFile(t, c, c.funder, Buffer.from(csv, 'latin1'), 'csv');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().lines.map((l: { label: string }) => l.label)).toEqual([
      expect.stringContaining('Prélèvement électricité'),
    ]);
    // The same text in UTF-8 reads the same (a different file: its bytes differ).
    const utf8 = await importBankFile(t, c, c.funder, csv.replace('0042', '0043'), 'csv');
    expect(utf8.statusCode, utf8.body).toBe(201);
    expect(utf8.json().lines[0].label).toContain('Prélèvement électricité');
  });

  it('refuses a file with no movement, naming the file, and records nothing', async () => {
    const before = await imports();
    const empty = [
      ['csv', ''],
      ['csv', 'date;montant;référence;libellé\r\n'],
      // A 0-byte camt.053 is the same wrong file, not a parser's puzzle.
      ['camt053', ''],
      ['camt053', ' \r\n'],
      [
        'camt053',
        `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>VIDE</MsgId><CreDtTm>2026-12-01T08:00:00</CreDtTm></GrpHdr><Stmt><Id>VIDE</Id><CreDtTm>2026-12-01T08:00:00</CreDtTm></Stmt></BkToCstmrStmt></Document>`,
      ],
    ] as const;
    for (const [format, body] of empty) {
      const res = await importBankFile(t, c, c.funder, body, format);
      expect(res.statusCode, `${format}: ${res.body}`).toBe(422);
      expect(res.json().errors).toEqual([
        { field: 'file', message: expect.stringMatching(/aucune opération/) },
      ]);
    }
    expect(await imports()).toBe(before);
  });

  it('refuses a truncated or unreadable camt.053 with what to do, naming the file', async () => {
    const before = await imports();
    // Cut off mid-download, a CSV sent as camt.053, a closing tag out of place.
    for (const body of [
      '<?xml version="1.0"?><Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy="EUR">12',
      'date;montant\n01/12/2026;10,00',
      '<Document><BkToCstmrStmt></Stmt></Document>',
    ]) {
      const res = await importBankFile(t, c, c.funder, body, 'camt053');
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors).toEqual([
        {
          field: 'file',
          message:
            'Ce fichier XML est incomplet ou illisible : exportez de nouveau le relevé depuis votre banque (format camt.053).',
        },
      ]);
    }
    expect(await imports()).toBe(before);
  });

  it('refuses the statement of another account, naming it, and pays nothing', async () => {
    const before = await imports();
    const ours = camt053(addDays(businessDate(), -1), [['AUTRE-E2E-1', 1_000]]);
    const theirs = ours.replace('FR7610071590000000100123486', 'FR7617569000709876543210987');
    const res = await importBankFile(t, c, c.funder, theirs, 'camt053');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([
      {
        field: 'file',
        message:
          'Ce relevé est celui du compte FR•• •••• •••• •••• •••• •••0 987, qui n’est pas celui du financeur (FR•• •••• •••• •••• •••• •••3 486) : importez le relevé du compte d’où partent les virements aux lieux.',
      },
    ]);
    expect(await imports()).toBe(before);
    // The funder's own account's statement, the same lines, is taken.
    expect((await importBankFile(t, c, c.funder, ours, 'camt053')).statusCode).toBe(201);
  });
});
