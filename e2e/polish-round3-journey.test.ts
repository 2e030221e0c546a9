import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../src/test/circulation.js';
import {
  chooseSuggestion,
  descriptionOf,
  expectAccessible,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  modalSettled,
  startJourney,
} from './browser.js';

// Third round of the testers' defects: a refusal said twice at the prescriber's desk, a
// confirmation asked before « déjà bloqué », envelopes offered without stock, French
// agreement of « désactivé », and straight apostrophes among curly ones.
let j: Journey;
let c: Circulation;

beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  c = await demoCampaign(j.t);
});
afterAll(() => j?.close());

/** How many times `part` occurs in `text`. */
const occurrences = (text: string, part: string) => text.split(part).length - 1;

/** Words of the page's main content written with a straight apostrophe (« l'adresse »). */
const straightApostrophes = (page: Page) =>
  page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? (main.innerText.match(/\p{L}+'\p{L}+/gu) ?? []) : ['(no main content)'];
  });

/** The error summary at the top of a form: a DSFR error alert. */
const errorSummary = (page: Page) => page.locator('[role="alert"].fr-alert--error');

const formatCount = (n: number) => new Intl.NumberFormat('fr-FR').format(n).replace(/[\u202f\u00a0]/g, ' ');

describe.runIf(hasBrowser)('polish of the consoles, third round', () => {
  it(
    'offers only the envelopes with booklets in stock, and says when booklets are not funded yet',
    async () => {
      // An envelope whose only booklet is already with a prescriber: none left in stock.
      const emptied = `Enveloppe épuisée ${Date.now()}`;
      const envelope = await c.funder.request('POST', `/api/v1/programs/${c.programId}/envelopes`, {
        name: emptied,
        cap: 100,
        effectiveOn: businessDate(),
      });
      expect(envelope.statusCode, envelope.body).toBe(201);
      const issued = await c.funder.request('POST', `/api/v1/programs/${c.programId}/issues`, {
        bookletCount: 1,
        bookletSize: 10,
        envelopeId: envelope.json().id,
      });
      expect(issued.statusCode, issued.body).toBe(201);
      const allocated = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
        prescriberId: c.organisations['Mission locale du Grand Amiénois'],
        envelopeId: envelope.json().id,
        count: 1,
      });
      expect(allocated.statusCode, allocated.body).toBe(201);
      const envelopes = (
        await j.t.database.pool.query<{ name: string; n: number }>(
          `SELECT e.name, count(b.id) FILTER (WHERE b.status = 'stock')::int AS n
             FROM envelopes e LEFT JOIN booklets b ON b.envelope_id = e.id
            WHERE e.program_id = $1 GROUP BY e.id, e.name ORDER BY e.name`,
          [c.programId],
        )
      ).rows;
      const empty = envelopes.filter((e) => e.n === 0);
      const stocked = envelopes.filter((e) => e.n > 0);
      expect(empty.map((e) => e.name)).toContain(emptied);
      expect(stocked.length, 'an envelope with stock').toBeGreaterThan(0);
      const unfunded = async () =>
        (
          await j.t.database.pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM passes WHERE program_id = $1 AND status = 'issued'`,
            [c.programId],
          )
        ).rows[0]!.n;
      const notActivated = await unfunded();
      expect(notActivated, 'passes of the demo campaign not funded yet').toBeGreaterThan(0);

      const page = await j.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}/attribution`);
      await page.getByText('Les carnets d’une enveloppe', { exact: true }).click();
      const select = page.getByLabel('Enveloppe', { exact: true });
      const options = select.locator('option:not([value=""])');
      await expect.poll(() => options.count()).toBe(envelopes.length);
      const offered = await options.evaluateAll((all) =>
        all.map((o) => ({ text: o.textContent ?? '', disabled: (o as HTMLOptionElement).disabled })),
      );
      for (const e of empty) {
        const option = offered.find((o) => o.text.startsWith(e.name));
        expect(option, e.name).toEqual({
          text: expect.stringContaining('aucun carnet en stock'),
          disabled: true,
        });
      }
      for (const e of stocked) {
        const option = offered.find((o) => o.text.startsWith(e.name));
        expect(option?.disabled, e.name).toBe(false);
        expect(option?.text, e.name).not.toContain('aucun carnet en stock');
      }
      // An envelope chosen: how many of its booklets can go, beside the number to type.
      const [first] = stocked;
      await select.selectOption({ label: first!.name });
      const count = page.getByLabel('Nombre de carnets');
      await expect
        .poll(() => descriptionOf(count))
        .toContain(`${formatCount(first!.n)} carnet${first!.n > 1 ? 's' : ''} en stock dans cette enveloppe`);
      await expectAccessible(page, 'allocation by envelope, with an envelope out of stock');

      // A range: the passes not activated yet are said, with their number.
      await page.getByText('Une plage de numéros', { exact: true }).click();
      const lastSerial = page.getByLabel('Dernier carnet de la plage');
      const verb = notActivated > 1 ? 'ne sont pas encore activés' : 'n’est pas encore activé';
      const warning = new RegExp(`${formatCount(notActivated)} pass de ce dispositif ${verb}`);
      await expect.poll(async () => descriptionOf(lastSerial)).toMatch(warning);
      await expectAccessible(page, 'allocation by range, some passes not funded');

      // Once every pass is funded, nothing more to say.
      const funded = await c.funder.request('POST', `/api/v1/programs/${c.programId}/fundings`, {
        payer: 'Région Hauts-de-France',
        amountCents: 10_000_000,
        receivedOn: businessDate(),
        reference: 'Tout financer',
        confirmOverShare: true,
      });
      expect(funded.statusCode).toBe(201);
      expect(await unfunded()).toBe(0);
      await page.reload();
      await page.getByText('Une plage de numéros', { exact: true }).click();
      await lastSerial.waitFor();
      // The hint comes from its own request: absent until it answers, so wait for every answer.
      await page.waitForLoadState('networkidle');
      expect(await descriptionOf(lastSerial)).not.toMatch(/pas encore activé/);
      expect(await page.getByText(/pas encore activé/).count()).toBe(0);
    },
    JOURNEY_MS,
  );

  it(
    'agrees « désactivé » with the passes a cancelled funding deactivated',
    async () => {
      const program = await c.funder.request('GET', `/api/v1/programs/${c.programId}`);
      const face: number = program.json().state.faceValueCents;
      expect(face).toBeGreaterThan(1);
      // Less than one pass: the funding activates at most one, its cancellation deactivates at most one.
      const reference = `VIR-PETIT-${Date.now()}`;
      const small = await c.funder.request('POST', `/api/v1/programs/${c.programId}/fundings`, {
        payer: 'Région Hauts-de-France',
        amountCents: Math.floor(face / 2),
        receivedOn: businessDate(),
        reference,
        confirmOverShare: true,
      });
      expect(small.statusCode).toBe(201);

      const page = await j.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/programmes/${c.programId}`);
      await page.getByRole('button', { name: `Annuler le versement ${reference}` }).click();
      await page
        .getByLabel(new RegExp(`Motif de l’annulation du versement ${reference}`))
        .fill('Saisi deux fois');
      await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
      const done = page.getByText(new RegExp(`^Versement ${reference} annulé`));
      await expect.poll(() => done.count()).toBe(1);
      const text = (await done.textContent()) ?? '';
      const [, n, word] = /: ([\d\s]+) pass du stock (\S+?)[,.]/.exec(text) ?? [];
      const deactivated = Number(n?.replace(/\s/g, ''));
      expect(deactivated, text).toBeLessThan(2);
      expect(word, text).toBe(deactivated >= 2 ? 'désactivés' : 'désactivé');
      // The table says it the same way.
      const row = page.getByRole('row').filter({ hasText: reference });
      await expect.poll(() => row.textContent()).toContain(`${deactivated} pass du stock désactivé)`);
    },
    JOURNEY_MS,
  );

  it(
    'says a refusal of the hand-out once, and that a booklet is already blocked without asking first',
    async () => {
      const { serials, prescriber } = await handedOutBooklets(j.t, c, 1);
      const serial = serials[0]!;
      const page = await j.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await logIn(page, j.baseUrl, 'prescripteur@hautsdefrance.test');
      await page.waitForURL(/\/prescripteur$/);

      // The same booklet handed out again: the server refuses, naming the booklet's field.
      const serialBox = page.getByRole('textbox', { name: 'Numéro du carnet', exact: true });
      await serialBox.fill(serial);
      await page.getByLabel('Prénom').fill('Josiane');
      await page.getByLabel('Nom de famille').fill('Lefebvre');
      await page.getByLabel('Date de naissance').fill('1952-04-09');
      await chooseSuggestion(page, 'Commune de résidence', 'amiens', 'Amiens (80000) — commune');
      await page.getByLabel('Public visé').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Remettre le carnet', exact: true }).click();
      await expect.poll(() => serialBox.getAttribute('aria-invalid')).toBe('true');
      const refusal = ((await page.locator('#champ-serial-desc-error').textContent()) ?? '').trim();
      expect(refusal.length).toBeGreaterThan(0);
      const summary = errorSummary(page);
      await expect.poll(() => summary.count()).toBe(1);
      const said = (await summary.textContent()) ?? '';
      expect(occurrences(said, refusal), said).toBe(1);
      // Its link takes the keyboard to the field; the summary itself has the focus.
      const link = summary.getByRole('link', {
        name: new RegExp(refusal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      });
      expect(await link.getAttribute('href')).toBe('#champ-serial');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')))
        .toBe('alert');
      await expectAccessible(page, 'hand-out refused by the server');

      // Blocked from elsewhere (the agent's colleague, by the API): the list says « Bloqué »…
      const blocked = await prescriber.request('POST', `/api/v1/booklets/${serial}/block`, {
        reason: 'lost',
      });
      expect(blocked.statusCode).toBe(200);
      await page.reload();
      const row = page
        .getByRole('table', { name: /Carnets remis par votre structure/ })
        .getByRole('row')
        .filter({ hasText: serial });
      await expect.poll(() => row.textContent()).toContain('Bloqué');
      // …and blocking it again is answered at once, without the confirmation.
      const lost = page.getByLabel('Numéro du carnet perdu ou volé');
      await lost.fill(serial);
      await page.getByText('Perdu', { exact: true }).click();
      await page.getByRole('button', { name: 'Bloquer le carnet', exact: true }).click();
      await expect.poll(() => descriptionOf(lost)).toMatch(/déjà bloqué/);
      await modalSettled(page.locator('#confirmer-blocage'), false);
      expect(await page.getByRole('dialog', { name: 'Bloquer ce carnet ?' }).count()).toBe(0);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')))
        .toBe('alert');
      const blocks = await j.t.database.pool.query(
        `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'booklet.block' AND object_id = $1`,
        [serial],
      );
      expect(blocks.rows[0].n).toBe(1);
      await expectAccessible(page, 'already blocked, said without a confirmation');
    },
    JOURNEY_MS,
  );

  it(
    'writes the typographic apostrophe on the prescriber’s and the place’s desks',
    async () => {
      const prescriber = await j.newPage();
      await logIn(prescriber, j.baseUrl, 'prescripteur@hautsdefrance.test');
      await prescriber.waitForURL(/\/prescripteur$/);
      await prescriber.getByRole('heading', { name: 'Remettre un carnet' }).waitFor();
      // Submitted empty: the messages of every field too.
      await prescriber.getByRole('button', { name: 'Remettre le carnet', exact: true }).click();
      await expect.poll(() => errorSummary(prescriber).count()).toBe(1);
      expect(await straightApostrophes(prescriber)).toEqual([]);

      const place = await j.newPage();
      await logIn(place, j.baseUrl, 'lieu@hautsdefrance.test');
      await place.waitForURL(/\/lieu/);
      await place.getByLabel('Code du pass').waitFor();
      expect(await straightApostrophes(place)).toEqual([]);
      for (const path of ['/lieu/profil', '/lieu/qualification', '/lieu/releves']) {
        await place.goto(`${j.baseUrl}${path}`);
        await place.getByRole('heading', { level: 1 }).waitFor();
        await place.waitForLoadState('networkidle');
        expect(await straightApostrophes(place), path).toEqual([]);
      }
    },
    JOURNEY_MS,
  );
});
