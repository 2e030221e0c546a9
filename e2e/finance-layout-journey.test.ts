import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { dayAfterMonth, nextMonth } from '../src/core/statement.js';
import * as statementsJob from '../src/modules/statements/service.js';
import { handedOutBooklets } from '../src/test/circulation.js';
import { camt053, paymentsScene, redeemAt, statedRedemptions } from '../src/test/payments.js';
import { formatCents, formatInt } from '../web/src/lib/format.js';
import {
  expectAccessibleAtBothWidths,
  expectTableFits,
  hasBrowser,
  type Journey,
  logIn,
  startJourney,
} from './browser.js';

// The finance pages as a finance officer reads them on a laptop (1280 x 720), and the desk's
// list as a place reads it once it has taken many passes.
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const MEDIATHEQUE = 'Médiathèque Louis Aragon';

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

/** How many pixels of a table are hidden at the end of its frame's sideways scroll. */
/** Whether a cell is drawn inside its table's frame, not behind its right edge. */
const insideFrame = (cell: Locator) =>
  cell.evaluate((c) => {
    const frame = c.closest('.fr-table__container')!.getBoundingClientRect();
    const box = c.getBoundingClientRect();
    return box.left >= frame.left - 1 && box.right <= frame.right + 1;
  });

/** Whether the element is wholly within the window, as the user sees it without scrolling. */
const inViewport = (el: Locator) =>
  el.evaluate((e) => {
    const box = e.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
  });

/** Whether the focus is on the element or inside it. */
const holdsFocus = (el: Locator) => el.evaluate((e) => e.contains(document.activeElement));

/** A button whose words are all drawn: wider than its icon, nothing of its text clipped. */
async function expectLabelShown(button: Locator, label: string) {
  const drawn = await button.evaluate((b) => ({
    width: b.getBoundingClientRect().width,
    clipped: b.scrollWidth > b.clientWidth + 1,
    text: (b as HTMLElement).innerText.trim(),
  }));
  expect(drawn.text, `${label}: its words`).toBe(label);
  expect(drawn.clipped, `${label}: text cut off`).toBe(false);
  expect(drawn.width, `${label}: wider than its icon`).toBeGreaterThan(100);
}

/**
 * The demo campaign, a second funder admin (four eyes) and the médiathèque's admin, with
 * booklets handed out for the passes the tests redeem: made once for the file, as every
 * sign-in counts against the address's ten a minute.
 */
let scene: Awaited<ReturnType<typeof paymentsScene>> & { codes: string[] };
async function theScene() {
  if (scene) return scene;
  const made = await paymentsScene(j.t, 'comptable@hautsdefrance.test');
  const codes: string[] = [];
  while (codes.length < 60) codes.push(...(await handedOutBooklets(j.t, made.c, 4)).codes);
  scene = { ...made, codes };
  return scene;
}

/** The médiathèque takes `count` passes not taken yet. */
async function redeemed(count: number) {
  const { mediatheque, codes } = await theScene();
  for (const code of codes.splice(0, count)) await redeemAt(j.t, mediatheque, code);
}

/**
 * A month after this one (`ahead` months on), its statements issued the day after it ends, for
 * a pass the place took since the last statements: a statement of its own for each month.
 */
async function statedLater(ahead: number) {
  const { c } = await theScene();
  await redeemed(1);
  let month = businessDate().slice(0, 7);
  for (let i = 0; i < ahead; i++) month = nextMonth(month);
  await statementsJob.run(j.t.database.db, { month, funderId: c.funderId }, dayAfterMonth(month));
}

/** One page per person, signed in once for the whole file (sign-ins count against a limit). */
const pages = new Map<string, Page>();
async function laptopPage(email: string, home: RegExp) {
  const known = pages.get(email);
  if (known) return known;
  const page = await j.newPage();
  await page.setViewportSize({ width: 1280, height: 720 });
  await logIn(page, j.baseUrl, email);
  await page.waitForURL(home);
  pages.set(email, page);
  return page;
}
const funderPage = () => laptopPage('financeur@hautsdefrance.test', /\/financeur$/);
const placePage = () => laptopPage('lieu@hautsdefrance.test', /\/lieu$/);

