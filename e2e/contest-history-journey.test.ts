import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Circulation, demoCampaign } from '../src/test/circulation.js';
import {
  descriptionOf,
  expectAccessible,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  startJourney,
} from './browser.js';

// Two things a tester found. A statement contested, answered, then contested again showed only
// its latest contest: the first one and the funder's answer were gone from the place's page
// (and the funder's). And at the desk, a commune outside the booklet's territory (« Laon » for
// a booklet of the Somme) got « vérifiez l'orthographe », as if it were a typo: the box now
// names the territory.
let j: Journey;
let c: Circulation;
let statement: { id: string; number: string };
let inSomme: string;
let outsideEnvelopes: string;

const FIRST = /1re contestation, par Thomas Petit : « Deux ateliers collectifs du 14 manquent/;
const ANSWER =
  /réponse du financeur \(.+\) : « Les ateliers du 14 figurent sur le relevé du mois suivant\. »/;
const SECOND =
  /2e contestation, par Thomas Petit : « Ils n’y figurent pas : voyez la feuille de présence\. »/;
const SECOND_ANSWER = /réponse du financeur \(.+\) : « Ajoutés au relevé suivant, avec la feuille\. »/;

beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  c = await demoCampaign(j.t);
  // The demo's contested statement (the médiathèque's latest), answered by the funder.
  statement = (await j.t.database.pool.query(`SELECT id, number FROM statements WHERE status = 'contested'`))
    .rows[0];
  const answered = await c.funder.request('POST', `/api/v1/statements/${statement.id}/answer`, {
    reason: 'Les ateliers du 14 figurent sur le relevé du mois suivant.',
  });
  expect(answered.statusCode, answered.body).toBe(200);

  // Two booklets for the Mission locale: one of the envelope « Somme », one outside any.
  const inStock = async (inEnvelope: boolean) =>
    (
      await j.t.database.pool.query(
        `SELECT serial FROM booklets WHERE program_id = $1 AND status = 'stock'
            AND (envelope_id IS NOT NULL) = $2 ORDER BY serial LIMIT 1`,
        [c.programId, inEnvelope],
      )
    ).rows[0].serial as string;
  [inSomme, outsideEnvelopes] = [await inStock(true), await inStock(false)];
  for (const serial of [inSomme, outsideEnvelopes]) {
    const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
      prescriberId: c.organisations['Mission locale du Grand Amiénois'],
      firstSerial: serial,
      lastSerial: serial,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => j?.close());

/** The statement's row, its history opened: each message of the exchange, in order. */
async function history(page: Page, table: Locator) {
  const row = table.getByRole('row').filter({ hasText: statement.number });
  await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
  const disclosure = row.locator('details');
  // Closed, it reads nothing yet: the list carries the latest contest only.
  expect(await disclosure.getByRole('listitem').count()).toBe(0);
  await disclosure
    .locator('summary')
    .filter({ hasText: `Historique de la contestation du relevé ${statement.number}` })
    .click();
  return { row, items: disclosure.getByRole('listitem') };
}

