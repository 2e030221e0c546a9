import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import * as redemptions from '../redemptions/service.js';

/*
 * A funder leaves with everything it recorded, in files its staff can open: the brief's
 * bankrupt operator left funders without their records. Checked against the database itself.
 */
let t: TestApp;
let admin: Client;
let funderId: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  admin = await signIn(t.app, 'financeur@hautsdefrance.test');
  funderId = admin.session.memberships.find((m) => m.role === 'funder_admin')!.funderId!;
});
afterAll(() => t.close());

const url = () => `/api/v1/funders/${funderId}/export.zip`;
const count = async (sql: string) => (await t.database.pool.query(sql, [funderId])).rows[0].n as number;

/** A CSV file of the archive as rows of cells (the files hold no quoted `;` in these columns). */
function rowsOf(files: Record<string, Uint8Array>, name: string): string[][] {
  // The byte-order mark French spreadsheets need (the decoder drops it from the text).
  expect([...files[name]!.slice(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
  return strFromU8(files[name]!)
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(';'));
}

describe('the funder’s archive', () => {
  it('holds every record of the funder, named in French, and no pass code', async () => {
    // A booklet lost: its passes are cancelled, which its line says.
    const { rows: lost } = await t.database.pool.query(
      `SELECT serial FROM booklets WHERE funder_id = $1 AND status = 'stock' ORDER BY serial DESC LIMIT 1`,
      [funderId],
    );
    const blocked = await admin.request('POST', `/api/v1/booklets/${lost[0].serial}/block`, {
      reason: 'lost',
    });
    expect(blocked.statusCode, blocked.body).toBe(200);
    const res = await admin.request('GET', url());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="donnees-region-hauts-de-france-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files).sort()).toEqual([
      'LISEZMOI.txt',
      'beneficiaires.csv',
      'carnets.csv',
      'dispositifs.csv',
      'encaissements.csv',
      'lieux.csv',
      'prescripteurs.csv',
      'releves.csv',
      'versements.csv',
    ]);
    // Each file has a line per record of the funder, and only of it.
    const lines = (name: string) => rowsOf(files, name).length - 1;
    expect(lines('carnets.csv')).toBe(
      await count('SELECT count(*)::int AS n FROM booklets WHERE funder_id = $1'),
    );
    expect(lines('encaissements.csv')).toBe(
      await count('SELECT count(*)::int AS n FROM redemptions WHERE funder_id = $1'),
    );
    expect(lines('beneficiaires.csv')).toBe(
      await count(
        'SELECT count(*)::int AS n FROM beneficiaries WHERE funder_id = $1 AND duplicate_of IS NULL',
      ),
    );
    expect(lines('releves.csv')).toBe(
      await count('SELECT count(*)::int AS n FROM statements WHERE funder_id = $1'),
    );
    expect(lines('versements.csv')).toBe(
      await count('SELECT count(*)::int AS n FROM fundings WHERE funder_id = $1'),
    );
    expect(lines('dispositifs.csv')).toBe(
      await count('SELECT count(*)::int AS n FROM programs WHERE funder_id = $1'),
    );
    for (const name of ['carnets.csv', 'encaissements.csv', 'beneficiaires.csv', 'releves.csv']) {
      expect(lines(name), name).toBeGreaterThan(0);
    }
    const readme = strFromU8(files['LISEZMOI.txt']!);
    expect(readme).toContain('Données de Région Hauts-de-France sur la plateforme Pass numérique');
    expect(readme).toContain(`carnets.csv (${lines('carnets.csv')} lignes)`);
    // Its files write days as 2026-03-31 where the app's other exports write 31/03/2026: said.
    expect(readme).toContain('Les jours y sont écrits AAAA-MM-JJ (2026-03-31)');

    // The demo's beneficiary is there by name, and her booklet by her pseudonym.
    const people = rowsOf(files, 'beneficiaires.csv');
    expect(people[0]).toEqual([
      'Pseudonyme',
      'Nom',
      'Prénom',
      'Date de naissance',
      'Commune',
      'Code INSEE',
      'Public',
      'Enregistré le',
      'Identité effacée le',
    ]);
    const { rows: held } = await t.database.pool.query(
      `SELECT b.serial, p.pseudonym, p.last_name FROM booklets b JOIN beneficiaries p ON p.id = b.beneficiary_id
        WHERE b.funder_id = $1 AND p.last_name IS NOT NULL ORDER BY b.serial LIMIT 1`,
      [funderId],
    );
    expect(people.find((p) => p[0] === held[0].pseudonym)?.[1]).toBe(held[0].last_name);
    const booklet = rowsOf(files, 'carnets.csv').find((b) => b[0] === held[0].serial)!;
    expect(booklet[6]).toBe('Remis');
    expect(booklet[9]).toBe(held[0].pseudonym);
    // Each booklet says how many of its passes were used, expired and cancelled (a blocked one's).
    const { rows: counted } = await t.database.pool.query(
      `SELECT b.serial, count(*) FILTER (WHERE p.status = 'redeemed')::text AS used,
              count(*) FILTER (WHERE p.status = 'expired')::text AS expired,
              count(*) FILTER (WHERE p.status = 'cancelled')::text AS cancelled
         FROM booklets b JOIN passes p ON p.booklet_id = b.id WHERE b.funder_id = $1 GROUP BY b.serial`,
      [funderId],
    );
    const booklets = rowsOf(files, 'carnets.csv');
    expect(booklets[0]!.slice(3, 6)).toEqual(['Pass utilisés', 'Pass expirés', 'Pass annulés']);
    const bySerial = new Map(booklets.slice(1).map((b) => [b[0], b.slice(3, 6)]));
    expect(counted.some((r) => r.cancelled !== '0')).toBe(true);
    for (const r of counted)
      expect(bySerial.get(r.serial), r.serial).toEqual([r.used, r.expired, r.cancelled]);

    // Redemptions with their place and their code masked; no file holds a whole code.
    const sessions = rowsOf(files, 'encaissements.csv');
    expect(sessions[1]![6]).toMatch(/^•{4}-•{4}-•{2}[0-9A-Z]{2}-[0-9A-Z]{2}$/);
    const { rows: codes } = await t.database.pool.query('SELECT code FROM passes WHERE funder_id = $1', [
      funderId,
    ]);
    const everything = Object.values(files)
      .map((f) => strFromU8(f))
      .join('\n')
      .replace(/-/g, '');
    expect(codes.filter((c) => everything.includes(c.code))).toEqual([]);

    // The leaving is in the journal, with what left.
    const journal = (await admin.request('GET', `/api/v1/funders/${funderId}/audit`)).json();
    const entry = journal.entries.find((e: { action: string }) => e.action === 'funder.data_export');
    expect(entry.actionLabel).toBe('Toutes les données du financeur téléchargées');
    expect(entry.summary.files).toContain(`carnets.csv : ${lines('carnets.csv')}`);
  });

  it('gives each session its own day, and for a late one the later day it was recorded', async () => {
    const today = businessDate();
    const c = await demoCampaign(t);
    const { codes } = await handedOutBooklets(t, c, 1);
    await t.database.pool.query('UPDATE passes SET valid_from = $1 WHERE code = ANY($2)', [
      addDays(today, -5),
      codes,
    ]);
    const caller = {
      placeId: c.organisations['Médiathèque Louis Aragon']!,
      userId: null,
      keyId: null,
      label: 'test de l’archive',
    };
    const session = { theme: STANDARD_SERVICES[0], durationMinutes: 60, format: 'individual' as const };
    const late = await redemptions.redeem(
      t.database.db,
      caller,
      {
        code: codes[0]!,
        nonce: 'archive-seance-tardive',
        ...session,
        sessionOn: addDays(today, -2),
      },
      24,
    );
    const onTheDay = await redemptions.redeem(
      t.database.db,
      caller,
      {
        code: codes[1]!,
        nonce: 'archive-seance-du-jour',
        ...session,
      },
      24,
    );
    const files = unzipSync(new Uint8Array((await admin.request('GET', url())).rawPayload));
    const sessions = rowsOf(files, 'encaissements.csv');
    expect(sessions[0]!.slice(0, 4)).toEqual(['Numéro', 'Date de la séance', 'Enregistré le', 'Heure']);
    const row = (id: number) => sessions.find((s) => s[0] === String(id))!;
    expect(row(late.redemption.id).slice(1, 3)).toEqual([addDays(today, -2), today]);
    expect(row(onTheDay.redemption.id).slice(1, 3)).toEqual([today, today]);
  });

  it('is for the funder’s admins: a viewer is refused, another funder finds nothing', async () => {
    const viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
    expect((await viewer.request('GET', url())).statusCode).toBe(403);
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await other.request('GET', url())).statusCode).toBe(404);
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    expect((await place.request('GET', url())).statusCode).toBe(403);
    // Another funder's archive holds none of this one's booklets.
    const { rows } = await t.database.pool.query('SELECT serial FROM booklets WHERE funder_id = $1 LIMIT 1', [
      funderId,
    ]);
    const pdcId = other.session.memberships.find((m) => m.role === 'funder_admin')!.funderId!;
    const theirs = await other.request('GET', `/api/v1/funders/${pdcId}/export.zip`);
    expect(theirs.statusCode).toBe(200);
    const files = unzipSync(new Uint8Array(theirs.rawPayload));
    expect(strFromU8(files['carnets.csv']!)).not.toContain(rows[0].serial);
    // Its few lines are counted in French: « 0 ligne », « 1 ligne », « 2 lignes ».
    const readme = strFromU8(files['LISEZMOI.txt']!);
    const said = [...readme.matchAll(/^(\S+\.csv) \((\d+) (lignes?)\)/gm)];
    expect(said.length).toBe(8);
    expect(said.some(([, , n]) => Number(n) < 2)).toBe(true);
    for (const [, file, n, word] of said) {
      expect(Number(n), file).toBe(rowsOf(files, file!).length - 1);
      expect(word, file).toBe(Number(n) < 2 ? 'ligne' : 'lignes');
    }
  });

  it('counts its limit of six an hour per account: refused requests from the same address use none of it', async () => {
    // Anonymous requests and another account's, all from the admin's address (an office's
    // shared address): they kept the funder's admin from its archive for an hour.
    for (let i = 0; i < 8; i++) expect((await t.app.inject({ url: url() })).statusCode).toBe(401);
    const prescriber = await signIn(t.app, 'prescripteur@hautsdefrance.test');
    const refused = [];
    for (let i = 0; i < 8; i++) refused.push((await prescriber.request('GET', url())).statusCode);
    // The prescriber is refused, then limited on its own account after six.
    expect(refused).toEqual([403, 403, 403, 403, 403, 403, 429, 429]);
    const res = await admin.request('GET', url());
    expect(res.statusCode, res.body).toBe(200);
  });
});
