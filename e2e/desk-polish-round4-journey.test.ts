import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchShortDate } from '../src/core/dates.js';
import { formatPassCode } from '../src/core/pass-code.js';
import * as passes from '../src/modules/passes/service.js';
import { signIn } from '../src/test/app.js';
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
import { confirmRedemption } from './steps.js';

// What a tester found playing a volunteer at a place's desk, a prescriber and a beneficiary:
// the day of a session recorded later, a confirmation left after its cancellation, where the
// keyboard lands, a date field that reset itself, a mistyped serial asked to be confirmed, a
// blocked pass with no way out, a page that scrolled sideways at a 200 % zoom, a button that
// led to no places, and a statement said to be contestable with no way to contest it.
let j: Journey;
let c: Circulation;
/** The passes of a booklet handed out a month ago (a session a few days ago may be recorded). */
let codes: string[];
/** The passes of a booklet blocked, lost. */
let blockedCodes: string[];
let serials: string[];

/**
 * Booklets handed out through the API, as handedOutBooklets (test/circulation.ts) does, to
 * people born on different days: the server takes people with close names born the same day
 * for one person served twice.
 */
async function handOut(count: number) {
  const funded = await c.funder.request('POST', `/api/v1/programs/${c.programId}/fundings`, {
    payer: 'Région Hauts-de-France',
    amountCents: 10_000_000,
    receivedOn: businessDate(),
    reference: `Test ${Math.random()}`,
    confirmOverShare: true,
  });
  expect(funded.statusCode, funded.body).toBe(201);
  const missionLocale = c.organisations['Mission locale du Grand Amiénois']!;
  const allocated = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
    prescriberId: missionLocale,
    count,
  });
  expect(allocated.statusCode, allocated.body).toBe(201);
  const prescriber = await signIn(j.t.app, 'prescripteur@hautsdefrance.test');
  const handed: string[] = allocated.json().serials;
  for (const [i, serial] of handed.entries()) {
    const res = await prescriber.request('POST', `/api/v1/organisations/${missionLocale}/hand-outs`, {
      serial,
      beneficiary: {
        firstName: ['Paulette', 'Gérard', 'Odile'][i % 3],
        lastName: ['Lefebvre', 'Marchand', 'Vasseur'][i % 3],
        birthDate: `195${i}-0${i + 1}-1${i}`,
        communeCode: '80021',
        audience: 'senior_60_plus',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  return { serials: handed, prescriber };
}

beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  c = await demoCampaign(j.t);
  const handed = await handOut(3);
  serials = handed.serials;
  codes = await passes.bookletCodes(j.t.database.db, serials[0]!);
  blockedCodes = await passes.bookletCodes(j.t.database.db, serials[1]!);
  await j.t.database.pool.query('UPDATE passes SET valid_from = $1 WHERE code = ANY($2)', [
    addDays(businessDate(), -30),
    codes,
  ]);
  const blocked = await handed.prescriber.request('POST', `/api/v1/booklets/${serials[1]}/block`, {
    reason: 'lost',
  });
  expect(blocked.statusCode, blocked.body).toBe(200);
});
afterAll(() => j?.close());

/** Where the keyboard is: the focused element's id, and whether it is inside `selector`. */
const focusIn = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const el = document.activeElement;
    return { id: el?.id ?? '', inside: !!el && !!document.querySelector(sel)?.contains(el) };
  }, selector);

/** Whether the page scrolls sideways. */
const sideways = (page: Page) =>
  page.evaluate(() => document.scrollingElement!.scrollWidth - document.documentElement.clientWidth);

/** How many lines a word of an element's text takes (1: it is not cut). */
const linesOf = (page: Page, selector: string, word: string) =>
  page.evaluate(
    ([sel, w]) => {
      const el = document.querySelector(sel!)!;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(w!);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + w!.length);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }
      return -1;
    },
    [selector, word],
  );

