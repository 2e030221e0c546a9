import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_MESSAGES } from '../src/core/session.js';
import * as passes from '../src/modules/passes/service.js';
import {
  chooseSuggestion,
  expectAccessible,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  startJourney,
} from './browser.js';
import { confirmRedemption } from './steps.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('the life of a pass, across four consoles', () => {
  it(
    'is issued and allocated by the funder, handed out by a prescriber, redeemed at a place, and counted',
    async () => {
      // The funder issues a booklet, records money, allocates a booklet to the Mission locale.
      const funder = await j.newPage();
      await logIn(funder, j.baseUrl, 'financeur@hautsdefrance.test');
      await funder.waitForURL(/\/financeur$/);
      await funder.getByRole('link', { name: /campagne 2026/ }).click();
      await funder.getByRole('link', { name: 'Tableau de bord du dispositif' }).click();
      const redeemedTotal = funder.getByTestId('dashboard-total-redeemed');
      await expect.poll(() => redeemedTotal.textContent()).toMatch(/\d/);
      const redeemedBefore = Number((await redeemedTotal.textContent())!.replace(/\D/g, ''));
      await expectAccessible(funder, 'dashboard');
      await funder.goBack();

      await funder.getByRole('link', { name: 'Émettre des carnets' }).click();
      await funder.getByLabel('Nombre de carnets').fill('1');
      await funder.getByText('Carnets de 10 pass', { exact: true }).click();
      await funder.getByRole('button', { name: 'Émettre les carnets' }).click();
      await expect.poll(() => funder.getByText('Carnets émis').count()).toBeGreaterThan(0);
      await expectAccessible(funder, 'issue result');
      await funder.goBack();

      await funder.getByRole('link', { name: 'Confier des carnets à un prescripteur' }).click();
      await funder.getByLabel('Prescripteur').selectOption({ label: 'Mission locale du Grand Amiénois' });
      await funder.getByLabel('Nombre de carnets').fill('1');
      await funder.getByRole('button', { name: 'Confier les carnets' }).click();
      const allocated = funder.getByText(/[A-Z][0-9A-Z]{5}-\d{7}-\d/).first();
      await expect.poll(() => allocated.count()).toBeGreaterThan(0);
      const serial = /[A-Z][0-9A-Z]{5}-\d{7}-\d/.exec((await allocated.textContent())!)![0];
      await expectAccessible(funder, 'allocation result');

      // The prescriber hands it to a person at the front desk.
      const prescriber = await j.newPage();
      await logIn(prescriber, j.baseUrl, 'prescripteur@hautsdefrance.test');
      await prescriber.waitForURL(/\/prescripteur$/);
      await prescriber.getByRole('textbox', { name: 'Numéro du carnet', exact: true }).fill(serial);
      await prescriber.getByLabel('Prénom').fill('Josiane');
      await prescriber.getByLabel('Nom de famille').fill('Lefebvre');
      await prescriber.getByLabel('Date de naissance').fill('1952-04-09');
      // The commune is found by name and chosen from the official list, never typed as a code.
      await chooseSuggestion(prescriber, 'Commune de résidence', 'amiens', 'Amiens (80000) — commune');
      await prescriber.getByLabel('Public visé').selectOption({ index: 1 });
      await prescriber.getByRole('button', { name: 'Remettre le carnet', exact: true }).click();
      await expect.poll(() => prescriber.getByText('Carnet remis').count()).toBeGreaterThan(0);
      await expectAccessible(prescriber, 'prescriber console after hand-out');

      // A second booklet for the same person, her name typed otherwise: refused, the first one shown.
      const other = await j.t.database.pool.query(
        `SELECT b.serial FROM booklets b JOIN organisations o ON o.id = b.holder_id
          WHERE o.name = 'Mission locale du Grand Amiénois' AND b.status = 'allocated' ORDER BY serial LIMIT 1`,
      );
      await prescriber
        .getByRole('textbox', { name: 'Numéro du carnet', exact: true })
        .fill(other.rows[0].serial);
      await prescriber.getByLabel('Prénom').fill('JOSIANE');
      await prescriber.getByLabel('Nom de famille').fill('lefebvre');
      await prescriber.getByLabel('Date de naissance').fill('1952-04-09');
      await chooseSuggestion(
        prescriber,
        'Commune de résidence',
        '80000',
        'Amiens (80000) — commune',
        'keyboard',
      );
      await prescriber.getByLabel('Public visé').selectOption({ index: 1 });
      await prescriber.getByRole('button', { name: 'Remettre le carnet', exact: true }).click();
      const earlier = prescriber.getByRole('table', { name: /déjà remis à cette personne/ });
      await expect.poll(() => earlier.textContent()).toContain(serial);
      // Its state: valid (a blocked one would say so, and what replaced it).
      await expect
        .poll(() => earlier.getByRole('row').filter({ hasText: serial }).textContent())
        .toContain('Valide');
      await expectAccessible(prescriber, 'hand-out refused: the earlier hand-out shown');

      // The place redeems one of its passes, read off the paper booklet.
      const [code] = await passes.bookletCodes(j.t.database.db, serial);
      const place = await j.newPage();
      await logIn(place, j.baseUrl, 'lieu@hautsdefrance.test');
      await place.waitForURL(/\/lieu/);
      // Two neighbouring characters typed the wrong way round: said at once, at the field.
      const swapAt = [...code!].findIndex((c, i) => c !== code![i + 1]);
      const swapped = `${code!.slice(0, swapAt)}${code![swapAt + 1]}${code![swapAt]}${code!.slice(swapAt + 2)}`;
      await place.getByLabel('Code du pass').fill(swapped);
      await expect.poll(() => place.getByText(REFUSAL_MESSAGES.malformed_code).count()).toBe(1);
      await place.getByLabel('Code du pass').fill(code!.toLowerCase());
      await place.getByRole('button', { name: 'Vérifier' }).click();
      const result = place.getByTestId('pass-check-result');
      await expect.poll(() => result.getAttribute('data-status')).toBe('redeemable');
      await confirmRedemption(place);
      await expectAccessible(place, 'place after redemption');

      // The same code again, pasted: checked as soon as it is complete, and refused with the reason.
      await place.getByRole('button', { name: 'Encaisser un autre pass' }).click();
      await place.getByLabel('Code du pass').fill(code!);
      await expect.poll(() => result.getAttribute('data-status')).toBe('already_redeemed');
      // Redeemed at this very desk: said so, not « déjà utilisé » as if it had been elsewhere.
      await expect
        .poll(() => result.textContent())
        .toContain('Ce pass a déjà été encaissé par votre lieu le');

      // The funder's dashboard has moved.
      await funder.goto(`${funder.url().replace(/\/attribution.*$/, '')}/tableau-de-bord`);
      await expect
        .poll(async () => Number(((await redeemedTotal.textContent()) ?? '').replace(/\D/g, '')))
        .toBe(redeemedBefore + 1);
    },
    JOURNEY_MS,
  );

  it(
    'shows the place’s API keys to its admin, and tells its agents whom to ask',
    async () => {
      const admin = await j.newPage();
      await logIn(admin, j.baseUrl, 'lieu@hautsdefrance.test');
      await admin.waitForURL(/\/lieu/);
      await admin.getByRole('link', { name: 'Clés d’API' }).click();
      await expect.poll(() => admin.getByRole('button', { name: /Créer la clé/ }).count()).toBe(1);
      // Its software's calls: a key used with a mistyped code shows the refusal and its code.
      await admin.getByLabel('Nom de la clé').fill('Logiciel des ateliers');
      await admin.getByRole('button', { name: /Créer la clé/ }).click();
      const shown = admin.getByLabel('Clé d’API « Logiciel des ateliers »');
      await expect.poll(() => shown.count()).toBe(1);
      const key = await shown.inputValue();
      // While it is shown, a second key cannot take its place before it is copied: it is never shown again.
      expect(await admin.getByRole('button', { name: /Créer la clé/ }).count()).toBe(0);
      expect(await admin.getByText(/masquez-la avant d’en créer une autre/).count()).toBe(1);
      await admin.getByRole('button', { name: /la masquer/ }).click();
      await expect.poll(() => admin.getByRole('button', { name: /Créer la clé/ }).count()).toBe(1);
      expect(await shown.count()).toBe(0);
      const call = await fetch(`${j.baseUrl}/api/v1/passes/ABC`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(call.status).toBe(422);
      const listed = await fetch(`${j.baseUrl}/api/v1/places/nope/redemptions`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(listed.status).toBe(422);
      await admin.reload();
      const refusal = admin.getByTestId('api-key-error-row').filter({ hasText: 'Code mal saisi' });
      await expect.poll(() => refusal.count()).toBe(1);
      expect(await refusal.textContent()).toMatch(/Vérification d’un pass.*malformed_code/);
      // The key by its name and the start of the key, as the list of keys shows it: two keys
      // may share a name (one revoked), and its software is configured with the key itself.
      const prefix = key.split('_')[1]!;
      expect(await refusal.getByRole('rowheader').textContent()).toBe(
        `Logiciel des ateliers (pn_${prefix}…)`,
      );
      const listRefusal = admin
        .getByTestId('api-key-error-row')
        .filter({ hasText: 'Liste des encaissements' });
      await expect.poll(() => listRefusal.count()).toBe(1);
      await expectAccessible(admin, 'API keys page with their usage');
      // On the small association's old laptop, the code to give the developer is read without
      // scrolling sideways.
      await admin.setViewportSize({ width: 1024, height: 768 });
      const refusals = admin.getByRole('table', { name: /Derniers appels refusés/ });
      await expect
        .poll(() => refusals.evaluate((t) => t.scrollWidth <= (t.parentElement?.clientWidth ?? 0) + 1))
        .toBe(true);

      const volunteer = await j.newPage();
      await logIn(volunteer, j.baseUrl, 'benevole@hautsdefrance.test');
      await volunteer.waitForURL(/\/lieu/);
      await expect.poll(() => volunteer.getByLabel('Code du pass').count()).toBe(1);
      expect(await volunteer.getByRole('link', { name: 'Clés d’API' }).count()).toBe(0);
      await volunteer.goto(`${j.baseUrl}/lieu/cles`);
      const notice = volunteer.getByRole('heading', { name: 'Réservé à l’administrateur du lieu' });
      await expect.poll(() => notice.count()).toBe(1);
      expect(await volunteer.getByRole('button', { name: /Créer la clé/ }).count()).toBe(0);
      await expectAccessible(volunteer, 'API keys page seen by an agent');
    },
    JOURNEY_MS,
  );

  it(
    'lets a mediator who serves two places choose which one they redeem for',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'mediateur@hautsdefrance.test');
      await page.waitForURL(/\/lieu/);
      const place = page.getByLabel('Vous encaissez pour le lieu');
      await expect.poll(() => place.count()).toBe(1);
      // The desk names the place it redeems for, under the page title.
      const desk = (name: string) => page.locator('main p', { hasText: new RegExp(`^${name}$`) });
      await expect.poll(() => desk('Médiathèque Louis Aragon').count()).toBe(1);
      await place.selectOption({ label: 'Centre social Arras Ouest' });
      await page.getByRole('button', { name: 'Changer' }).click();
      await expect.poll(() => desk('Centre social Arras Ouest').count()).toBe(1);
      expect(await desk('Médiathèque Louis Aragon').count()).toBe(0);
      await expectAccessible(page, 'place console of a person with two places');

      // Changed back on the statements page: the Médiathèque's statements, on the same page, and
      // none of the Centre social's left on screen.
      const { rows } = await j.t.database.pool.query(
        `SELECT s.number FROM statements s JOIN organisations o ON o.id = s.place_id
          WHERE o.name = 'Centre social Arras Ouest'`,
      );
      const centreSocial = rows.map((r) => r.number as string);
      expect(centreSocial.length).toBeGreaterThan(0);
      await page.getByRole('link', { name: 'Relevés', exact: true }).click();
      await page.waitForURL(/\/lieu\/releves$/);
      const listed = page.getByRole('table', { name: 'Relevés du lieu' });
      await expect.poll(() => listed.textContent()).toContain(centreSocial[0]);
      // Nothing is cashed here: the selector names the place plainly.
      expect(await place.count()).toBe(0);
      await page.getByLabel('Lieu', { exact: true }).selectOption({ label: 'Médiathèque Louis Aragon' });
      await page.getByRole('button', { name: 'Changer' }).click();
      await expect.poll(() => desk('Médiathèque Louis Aragon').count()).toBe(1);
      expect(new URL(page.url()).pathname).toBe('/lieu/releves');
      expect(await desk('Centre social Arras Ouest').count()).toBe(0);
      await expect
        .poll(
          async () => (await listed.count()) + (await page.getByText('Aucun relevé pour l’instant.').count()),
        )
        .toBe(1);
      const shown = (await page.locator('main').textContent()) ?? '';
      for (const number of centreSocial) expect(shown).not.toContain(number);
    },
    JOURNEY_MS,
  );
});