describe.runIf(hasBrowser)('a statement contested twice', () => {
  it(
    'shows the place and the funder every contest and every answer, in order',
    async () => {
      const place = await j.newPage();
      await place.setViewportSize({ width: 1280, height: 900 });
      await logIn(place, j.baseUrl, 'lieu@hautsdefrance.test');
      await place.waitForURL(/\/lieu$/);
      await place.goto(`${j.baseUrl}/lieu/releves`);
      const placeTable = place.getByRole('table', { name: 'Relevés du lieu' });

      // Answered, the statement may be contested again, within its 15 days: the place does.
      await place.getByRole('button', { name: `Contester le relevé ${statement.number}` }).click();
      await place
        .getByLabel('Motif de la contestation')
        .fill('Ils n’y figurent pas : voyez la feuille de présence.');
      await place.getByRole('button', { name: 'Envoyer la contestation' }).click();
      await expect
        .poll(() =>
          place.getByText(`Contestation du relevé ${statement.number} envoyée au financeur.`).count(),
        )
        .toBe(1);

      // The note under the state gives the latest contest; the history gives all three messages.
      const { row, items } = await history(place, placeTable);
      await expect.poll(() => items.count(), { timeout: 20_000 }).toBe(3);
      const said = await items.allTextContents();
      expect(said[0]).toMatch(FIRST);
      expect(said[1]).toMatch(ANSWER);
      expect(said[2]).toMatch(SECOND);
      expect(await row.getByText(/Contesté le .* par Thomas Petit : « Ils n’y figurent pas/).count()).toBe(1);
      await expectAccessible(place, 'place statements, a contest’s history opened');

      // The funder reads the same exchange, and answers the second contest: the history, open,
      // takes the answer in.
      const funder = await j.newPage();
      await funder.setViewportSize({ width: 1280, height: 900 });
      await logIn(funder, j.baseUrl, 'financeur@hautsdefrance.test');
      await funder.waitForURL(/\/financeur$/);
      await funder.goto(`${j.baseUrl}/financeur/releves`);
      const funderTable = funder.getByRole('table', { name: 'Relevés du financeur' });
      const seen = await history(funder, funderTable);
      await expect.poll(() => seen.items.count(), { timeout: 20_000 }).toBe(3);
      expect((await seen.items.allTextContents()).map((t, i) => [FIRST, ANSWER, SECOND][i]!.test(t))).toEqual(
        [true, true, true],
      );
      await expectAccessible(funder, 'funder statements, a contest’s history opened');
      await seen.row.getByRole('button', { name: /^Répondre à la contestation du relevé / }).click();
      await funder.getByLabel('Votre réponse au lieu').fill('Ajoutés au relevé suivant, avec la feuille.');
      await funder.getByRole('button', { name: 'Envoyer la réponse' }).click();
      await expect.poll(() => seen.items.count(), { timeout: 20_000 }).toBe(4);
      expect(await seen.items.nth(3).textContent()).toMatch(SECOND_ANSWER);

      // The finance officer narrows the list to one place, chosen by its name.
      const places = funderTable.locator('tbody td[data-label="Lieu"]');
      const before = await places.count();
      await funder
        .getByLabel('Lieu', { exact: true })
        .selectOption({ label: 'Centre social Arras Ouest (Arras)' });
      await expect
        .poll(async () => new Set(await places.allTextContents()))
        .toEqual(new Set(['Centre social Arras Ouest']));
      expect(await places.count()).toBeLessThan(before);
      await funder.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Tous' });
      await expect.poll(() => places.count()).toBe(before);

      // Back at the place: the whole exchange, the funder's last answer included.
      await place.reload();
      const again = await history(place, placeTable);
      await expect.poll(() => again.items.count(), { timeout: 20_000 }).toBe(4);
      expect(await again.items.nth(3).textContent()).toMatch(SECOND_ANSWER);
    },
    JOURNEY_MS,
  );
});

const NO_MATCH_IN_SOMME =
  'Aucune commune du territoire de ce carnet ne correspond. Vérifiez l’orthographe, ou tapez le code postal. Ce carnet est réservé aux habitants de : Somme (80) ; une commune hors de ce territoire n’est pas proposée, même bien écrite.';

/** Types in « Commune de résidence » and waits until the box says `expected` (hint and status). */
async function typed(page: Page, text: string, expected: string | RegExp) {
  const box = page.getByRole('combobox', { name: 'Commune de résidence' });
  await box.fill(text);
  const said = expect.poll(() => descriptionOf(box), { timeout: 20_000, message: text });
  await (typeof expected === 'string' ? said.toContain(expected) : said.toMatch(expected));
}

describe.runIf(hasBrowser)('a commune outside the booklet’s territory at the desk', () => {
  it(
    'is told apart from a typo: the box names the territory the booklet is kept for',
    async () => {
      const page = await j.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await logIn(page, j.baseUrl, 'prescripteur@hautsdefrance.test');
      await page.waitForURL(/\/prescripteur$/);
      const serial = page.getByRole('textbox', { name: 'Numéro du carnet', exact: true });
      const box = page.getByRole('combobox', { name: 'Commune de résidence' });

      // A booklet of the envelope « Somme »: the hint names the Somme.
      await serial.fill(inSomme);
      await expect
        .poll(() => descriptionOf(box), { timeout: 20_000 })
        .toContain('Ce carnet est réservé aux habitants de : Somme (80).');
      // Laon (Aisne), Arras (Pas-de-Calais), 59000 (Lille): well spelt, out of the Somme.
      for (const outside of ['Laon', 'Arras', '59000']) await typed(page, outside, NO_MATCH_IN_SOMME);
      // Amiens is in the Somme: offered.
      await typed(page, 'Amiens', /\d+ suggestions? :/);
      await expectAccessible(page, 'desk, a booklet of the Somme');

      // A booklet outside any envelope: kept for the funder's région, named from its code.
      await serial.fill(outsideEnvelopes);
      await expect
        .poll(() => descriptionOf(box), { timeout: 20_000 })
        .toContain('Ce carnet est réservé aux habitants de : Hauts-de-France.');
      await typed(page, 'Strasbourg', 'Ce carnet est réservé aux habitants de : Hauts-de-France ;');
      await typed(page, 'Laon', /\d+ suggestions? :/);
    },
    JOURNEY_MS,
  );
});