describe.runIf(hasBrowser)('the finance pages on a laptop', () => {
  it('show a run’s amounts and states, the SEPA button’s words and the bank report’s, at 1280 px', async () => {
    const { c, mediatheque, second, placeAdmin } = await theScene();
    await statedRedemptions(j.t, c, placeAdmin, mediatheque, 2);
    // Three months more: the run pays the médiathèque four statements by one transfer.
    for (const ahead of [1, 2, 3]) await statedLater(ahead);
    // Prepared by the funder's admin, approved by the second one: ready to be downloaded.
    const runs = `/api/v1/funders/${c.funderId}/payment-runs`;
    const prepared = await c.funder.request('POST', runs, {});
    expect(prepared.statusCode, prepared.body).toBe(201);
    const run = prepared.json();
    expect((await second.request('POST', `${runs}/${run.id}/approve`)).statusCode).toBe(200);

    const page = await funderPage();
    await page.goto(`${j.baseUrl}/financeur/paiements`);
    // The run's card, found by its file's reference (the demo has runs of its own).
    const card = page.getByRole('article').filter({ hasText: run.messageId });
    const table = card.getByRole('table', { name: /^Virements du lot/ });
    await poll(() => table.getByRole('row').count()).toBeGreaterThan(1);
    // The médiathèque's transfer pays several statements: their numbers wrap in their cell.
    const row = table.getByRole('row').filter({ hasText: MEDIATHEQUE });
    expect(await row.textContent()).toMatch(/\d{4}-\d{6}, \d{4}-\d{6}/);
    await expectTableFits(table, 'transfers of the run');
    for (const cell of await row.getByRole('cell').all())
      expect(await insideFrame(cell), `cell « ${await cell.textContent()} »`).toBe(true);

    // The action that sends the run to the bank says so, in words.
    const download = card.getByRole('button', { name: 'Télécharger le fichier de virements SEPA' });
    await poll(() => download.count()).toBe(1);
    await expectLabelShown(download, 'Télécharger le fichier de virements SEPA');
    await expectAccessibleAtBothWidths(page, 'payments, run approved');
    await page.setViewportSize({ width: 1280, height: 720 });

    await Promise.all([page.waitForEvent('download'), download.click()]);
    const again = card.getByRole('button', { name: 'Télécharger à nouveau le fichier SEPA' });
    await poll(() => again.count()).toBe(1);
    await expectLabelShown(again, 'Télécharger à nouveau le fichier SEPA');

    // The bank books the médiathèque's transfer for less: one line waits, said in French.
    const transfer = run.transfers.find((t: { placeId: string }) => t.placeId === mediatheque);
    await page.getByLabel('camt.053 (XML ISO 20022)').check();
    await page.getByLabel('Relevé bancaire').setInputFiles({
      name: 'releve-camt053.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(camt053(businessDate(), [[transfer.endToEndId, transfer.amountCents - 1000]])),
    });
    await page.getByRole('button', { name: 'Importer le relevé' }).click();
    await poll(() => page.getByText('1 ligne attend votre décision.').count()).toBe(1);

    // Accepting the amount received pays the place that much for good: asked first, with the
    // figures and the place (it took one click), and « Non » changes nothing.
    const received = formatCents(transfer.amountCents - 1000);
    const accept = page.getByRole('button', { name: `Accepter ${received} (ligne 1)` });
    await accept.click();
    const question = page.getByText(
      `Accepter ${received} reçus au lieu des ${formatCents(transfer.amountCents)} attendus pour ${MEDIATHEQUE} ? Le virement sera enregistré payé de ce montant.`,
    );
    await poll(() => question.count()).toBe(1);
    await poll(() => holdsFocus(question.locator('xpath=..'))).toBe(true);
    await page.getByRole('button', { name: 'Non, ne pas accepter' }).click();
    await poll(() => holdsFocus(accept)).toBe(true);
    expect(await page.getByText('1 ligne attend votre décision.').count()).toBe(1);
    await accept.click();
    await page.getByRole('button', { name: `Oui, accepter ${received}` }).click();
    await poll(() => page.getByText('Aucune décision en attente.').count()).toBe(1);
  }, 240_000);

  it('fit the statements and what is owed at 1280 px, and bring the answer form into sight and focus', async () => {
    const page = await funderPage();
    await page.goto(`${j.baseUrl}/financeur/releves`);
    const statements = page.getByRole('table', { name: 'Relevés du financeur' });
    const owed = page.getByRole('table', { name: 'Sommes dues aux lieux, par dispositif' });
    await poll(() => statements.getByRole('row').count()).toBeGreaterThan(2);
    await poll(() => owed.getByRole('row').count()).toBeGreaterThan(1);
    // The demo's contested statement: its reason is long, the state and the actions after it.
    const contested = statements.getByRole('row').filter({ hasText: /Contesté le/ });
    await poll(() => contested.count()).toBe(1);
    await expectTableFits(statements, 'funder statements');
    for (const cell of await contested.getByRole('cell').all())
      expect(await insideFrame(cell), `cell « ${await cell.textContent()} »`).toBe(true);
    await expectTableFits(owed, 'sums owed');
    for (const header of await owed.getByRole('columnheader').all())
      expect(await insideFrame(header), `column « ${await header.textContent()} »`).toBe(true);
    // The totals the finance officer reports: each the sum of its column, as the API gives them.
    const { c } = await theScene();
    const rows: { owedCents: number; paidCents: number }[] = (
      await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payables`)
    ).json().rows;
    expect(rows.length).toBeGreaterThan(1);
    const spaced = (s: string | null) => (s ?? '').replace(/\s/g, ' ');
    for (const [label, key] of [
      ['Dû', 'owedCents'],
      ['Payé', 'paidCents'],
    ] as const)
      await poll(async () => spaced(await page.getByTestId(`total-${label}`).textContent())).toBe(
        spaced(formatCents(rows.reduce((t, r) => t + r[key], 0))),
      );
    // A day to come typed in the date field (its `max` does not stop the keyboard): said at the
    // field, and the table of the last day asked stays (it went, for « un champ est à corriger »).
    const day = page.getByLabel('À la date du');
    const dayError = page.locator('.fr-error-text').filter({ hasText: 'jour à venir' });
    await day.fill('2030-01-01');
    await poll(() => dayError.count()).toBe(1);
    expect(await day.getAttribute('aria-invalid')).toBe('true');
    expect(await owed.getByRole('row').count()).toBeGreaterThan(1);
    expect(await page.getByText('Chargement impossible').count()).toBe(0);
    await day.fill(businessDate());
    await poll(() => dayError.count()).toBe(0);
    // Both columns have been filled since the payment runs came: no promise about them.
    expect(await page.getByText(/se rempliront avec les virements/).count()).toBe(0);

    // For the accounts: the link gives every statement of the table, in one CSV file.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger ces relevés pour la comptabilité (CSV)' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('releves.csv');
    const exported = readFileSync((await file.path())!, 'utf8')
      .split('\r\n')
      .slice(1)
      .filter((line) => line !== '')
      .map((line) => line.split(';')[0]);
    const shown = (await statements.locator('tbody th[scope=row]').allTextContents()).map((n) => n.trim());
    expect(exported.sort()).toEqual(shown.sort());

    // « Répondre »: the form comes into sight and takes the focus, where the user is.
    await contested.getByRole('button', { name: /^Répondre à la contestation du relevé / }).click();
    const form = page.getByRole('region', { name: /^Répondre à la contestation du relevé / });
    await poll(() => form.count()).toBe(1);
    await poll(() => holdsFocus(form)).toBe(true);
    await poll(() => inViewport(page.getByLabel('Votre réponse au lieu'))).toBe(true);
    await poll(() => inViewport(page.getByRole('button', { name: 'Envoyer la réponse' }))).toBe(true);
    // An empty answer: the funder is asked for its answer, not for a reason.
    await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await poll(() => form.getByText(/Écrivez votre réponse en quelques mots/).count()).toBeGreaterThan(0);
    expect(await form.getByText(/Expliquez le motif/).count()).toBe(0);
    await expectAccessibleAtBothWidths(page, 'funder statements, answering');
    // Cancelled, the focus goes back to the button that opened the form.
    await page.getByRole('button', { name: 'Annuler', exact: true }).click();
    await poll(() =>
      page.evaluate(() => document.activeElement?.textContent?.startsWith('Répondre') ?? false),
    ).toBe(true);
  }, 120_000);

  it('brings the place’s contest form into sight and focus', async () => {
    // A statement issued today, after the run took the others: the place may contest it.
    await statedLater(4);
    const page = await placePage();
    await page.goto(`${j.baseUrl}/lieu/releves`);
    const contest = page.getByRole('button', { name: /^Contester le relevé / }).first();
    await poll(() => contest.count()).toBe(1);
    await contest.click();
    const form = page.getByRole('region', { name: /^Contester le relevé / });
    await poll(() => form.count()).toBe(1);
    await poll(() => holdsFocus(form)).toBe(true);
    await poll(() => inViewport(page.getByLabel('Motif de la contestation'))).toBe(true);
    await poll(() => inViewport(page.getByRole('button', { name: 'Envoyer la contestation' }))).toBe(true);
  }, 120_000);

  it('tells the place what it is owed today, sessions not yet on a statement included', async () => {
    const { mediatheque, placeAdmin } = await theScene();
    const payables = async () =>
      (await placeAdmin.request('GET', `/api/v1/places/${mediatheque}/payables`)).json();
    const campaignOf = (p: { rows: { programName: string; owedCents: number; notStatedCents: number }[] }) =>
      p.rows.find((r) => /campagne 2026/.test(r.programName))!;
    const before = campaignOf(await payables());
    // A session today: on no statement yet. The statements' list alone never showed it.
    await redeemed(1);
    const api = await payables();
    expect(campaignOf(api).owedCents - before.owedCents).toBe(1_000);
    expect(campaignOf(api).notStatedCents - before.notStatedCents).toBe(1_000);
    const page = await placePage();
    await page.goto(`${j.baseUrl}/lieu/releves`);
    const owed = page.getByRole('table', { name: /^Ce qui vous est dû au / });
    await poll(() => owed.count()).toBe(1);
    for (const r of api.rows) {
      const row = owed.getByRole('row').filter({ hasText: r.programName });
      const cells = (await row.getByRole('cell').allTextContents()).map((x) => x.replace(/\s/g, ' '));
      expect(cells).toEqual(
        [r.owedCents, r.notStatedCents, r.inStatementCents, r.approvedCents, r.sentCents, r.paidCents].map(
          (v) => formatCents(v).replace(/\s/g, ' '),
        ),
      );
    }
    await expectTableFits(owed, 'what the place is owed at 1280 px');
    // As of yesterday, as the funder's page reads it: today's session is not in it.
    const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('sv-SE', {
      timeZone: 'Europe/Paris',
    });
    const then = (
      await placeAdmin.request('GET', `/api/v1/places/${mediatheque}/payables?asOf=${yesterday}`)
    ).json();
    await page.getByLabel('À la date du').fill(yesterday);
    const owedThen = page.getByRole('table', {
      name: new RegExp(`^Ce qui vous est dû au ${Number(yesterday.slice(8))}(er)? `),
    });
    await poll(() => owedThen.count()).toBe(1);
    for (const r of then.rows) {
      const row = owedThen.getByRole('row').filter({ hasText: r.programName });
      const cells = (await row.getByRole('cell').allTextContents()).map((x) => x.replace(/\s/g, ' '));
      expect(cells[0]).toBe(formatCents(r.owedCents).replace(/\s/g, ' '));
    }
    // The year for the accounts: the year's sessions, per programme, and its CSV.
    const year = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 4);
    const summary = (
      await placeAdmin.request('GET', `/api/v1/places/${mediatheque}/year?year=${year}`)
    ).json();
    const yearTable = page.getByRole('table', { name: new RegExp(`^Année ${year}`) });
    await poll(() => yearTable.count()).toBe(1);
    for (const r of summary.rows) {
      const row = yearTable.getByRole('row').filter({ hasText: r.programName });
      const cells = (await row.getByRole('cell').allTextContents()).map((x) => x.replace(/\s/g, ' '));
      expect(cells[0]).toBe(formatCents(r.redeemedCents).replace(/\s/g, ' '));
    }
    expect(
      await page.getByRole('link', { name: `Télécharger l’année ${year} (CSV)` }).getAttribute('href'),
    ).toBe(`/api/v1/places/${mediatheque}/year.csv?year=${year}`);
    await expectTableFits(yearTable, 'the place’s year at 1280 px');
    // This month's sessions by theme and by who recorded them, as the API counts them.
    const from = `${new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 8)}01`;
    const to = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    const activity = (
      await placeAdmin.request('GET', `/api/v1/places/${mediatheque}/activity?from=${from}&to=${to}`)
    ).json();
    const byRecorder = page.getByRole('table', { name: /par personne ou logiciel qui les a enregistrées$/ });
    await poll(() => byRecorder.count()).toBe(1);
    expect(await byRecorder.getByRole('row').count()).toBe(activity.byRecorder.length + 1);
    const sessions = activity.byTheme.reduce((n: number, r: { sessions: number }) => n + r.sessions, 0);
    expect(sessions).toBeGreaterThan(0);
    await expectTableFits(byRecorder, 'the place’s activity at 1280 px');
    expect(
      await page
        .getByRole('link', { name: 'Télécharger les séances de la période (CSV)' })
        .getAttribute('href'),
    ).toBe(`/api/v1/places/${mediatheque}/redemptions.csv?from=${from}&to=${to}`);
    await expectAccessibleAtBothWidths(page, 'place statements, what it is owed');
  }, 120_000);

  it('lists all of today’s sessions, counted, and the earlier days’ on demand, 50 a page, older pages within reach', async () => {
    // More redemptions than the earlier days' list holds, moved two days back, and one today.
    const { mediatheque } = await theScene();
    await redeemed(51);
    await j.t.database.pool.query(
      `UPDATE redemptions SET redeemed_at = redeemed_at - interval '2 days' WHERE place_id = $1`,
      [mediatheque],
    );
    await redeemed(1);

    const page = await placePage();
    await page.goto(`${j.baseUrl}/lieu`);
    const today = page.getByRole('region', { name: 'Aujourd’hui' });
    await poll(() => today.getByTestId('redemption-row').count()).toBe(1);
    expect(await today.getByTestId('day-summary').textContent()).toBe('1 séance, 1 h.');
    await page.getByRole('button', { name: 'Afficher les encaissements des jours précédents' }).click();
    const earlier = page.getByRole('region', { name: 'Jours précédents' });
    await poll(() => earlier.getByTestId('redemption-row').count()).toBe(50);
    // The list stopped there: the older sessions are a « Page suivante » away, counted.
    const { rows } = await j.t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM redemptions
        WHERE place_id = $1 AND (redeemed_at AT TIME ZONE 'Europe/Paris')::date < $2::date`,
      [mediatheque, businessDate()],
    );
    const total = rows[0]!.n;
    const pages = Math.ceil(total / 50);
    const pager = earlier.getByRole('navigation', { name: 'Pages des encaissements des jours précédents' });
    await poll(() => pager.textContent()).toContain(
      `Page 1 sur ${pages} (${formatInt(total)} encaissements)`,
    );
    await expectAccessibleAtBothWidths(page, 'desk, today’s session and the earlier days’ first page');
    const first = await earlier.getByTestId('redemption-row').first().textContent();
    await pager.getByRole('button', { name: 'Page suivante' }).click();
    await poll(() => earlier.getByTestId('redemption-row').first().textContent()).not.toBe(first);
    expect(await pager.textContent()).toContain(`Page 2 sur ${pages}`);
    expect(await earlier.getByTestId('redemption-row').count()).toBe(Math.min(50, total - 50));
    // The new page is read from the top: the keyboard at the list's heading.
    await poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Jours précédents');
    await pager.getByRole('button', { name: 'Page précédente' }).click();
    await poll(() => earlier.getByTestId('redemption-row').first().textContent()).toBe(first);
    expect(await pager.textContent()).toContain(`Page 1 sur ${pages}`);
  }, 240_000);

  it('asks for the API key’s name in French, under the field, not in the browser’s bubble', async () => {
    const page = await placePage();
    await page.goto(`${j.baseUrl}/lieu/cles`);
    const create = page.getByRole('button', { name: 'Créer la clé' });
    await poll(() => create.count()).toBe(1);
    expect(await create.evaluate((b) => (b as HTMLButtonElement).form?.noValidate)).toBe(true);
    await create.click();
    const field = page.getByLabel('Nom de la clé');
    await poll(() => field.getAttribute('aria-invalid')).toBe('true');
    const error = page.locator('.fr-input-group').filter({ has: field }).locator('.fr-error-text');
    expect(await error.textContent()).toContain('Donnez un nom à la clé');
  }, 120_000);
});

describe.runIf(hasBrowser)('the beneficiary’s page on a phone', () => {
  it('writes the code’s hint at the body’s size, and makes the places’ link tall enough to tap', async () => {
    const page = await j.newPage();
    await page.setViewportSize({ width: 360, height: 780 });
    await logIn(page, j.baseUrl, 'beneficiaire@hautsdefrance.test');
    const link = page.getByRole('link', { name: 'Voir tous les lieux partenaires' });
    await poll(() => link.count()).toBe(1);
    const hint = page.locator('#champ-code-aide');
    expect(
      await hint.evaluate((h) => Number.parseFloat(getComputedStyle(h).fontSize)),
    ).toBeGreaterThanOrEqual(16);
    expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  }, 120_000);
});