describe.runIf(hasBrowser)('polish of the desk, the prescriber’s and the beneficiary’s pages', () => {
  it(
    'keeps a date being typed, records a late session with its day, says the confirmation, and drops it once cancelled',
    async () => {
      const today = businessDate();
      const earlier = addDays(today, -3);
      const code = formatPassCode(codes[0]!);
      const page = await j.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await logIn(page, j.baseUrl, 'benevole@hautsdefrance.test');
      await page.waitForURL(/\/lieu$/);
      const date = page.getByLabel('Date de la séance');
      const result = page.getByTestId('pass-check-result');
      expect(await date.inputValue()).toBe(today);

      // A Backspace in the day: the field is left as typed, not put back to today.
      await date.focus();
      await page.keyboard.press('Backspace');
      // Two frames and a timer in the page: what re-renders after the key has run by then.
      await page.evaluate(
        () =>
          new Promise((resolve) =>
            requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 200))),
          ),
      );
      expect(await date.inputValue()).toBe('');
      // Asked to check it so: the date field says what is wrong, by its name; nothing is checked.
      await page.getByLabel('Code du pass').fill(code);
      await page.getByRole('button', { name: 'Vérifier' }).click();
      await expect.poll(() => date.getAttribute('aria-invalid')).toBe('true');
      expect(await descriptionOf(date)).toContain('La date de la séance est incomplète');
      expect(await focusIn(page, 'body')).toMatchObject({ id: 'champ-sessionOn' });
      expect(await result.getAttribute('data-status')).toBe('');
      await expectAccessible(page, 'desk, session date incomplete');

      // A day three days ago: checked, redeemed; the keyboard goes back to the code field, for
      // the next pass (a scanner types there), the confirmation said in the live region.
      await date.fill(earlier);
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
      expect(await date.getAttribute('aria-invalid')).toBeNull();
      await confirmRedemption(page);
      await expect.poll(() => focusIn(page, 'main')).toMatchObject({ id: 'champ-code' });
      expect(await result.getAttribute('role')).toBe('status');
      // The confirmation says the session's day, and that it was recorded today.
      expect(await result.textContent()).toContain(`Séance du ${frenchShortDate(earlier)}, enregistrée le`);

      // « Aujourd’hui » has it, recorded today, with its own day under the time; the heading is
      // written once on screen, the table named for screen readers.
      const table = page.getByRole('table', { name: /Encaissements d’aujourd’hui/ });
      const row = page.getByTestId('redemption-row').filter({ hasText: code });
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.getByTestId('session-day').textContent()).toBe(
        `séance du ${frenchShortDate(earlier)}`,
      );
      expect(await table.locator('caption').isVisible()).toBe(false);
      expect(await page.getByRole('heading', { name: 'Aujourd’hui', exact: true }).isVisible()).toBe(true);
      await expectAccessible(page, 'desk after a late session');

      // Cancelled from the list: the confirmation no longer offers to cancel it.
      await page.getByRole('button', { name: `Annuler l’encaissement du pass ${code}` }).click();
      await page.getByRole('button', { name: 'Oui, annuler l’encaissement' }).click();
      await expect.poll(() => row.textContent()).toContain('Annulé');
      await expect.poll(() => result.getAttribute('data-status')).toBe('cancelled');
      expect(await result.textContent()).not.toMatch(/Encaissement enregistré|vous pouvez l’annuler/);

      // A pass of a blocked booklet: what the person can do is said.
      await page.getByRole('button', { name: 'Encaisser un autre pass' }).click();
      await date.fill(today);
      await page.getByLabel('Code du pass').fill(formatPassCode(blockedCodes[0]!));
      await expect.poll(() => result.getAttribute('data-status')).toBe('blocked');
      expect(await result.textContent()).toContain(
        'La personne peut demander un carnet de remplacement à la structure qui lui a remis son carnet.',
      );
    },
    JOURNEY_MS,
  );

  it(
    'keeps the code being typed and the keyboard in it when a mediator changes place, and says an approved statement is no longer contested',
    async () => {
      const page = await j.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await logIn(page, j.baseUrl, 'mediateur@hautsdefrance.test');
      await page.waitForURL(/\/lieu$/);
      const field = page.getByLabel('Code du pass');
      await field.fill('H525-3SC');
      await page
        .getByLabel('Vous encaissez pour le lieu')
        .selectOption({ label: 'Centre social Arras Ouest' });
      await page.getByRole('button', { name: 'Changer' }).click();
      const desk = page.locator('main p', { hasText: /^Centre social Arras Ouest$/ });
      await expect.poll(() => desk.count()).toBe(1);
      await expect.poll(() => focusIn(page, 'main')).toMatchObject({ id: 'champ-code' });
      expect(await field.inputValue()).toBe('H525-3SC');
      // The choice holds for the next visit, as before.
      await page.reload();
      await expect.poll(() => desk.count()).toBe(1);

      // The Centre social's statements wait in a payment run, approved, issued when the demo
      // was made: within their 15 days, and yet no longer contestable.
      const { rows } = await j.t.database.pool.query(
        `SELECT s.number, s.funder_id FROM statements s JOIN organisations o ON o.id = s.place_id
          WHERE o.name = 'Centre social Arras Ouest' AND s.status = 'approved'
            AND s.created_at > now() - interval '14 days'
          ORDER BY s.number LIMIT 1`,
      );
      expect(rows).toHaveLength(1);
      await page.goto(`${j.baseUrl}/lieu/releves`);
      const row = page
        .getByRole('table', { name: 'Relevés du lieu' })
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: rows[0].number }) });
      await expect.poll(() => row.count()).toBe(1);
      // The funder gave no contact for places: the place is not told to write without where.
      expect(await row.textContent()).toContain(
        'Relevé approuvé par le financeur : il ne peut plus être contesté ici.',
      );
      expect(await row.textContent()).not.toContain('écrivez');
      expect(await row.getByRole('button', { name: /^Contester/ }).count()).toBe(0);
      // Once it gives one (its settings), the sentence and the page name it.
      await j.t.database.pool.query(
        `UPDATE funders SET place_contact_email = 'lieux@financeur.test', place_contact_phone = '03 21 00 00 00'
          WHERE id = $1`,
        [rows[0].funder_id],
      );
      await page.reload();
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.textContent()).toContain(
        'il ne peut plus être contesté ici ; écrivez au financeur à lieux@financeur.test ou appelez le 03 21 00 00 00.',
      );
      expect(
        await page.getByRole('heading', { name: 'Contacts des financeurs pour les lieux' }).count(),
      ).toBe(1);
      await j.t.database.pool.query(
        'UPDATE funders SET place_contact_email = NULL, place_contact_phone = NULL WHERE id = $1',
        [rows[0].funder_id],
      );
      await expectAccessible(page, 'place statements with one approved within its 15 days');
    },
    JOURNEY_MS,
  );

  it(
    'says a mistyped serial is wrong before asking to confirm the blocking',
    async () => {
      const page = await j.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await logIn(page, j.baseUrl, 'prescripteur@hautsdefrance.test');
      await page.waitForURL(/\/prescripteur$/);
      const good = serials[2]!;
      const typo = `${good.slice(0, -1)}${(Number(good.at(-1)) + 1) % 10}`;
      const field = page.getByLabel('Numéro du carnet perdu ou volé');
      await field.fill(typo);
      await page.locator('label', { hasText: /^Perdu$/ }).click();
      await page.getByRole('button', { name: 'Bloquer le carnet', exact: true }).click();
      await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
      expect(await descriptionOf(field)).toContain('Numéro de carnet erroné');
      expect(await page.getByRole('dialog', { name: 'Bloquer ce carnet ?' }).count()).toBe(0);
      await expectAccessible(page, 'block form, mistyped serial');
    },
    JOURNEY_MS,
  );

  it(
    'shows a pass’s page and the beneficiary’s at a 200 % zoom without sideways scrolling',
    async () => {
      const page = await j.newPage();
      await page.setViewportSize({ width: 180, height: 400 });
      await page.goto(`${j.baseUrl}/p/${codes[1]}`);
      await expect.poll(() => page.getByTestId('pass-link-code').count()).toBe(1);
      expect(await page.getByTestId('pass-link-code').textContent()).toBe(formatPassCode(codes[1]!));
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      expect(await linesOf(page, 'main h1', 'numérique')).toBe(1);

      await logIn(page, j.baseUrl, 'beneficiaire@hautsdefrance.test');
      await page.getByRole('heading', { name: 'Où utiliser mon pass ?' }).waitFor();
      expect(await sideways(page)).toBeLessThanOrEqual(0);
    },
    JOURNEY_MS,
  );

  it(
    'leads the beneficiary’s « Voir les lieux » to the places of her pass, and says what to do with a lost booklet',
    async () => {
      const page = await j.newPage();
      await page.setViewportSize({ width: 360, height: 780 });
      await logIn(page, j.baseUrl, 'beneficiaire@hautsdefrance.test');
      await page.getByRole('heading', { name: 'Où utiliser mon pass ?' }).waitFor();
      const lost = page.getByRole('heading', { name: 'Vous avez perdu votre carnet ?' });
      expect(await lost.count()).toBe(1);
      expect(await page.getByText(/Prévenez vite la structure qui vous a remis votre carnet/).count()).toBe(
        1,
      );
      await expectAccessible(page, 'beneficiary home with the lost booklet paragraph');
      await page.getByLabel('Code du pass').fill(formatPassCode(codes[2]!));
      await page.getByRole('button', { name: 'Voir les lieux' }).click();
      await page.waitForURL(new RegExp(`/annuaire/${c.programId}$`));
      await expect
        .poll(() => page.getByTestId('nombre-lieux').textContent(), { timeout: 20_000 })
        .toMatch(/^\d+ lieux trouvés$/);
    },
    JOURNEY_MS,
  );
});
