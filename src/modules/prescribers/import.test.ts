import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { sessionOf } from '../../test/accounts.js';
import type { Client, TestApp } from '../../test/app.js';
import { startTestApp } from '../../test/app.js';

/** Issue 11, point 2: a funder imports its prescribers from a CSV or XLSX file, dry run first. */

const SAMPLE = new URL('../../demo/pays-de-verdun-prescripteurs-demo.csv', import.meta.url);

let t: TestApp;
let hdf: Client;
let hdfId: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  hdf = await sessionOf(t, 'financeur@hautsdefrance.test', DEMO_PASSWORD);
  hdfId = hdf.session.memberships[0]!.funderId!;
});
afterAll(() => t.close());

const url = () => `/api/v1/funders/${hdfId}/prescribers/imports`;
const send = (client: Client, fileName: string, bytes: Buffer | string, dryRun: boolean) =>
  client.request('POST', url(), {
    fileName,
    contentBase64: Buffer.from(bytes).toString('base64'),
    dryRun,
  });
const prescriberCount = async () =>
  (
    await t.database.pool.query(
      "SELECT count(*)::int AS n FROM organisations WHERE funder_id = $1 AND kind = 'prescriber'",
      [hdfId],
    )
  ).rows[0].n as number;
const importEntries = async () =>
  (await hdf.request('GET', `/api/v1/funders/${hdfId}/audit`))
    .json()
    .entries.filter((e: { action: string }) => e.action === 'prescriber.import');

