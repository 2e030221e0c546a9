import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import type { Client } from '../src/test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../src/test/circulation.js';
import {
  expectAccessible,
  expectTableFits,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  modalSettled,
  startJourney,
} from './browser.js';

// Issue 11, point 7: screens in the user's language — the journal (labels, names, filters,
// CSV), a programme's booklets and their allocation by envelope or serial range, the
// confirmation before blocking a booklet, a prescriber's list of what it handed out, and
// pages usable at 360 px wide.
let j: Journey;
let c: Circulation;
let hdf: Client;
const ENVELOPE = 'Quartiers prioritaires (parcours)';
/** Booklets issued for this journey, in serial order: outside any envelope, and in ENVELOPE. */
let plain: string[];
let enveloped: string[];

beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  c = await demoCampaign(j.t);
  hdf = c.funder;
  const envelope = await hdf.request('POST', `/api/v1/programs/${c.programId}/envelopes`, {
    name: ENVELOPE,
    cap: 1000,
    effectiveOn: businessDate(),
  });
  expect(envelope.statusCode, envelope.body).toBe(201);
  const issue = (body: object) =>
    hdf.request('POST', `/api/v1/programs/${c.programId}/issues`, { bookletSize: 10, ...body });
  const inEnvelope = await issue({ bookletCount: 3, envelopeId: envelope.json().id });
  expect(inEnvelope.statusCode, inEnvelope.body).toBe(201);
  const before = await j.t.database.pool.query(
    'SELECT max(serial) AS m FROM booklets WHERE program_id = $1',
    [c.programId],
  );
  expect((await issue({ bookletCount: 6 })).statusCode).toBe(201);
  const { rows } = await j.t.database.pool.query(
    `SELECT b.serial, e.name FROM booklets b LEFT JOIN envelopes e ON e.id = b.envelope_id
      WHERE b.program_id = $1 AND b.status = 'stock' ORDER BY b.serial`,
    [c.programId],
  );
  enveloped = rows.filter((r) => r.name === ENVELOPE).map((r) => r.serial);
  plain = rows.filter((r) => r.name === null && r.serial > before.rows[0].m).map((r) => r.serial);
});
afterAll(() => j?.close());

