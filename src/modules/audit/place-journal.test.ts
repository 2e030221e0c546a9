import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_LABELS, PLACE_JOURNAL_ACTIONS } from '../../core/audit-labels.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { sessionOf } from '../../test/accounts.js';
import type { Client, TestApp } from '../../test/app.js';
import { startTestApp } from '../../test/app.js';
import {
  type Circulation,
  demoCampaign,
  handedOutBooklets,
  placeKey,
  redeemCodes,
} from '../../test/circulation.js';

/**
 * A place's own journal (« Journal » of the place console): its admin sees who did what at the
 * place — sessions recorded and cancelled, its team, its API keys, its profile and bank account,
 * its contests — and nothing of another place's, nor of the funder's own work.
 */
let t: TestApp;
let c: Circulation;
let admin: Client;
let mediatheque: string;
let centreSocial: string;
let boulogne: string;
let keyLabel: string;

type Entry = {
  id: number;
  at: string;
  actorName: string;
  action: string;
  actionLabel: string;
  details: string[];
};
type Page = { total: number; page: number; pageSize: number; entries: Entry[] };

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  centreSocial = c.organisations['Centre social Arras Ouest']!;
  const { rows } = await t.database.pool.query<{ id: string }>(
    `SELECT id FROM organisations WHERE name = 'Espace numérique de Boulogne-sur-Mer'`,
  );
  boulogne = rows[0]!.id;
  admin = await sessionOf(t, 'lieu@hautsdefrance.test', DEMO_PASSWORD);
  // A second funder takes the place on its roster: its team's changes are written in both journals.
  const pdc = await sessionOf(t, 'financeur@pasdecalais.test', DEMO_PASSWORD);
  const pdcId = pdc.session.memberships[0]!.funderId!;
  expect((await pdc.request('PUT', `/api/v1/funders/${pdcId}/places/${mediatheque}`, {})).statusCode).toBe(
    200,
  );
  // What the place's admin does: a key made and revoked, a volunteer invited.
  keyLabel = `Caisse journal ${Date.now()}`;
  const key = await admin.request('POST', `/api/v1/places/${mediatheque}/api-keys`, { label: keyLabel });
  expect(key.statusCode).toBe(201);
  const revoked = await admin.request(
    'POST',
    `/api/v1/places/${mediatheque}/api-keys/${key.json().id}/revoke`,
  );
  expect(revoked.statusCode).toBe(200);
  const invited = await admin.request('POST', `/api/v1/places/${mediatheque}/invitations`, {
    email: 'nouveau.benevole@mediatheque.test',
    role: 'place_agent',
  });
  expect(invited.statusCode).toBe(201);
  // A volunteer records a session; another place's key and session, and the funder's work.
  const volunteer = await sessionOf(t, 'benevole@hautsdefrance.test', DEMO_PASSWORD);
  const { codes } = await handedOutBooklets(t, c, 1);
  await redeemCodes(volunteer, mediatheque, codes.slice(0, 1), 'journal-du-lieu');
  await placeKey(t, boulogne);
  const karim = await sessionOf(t, 'mediateur@hautsdefrance.test', DEMO_PASSWORD);
  const elsewhere = await karim.request('POST', `/api/v1/places/${centreSocial}/api-keys`, {
    label: 'Clé du centre social',
  });
  expect(elsewhere.statusCode).toBe(201);
});
afterAll(() => t.close());

const journal = (query = '', who: Client = admin, placeId = mediatheque) =>
  who.request('GET', `/api/v1/places/${placeId}/journal${query ? `?${query}` : ''}`);

const allOf = async (query = ''): Promise<Entry[]> => {
  const res = await journal(`pageSize=200${query ? `&${query}` : ''}`);
  expect(res.statusCode).toBe(200);
  return (res.json() as Page).entries;
};