describe('importing prescribers from a file', () => {
  it('gave the demo’s Pays de Verdun the 25 prescribers of the sample file, marked as demonstration', async () => {
    const verdun = await sessionOf(t, 'financeur@paysdeverdun.test', DEMO_PASSWORD);
    const verdunId = verdun.session.memberships[0]!.funderId!;
    const list = (await verdun.request('GET', `/api/v1/funders/${verdunId}/prescribers`)).json();
    const demo = list.filter((p: { name: string }) => p.name.endsWith('(démo)'));
    expect(demo).toHaveLength(25);
    expect(demo.every((p: { communeCode: string }) => p.communeCode.startsWith('55'))).toBe(true);
    // In the order of a French list: « Médiathèque » before « Mission », accents aside.
    const names: string[] = list.map((p: { name: string }) => p.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('fr').compare));
    expect(names.findIndex((n) => n.startsWith('Médiathèque'))).toBeLessThan(
      names.findIndex((n) => n.startsWith('Mission')),
    );
  });

  it('reports the sample list line by line in a dry run, and records nothing', async () => {
    const before = await prescriberCount();
    const res = await send(hdf, 'prescripteurs.csv', fs.readFileSync(SAMPLE), true);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.dryRun).toBe(true);
    expect(report.counts).toEqual({ lines: 25, created: 25, unchanged: 0, rejected: 0 });
    expect(report.lines[0]).toMatchObject({
      line: 2,
      name: 'Mission locale du Nord meusien (démo)',
      status: 'created',
    });
    expect(await prescriberCount()).toBe(before);
    expect(await importEntries()).toEqual([]);
  });

  it('imports the sample list in one go, audited with its counts; the same file again creates nothing', async () => {
    const before = await prescriberCount();
    const first = (await send(hdf, 'prescripteurs.csv', fs.readFileSync(SAMPLE), false)).json();
    expect(first.counts).toEqual({ lines: 25, created: 25, unchanged: 0, rejected: 0 });
    expect(await prescriberCount()).toBe(before + 25);
    const list = (await hdf.request('GET', `/api/v1/funders/${hdfId}/prescribers`)).json();
    expect(list.find((p: { name: string }) => p.name === 'Collège des Remparts (démo)')).toMatchObject({
      kind: 'etablissement_scolaire',
      communeCode: '55545',
      communeName: 'Verdun',
      siret: '26551001029471',
    });
    expect(
      list.find((p: { name: string }) => p.name === 'CCAS de Thierville-sur-Meuse (démo)'),
    ).toMatchObject({
      kind: 'ccas',
      siret: null,
      communeName: 'Thierville-sur-Meuse',
    });

    const again = (await send(hdf, 'prescripteurs.csv', fs.readFileSync(SAMPLE), false)).json();
    expect(again.counts).toEqual({ lines: 25, created: 0, unchanged: 25, rejected: 0 });
    expect(again.lines.every((l: { status: string }) => l.status === 'unchanged')).toBe(true);
    expect(await prescriberCount()).toBe(before + 25);

    const entries = await importEntries();
    expect(entries.map((e: { summary: unknown }) => e.summary)).toEqual([
      { fileName: 'prescripteurs.csv', lines: 25, created: 0, unchanged: 25, rejected: 0 },
      { fileName: 'prescripteurs.csv', lines: 25, created: 25, unchanged: 0, rejected: 0 },
    ]);
    expect(entries[0].actorEmail).toBe('financeur@hautsdefrance.test');
  });

  it('rejects each faulty line with its field and reason in French, and takes the others as people write them', async () => {
    const csv = [
      'Nom,Type,SIRET,Commune,Code postal',
      ',Association,,Amiens,80000', // 2: no name
      'Club des aînés connectés,Club de foot,,Amiens,80000', // 3: unknown kind
      'Association Clic Somme,Association,12345678901234,Amiens,80000', // 4: SIRET check digit
      'Association Nulle Part,Association,,Trifouillis-les-Oies,80000', // 5: unknown commune
      'Association Saint-Denis,Association,,Saint-Denis,', // 6: several communes of that name
      'Association Amiens Nord,Association,,Amiens,62000', // 7: not this postcode
      'CCAS d’Abbeville,ccas,,Abbeville,80100', // 8: kind in lower case
      'Mairie de Laon,MAIRIE,,02408,', // 9: an INSEE code
      'Lycée Condorcet de Saint-Quentin,Lycée,,Saint-Quentin (02100),', // 10: postcode beside the name
      'France Travail Beauvais,France travail,"215 704 087 00018",Beauvais,60000', // 11: SIRET with spaces
      'ccas d’abbeville,CCAS,,Abbeville,80100', // 12: line 8 again
      'Association Sans Type,,,Amiens,80000', // 13: no kind
      'Association Sans Commune,Association,,,', // 14: no commune
    ].join('\n');
    const res = await send(hdf, 'liste.csv', csv, false);
    expect(res.statusCode).toBe(200);
    const { counts, lines } = res.json();
    expect(counts).toEqual({ lines: 13, created: 4, unchanged: 0, rejected: 9 });
    const byLine = Object.fromEntries(
      lines.map((l: { line: number; status: string; errors: { field: string; message: string }[] }) => [
        l.line,
        l.status === 'rejected' ? l.errors.map((e) => `${e.field}: ${e.message}`) : l.status,
      ]),
    );
    expect(byLine).toEqual({
      2: ['name: Nom de la structure manquant.'],
      3: [
        expect.stringMatching(
          /^kind: Type « Club de foot » inconnu : indiquez l’un de Mission locale, CCAS,/,
        ),
      ],
      4: ['siret: SIRET « 12345678901234 » invalide : 14 chiffres dont le dernier est une clé de contrôle.'],
      5: [
        'commune: Commune « Trifouillis-les-Oies » inconnue : vérifiez son orthographe, ou indiquez son code INSEE.',
      ],
      6: ['commune: Plusieurs communes s’appellent « Saint-Denis » : indiquez le code postal.'],
      7: ['commune: Aucune commune « Amiens » n’a le code postal 62000.'],
      8: 'created',
      9: 'created',
      10: 'created',
      11: 'created',
      12: ['name: Ligne en double : la ligne 8 nomme déjà cette structure.'],
      13: [expect.stringMatching(/^kind: Type de structure manquant/)],
      14: ['commune: Commune manquante : indiquez son nom et son code postal, ou son code INSEE.'],
    });
    const list = (await hdf.request('GET', `/api/v1/funders/${hdfId}/prescribers`)).json();
    const named = (name: string) => list.find((p: { name: string }) => p.name === name);
    expect(named('Mairie de Laon')).toMatchObject({ kind: 'mairie', communeName: 'Laon' });
    expect(named('Lycée Condorcet de Saint-Quentin')).toMatchObject({
      kind: 'etablissement_scolaire',
      communeCode: '02691',
    });
    expect(named('France Travail Beauvais')).toMatchObject({
      kind: 'france_travail',
      siret: '21570408700018',
    });
  });

  it('reads an Excel file, numbers and dropped leading zeros included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Prescripteurs');
    sheet.addRow(['Structure', 'Type de structure', 'N° SIRET', 'Code INSEE']);
    sheet.addRow(['Médiathèque de Chauny', 'Médiathèque', 21570408700018, 2173]);
    sheet.addRow(['Association Excel Invalide', 'Association', 123, 80021]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const dry = (await send(hdf, 'Prescripteurs.xlsx', bytes, true)).json();
    expect(dry.counts).toEqual({ lines: 2, created: 1, unchanged: 0, rejected: 1 });
    expect(dry.lines[1]).toMatchObject({ line: 3, status: 'rejected', errors: [{ field: 'siret' }] });
    await send(hdf, 'Prescripteurs.xlsx', bytes, false);
    const list = (await hdf.request('GET', `/api/v1/funders/${hdfId}/prescribers`)).json();
    expect(list.find((p: { name: string }) => p.name === 'Médiathèque de Chauny')).toMatchObject({
      kind: 'mediatheque',
      communeCode: '02173',
      communeName: 'Chauny',
    });
    const again = (await send(hdf, 'Prescripteurs.xlsx', bytes, false)).json();
    expect(again.counts).toMatchObject({ created: 0, unchanged: 1, rejected: 1 });
  });

  it('says why a file cannot be read, and lets only the funder’s admins import', async () => {
    const noName = await send(hdf, 'liste.csv', 'Type;Commune\nCCAS;Amiens', true);
    expect(noName.statusCode).toBe(422);
    expect(noName.json().errors).toEqual([
      {
        field: 'file',
        message:
          'Colonne « Nom » introuvable : la première ligne doit nommer les colonnes (Nom, Type, SIRET, Commune, Code postal).',
      },
    ]);
    const pdf = await send(hdf, 'liste.pdf', 'x', true);
    expect(pdf.statusCode).toBe(422);
    expect(pdf.json().errors[0]).toEqual({ field: 'file', message: 'Choisissez un fichier .csv ou .xlsx.' });
    const badXlsx = await send(hdf, 'liste.xlsx', 'pas un classeur', true);
    expect(badXlsx.statusCode).toBe(422);

    const viewer = await sessionOf(t, 'lecteur@hautsdefrance.test', DEMO_PASSWORD);
    expect((await send(viewer, 'l.csv', 'Nom\nX', true)).statusCode).toBe(403);
    const pdc = await sessionOf(t, 'financeur@pasdecalais.test', DEMO_PASSWORD);
    expect((await send(pdc, 'l.csv', 'Nom\nX', true)).statusCode).toBe(404);
  });
});