/** Nothing wider than the screen: the page itself never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, label: string) {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width, `${label}: page width`).toBeLessThanOrEqual(360);
}

async function atPhoneWidth(page: Page, label: string) {
  await page.setViewportSize({ width: 360, height: 780 });
  await expectAccessible(page, `${label} at 360 px`);
  await expectNoSidewaysScroll(page, label);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe.runIf(hasBrowser)('screens that speak the user’s language', () => {
  it(
    'filters the journal by action, reads it in French with names and euros, and downloads it as CSV',
    async () => {
      const page = await j.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/journal`);
      const journal = page.getByRole('table', { name: /Journal des actions/ });
      await expect.poll(() => journal.locator('tbody tr').count()).toBeGreaterThan(0);
      await expectAccessible(page, 'journal');

      // What: chosen by its label, never typed as a code.
      await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Versement reçu' });
      await page.getByRole('button', { name: 'Filtrer' }).click();
      await expect
        .poll(async () => new Set(await journal.locator('tbody tr td:nth-child(3)').allTextContents()))
        .toEqual(new Set(['Versement reçu']));
      const text = (await journal.textContent())!;
      expect(text).toMatch(/Montant : [\d\s\u202f]+,\d\d\s?€/);
      expect(text).toMatch(/Dispositif : Pass numériques Hauts-de-France/);
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /Télécharger ces entrées/ }).click(),
      ]);
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      expect(csv.startsWith('\uFEFFDate et heure (Paris);Auteur;Action;Objet;Détails')).toBe(true);
      const lines = csv.trim().split('\r\n').slice(1);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines)
        expect(line).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d;[^;]+;Versement reçu;/);

      // When: a range that ends before it starts is refused in French.
      await page.getByLabel('Du', { exact: true }).fill('2026-12-01');
      await page.getByLabel('Au', { exact: true }).fill('2026-11-01');
      await page.getByRole('button', { name: 'Filtrer' }).click();
      await expect
        .poll(() => page.locator('.fr-error-text').allTextContents())
        .toContainEqual(expect.stringContaining('La date de fin doit suivre la date de début'));
      await atPhoneWidth(page, 'journal');
    },
    JOURNEY_MS,
  );

  it(
    'allocates an envelope’s booklets and a serial range, refuses a range partly given away, and lists them',
    async () => {
      expect(enveloped).toHaveLength(3);
      expect(plain).toHaveLength(6);
      const page = await j.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}/attribution`);
      await page
        .getByLabel('Prescripteur', { exact: true })
        .selectOption({ label: 'Mission locale du Grand Amiénois' });
      await page.getByText('Les carnets d’une enveloppe', { exact: true }).click();
      await page.getByLabel('Enveloppe', { exact: true }).selectOption({ label: ENVELOPE });
      await page.getByLabel('Nombre de carnets').fill('2');
      await expectAccessible(page, 'allocation by envelope');
      await page.getByRole('button', { name: 'Confier les carnets' }).click();
      await expect.poll(() => page.getByText(enveloped[0]!).count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByText(enveloped[1]!).count()).toBeGreaterThan(0);

      await page
        .getByLabel('Prescripteur', { exact: true })
        .selectOption({ label: 'Mission locale du Grand Amiénois' });
      await page.getByText('Une plage de numéros', { exact: true }).click();
      await page.getByLabel('Premier carnet de la plage').fill(plain[1]!);
      await page.getByLabel('Dernier carnet de la plage').fill(plain[3]!);
      await page.getByRole('button', { name: 'Confier les carnets' }).click();
      await expect.poll(() => page.getByText(plain[2]!).count()).toBeGreaterThan(0);

      // A range with booklets already given away: refused, naming them, nothing moved.
      await page
        .getByLabel('Prescripteur', { exact: true })
        .selectOption({ label: 'France Travail Lille Centre' });
      await page.getByText('Une plage de numéros', { exact: true }).click();
      await page.getByLabel('Premier carnet de la plage').fill(plain[0]!);
      await page.getByLabel('Dernier carnet de la plage').fill(plain[2]!);
      await page.getByRole('button', { name: 'Confier les carnets' }).click();
      await expect
        .poll(() => page.locator('.fr-error-text').allTextContents())
        .toContainEqual(expect.stringContaining(plain[1]!));
      const stillInStock = await j.t.database.pool.query('SELECT status FROM booklets WHERE serial = $1', [
        plain[0],
      ]);
      expect(stillInStock.rows[0].status).toBe('stock');
      await atPhoneWidth(page, 'allocation form with an error');

      await page.getByRole('link', { name: 'Voir les carnets du dispositif' }).click();
      await page.getByLabel('Enveloppe', { exact: true }).selectOption({ label: ENVELOPE });
      const list = page.getByRole('table', { name: /Carnets du dispositif/ });
      await expect.poll(() => list.locator('tbody tr').count()).toBe(3);
      await expect.poll(() => list.textContent()).toContain('Mission locale du Grand Amiénois');
      await page.getByLabel('État', { exact: true }).selectOption({ label: 'En stock chez le financeur' });
      await expect.poll(() => list.locator('tbody tr').count()).toBe(1);
      await expect.poll(() => list.textContent()).toContain(enveloped[2]!);
      await expectAccessible(page, 'booklets of a programme');
      await atPhoneWidth(page, 'booklets of a programme');
    },
    JOURNEY_MS,
  );

  it(
    'lets a prescriber find a booklet it handed out and block it after a confirmation naming it',
    async () => {
      const { serials } = await handedOutBooklets(j.t, c, 1);
      const serial = serials[0]!;
      const page = await j.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await logIn(page, j.baseUrl, 'prescripteur@hautsdefrance.test');
      await page.waitForURL(/\/prescripteur$/);
      const handedOut = page.getByRole('table', { name: /Carnets remis par votre structure/ });
      const row = handedOut.getByRole('row').filter({ hasText: serial });
      await expect.poll(() => row.textContent()).toContain('P. T.');
      expect(await handedOut.textContent()).not.toContain('Paulette');
      await expectAccessible(page, 'prescriber console with the booklets handed out');
      // At a front desk on a phone, each booklet's button is on the screen.
      await page.setViewportSize({ width: 360, height: 780 });
      await expectTableFits(handedOut, 'booklets handed out at 360 px');
      await page.setViewportSize({ width: 1280, height: 800 });

      await row.getByRole('button', { name: `Bloquer le carnet ${serial}` }).click();
      await expect.poll(() => page.getByLabel('Numéro du carnet perdu ou volé').inputValue()).toBe(serial);
      await page.getByText('Perdu', { exact: true }).click();
      await page.getByRole('button', { name: 'Bloquer le carnet', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Bloquer ce carnet ?' });
      await expect.poll(() => dialog.isVisible()).toBe(true);
      await expect.poll(() => dialog.textContent()).toContain(serial);
      expect(await dialog.textContent()).toContain('P. T.');
      // Nothing is blocked until the person confirms.
      const status = async () =>
        (await j.t.database.pool.query('SELECT status FROM booklets WHERE serial = $1', [serial])).rows[0]
          .status;
      expect(await status()).toBe('handed_out');
      await modalSettled(page.locator('#confirmer-blocage'), true);
      await expectAccessible(page, 'confirmation before blocking');
      await dialog.getByRole('button', { name: 'Bloquer définitivement' }).click();
      await expect.poll(() => page.getByText(`Le carnet ${serial} est bloqué`).count()).toBe(1);
      expect(await status()).toBe('blocked');
      await expect.poll(() => row.textContent()).toContain('Bloqué');
      await modalSettled(page.locator('#confirmer-blocage'), false);
      await atPhoneWidth(page, 'prescriber console');
    },
    JOURNEY_MS,
  );

  it(
    'shows the API keys page and the bar charts whole at 360 px',
    async () => {
      const place = await j.newPage();
      await logIn(place, j.baseUrl, 'lieu@hautsdefrance.test');
      await place.waitForURL(/\/lieu/);
      await place.goto(`${j.baseUrl}/lieu/cles`);
      await place.getByLabel(/Nom de la clé/).fill('Logiciel de caisse de la médiathèque');
      await place.getByRole('button', { name: /Créer la clé/ }).click();
      await expect.poll(() => place.getByText(/copiez-la maintenant/).count()).toBeGreaterThan(0);
      await atPhoneWidth(place, 'API keys page with a new key');
      // The place's tables whose rows carry buttons (revoke, the statement's files, contest):
      // every column in sight, on a phone and on an old laptop.
      for (const [path, table] of [
        ['/lieu/cles', /Clés d’API du lieu/],
        ['/lieu/releves', /Relevés du lieu/],
      ] as const) {
        await place.goto(`${j.baseUrl}${path}`);
        const rows = place.getByRole('table', { name: table }).locator('tbody tr');
        await expect.poll(() => rows.count()).toBeGreaterThan(0);
        for (const [width, height] of [
          [360, 780],
          [1024, 700],
        ] as const) {
          await place.setViewportSize({ width, height });
          await expectTableFits(place.getByRole('table', { name: table }), `${path} at ${width} px`);
        }
        await place.setViewportSize({ width: 1280, height: 800 });
      }

      const funder = await j.newPage();
      await logIn(funder, j.baseUrl, 'financeur@hautsdefrance.test');
      await funder.waitForURL(/\/financeur$/);
      for (const path of [
        `/financeur/programmes/${c.programId}`,
        `/financeur/programmes/${c.programId}/tableau-de-bord`,
      ]) {
        await funder.goto(`${j.baseUrl}${path}`);
        await expect.poll(() => funder.locator('.pn-chart').count()).toBeGreaterThan(0);
        await funder.setViewportSize({ width: 360, height: 780 });
        await expectAccessible(funder, `${path} at 360 px`);
        await expectNoSidewaysScroll(funder, path);
        // Every label whole and inside the screen.
        const labels = await funder
          .locator('.pn-chart__label, .pn-chart__value')
          .evaluateAll((els) =>
            els.map((e) => ({ text: e.textContent, right: e.getBoundingClientRect().right })),
          );
        for (const l of labels) {
          expect(l.text).not.toContain('…');
          expect(l.right).toBeLessThanOrEqual(360);
        }
        await funder.setViewportSize({ width: 1280, height: 800 });
      }
    },
    JOURNEY_MS,
  );
});