describe('the journal of a place', () => {
  it('tells its admin who did what at the place, newest first, in words', async () => {
    const res = await journal();
    expect(res.statusCode).toBe(200);
    const page: Page = res.json();
    expect(page).toMatchObject({ page: 1, pageSize: 50 });
    expect(page.total).toBeGreaterThanOrEqual(4);
    const [latest] = page.entries;
    expect(latest).toMatchObject({ actionLabel: 'Pass encaissé par un lieu', actorName: 'Lucie Moreau' });
    const ids = page.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const entries = await allOf();
    const created = entries.find((e) => e.action === 'api_key.create');
    expect(created).toMatchObject({ actorName: 'Thomas Petit', actionLabel: 'Clé d’API créée' });
    expect(created!.details).toContain(`Libellé : ${keyLabel}`);
    expect(entries.some((e) => e.action === 'api_key.revoke' && e.actorName === 'Thomas Petit')).toBe(true);
    // Written once in each journal of a funder whose roster holds the place: shown once.
    const invitations = entries.filter(
      (e) =>
        e.action === 'invitation.create' &&
        e.details.includes('Adresse électronique : nouveau.benevole@mediatheque.test'),
    );
    expect(invitations).toHaveLength(1);
    const { rows: copies } = await t.database.pool.query(
      `SELECT funder_id FROM audit_entries WHERE action = 'invitation.create' AND summary->>'email' = $1`,
      ['nouveau.benevole@mediatheque.test'],
    );
    expect(copies.length).toBeGreaterThan(1);
    expect(invitations[0]!.actorName).toBe('Thomas Petit');
  });

  it('shows nothing of another place, nor of the funder’s own work', async () => {
    const entries = await allOf();
    expect(entries.every((e) => PLACE_JOURNAL_ACTIONS.includes(e.action))).toBe(true);
    // Its « Action » list: each with its French label.
    expect(PLACE_JOURNAL_ACTIONS.filter((a) => !Object.hasOwn(ACTION_LABELS, a))).toEqual([]);
    const text = JSON.stringify(entries);
    expect(text).not.toContain('Clé du centre social');
    expect(text).not.toContain('Espace numérique de Boulogne-sur-Mer');
    expect(text).not.toMatch(/Versement|Carnets confiés|Émission/);
    // No internal id of the place or of anyone in what is shown.
    expect(text).not.toMatch(/"actorName":"[0-9a-f]{8}-/);
    // The other place's admin reads its own, where the Médiathèque's entries are not.
    const karim = await sessionOf(t, 'mediateur@hautsdefrance.test', DEMO_PASSWORD);
    const theirs = await journal('pageSize=200', karim, centreSocial);
    expect(theirs.statusCode).toBe(200);
    const theirText = JSON.stringify(theirs.json());
    expect(theirText).toContain('Clé du centre social');
    expect(theirText).not.toContain(keyLabel);
  });

  it('is its admin’s: a volunteer is refused, a funder or another place’s people find no such place', async () => {
    const volunteer = await sessionOf(t, 'benevole@hautsdefrance.test', DEMO_PASSWORD);
    expect((await journal('', volunteer)).statusCode).toBe(403);
    // Karim is a volunteer here, though the admin of another place.
    const karim = await sessionOf(t, 'mediateur@hautsdefrance.test', DEMO_PASSWORD);
    expect((await journal('', karim)).statusCode).toBe(403);
    expect((await journal('', c.funder)).statusCode).toBe(404);
    expect((await journal('', admin, boulogne)).statusCode).toBe(404);
    expect((await admin.request('GET', `/api/v1/places/${boulogne}/journal.csv`)).statusCode).toBe(404);
  });

  it('pages with page, pageSize and total', async () => {
    const first: Page = (await journal('pageSize=2')).json();
    const second: Page = (await journal('pageSize=2&page=2')).json();
    expect(first).toMatchObject({ page: 1, pageSize: 2 });
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: first.total });
    expect(first.entries).toHaveLength(2);
    expect(second.entries.length).toBeGreaterThan(0);
    expect(second.entries[0]!.id).toBeLessThan(first.entries[1]!.id);
    const beyond: Page = (await journal(`pageSize=2&page=${first.total}`)).json();
    expect(beyond.entries).toEqual([]);
    expect(beyond.total).toBe(first.total);
  });

  it('filters by kind of action and by period, and refuses what the list does not offer', async () => {
    const keys: Page = (await journal('action=api_key.create')).json();
    expect(keys.total).toBe(keys.entries.length);
    expect(keys.entries.length).toBeGreaterThan(0);
    expect(keys.entries.every((e) => e.action === 'api_key.create')).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const since: Page = (await journal(`from=${today}&action=pass.redeem`)).json();
    expect(since.entries.some((e) => e.actorName === 'Lucie Moreau')).toBe(true);
    const future: Page = (await journal('from=2099-01-01&to=2099-12-31')).json();
    expect(future).toMatchObject({ total: 0, entries: [] });
    // The funder's money is not the place's: not in its list, refused rather than always empty.
    const theFunders = await journal('action=funding.record');
    expect(theFunders.statusCode).toBe(422);
    expect(theFunders.json().errors).toEqual([expect.objectContaining({ field: 'action' })]);
    const backwards = await journal('from=2026-12-01&to=2026-11-01');
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors).toEqual([expect.objectContaining({ field: 'to' })]);
  });

  it('downloads the same entries as a CSV for French spreadsheets', async () => {
    const res = await admin.request('GET', `/api/v1/places/${mediatheque}/journal.csv?action=api_key.create`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="journal-du-lieu.csv"/);
    expect(res.body.startsWith('\uFEFFDate et heure (Paris);Auteur;Action;Objet;Détails\r\n')).toBe(true);
    const rows = res.body.trim().split('\r\n').slice(1);
    expect(rows.length).toBe((await allOf('action=api_key.create')).length);
    expect(rows.some((r) => /^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d;Thomas Petit;Clé d’API créée;/.test(r))).toBe(
      true,
    );
  });
});
