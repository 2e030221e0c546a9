import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_SERVICES } from '../src/core/session.js';
import * as redemptions from '../src/modules/redemptions/service.js';
import { type Circulation, demoCampaign, handedOutBooklets, personOf } from '../src/test/circulation.js';
import {
  chooseSuggestion,
  expectAccessible,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  modalSettled,
  startJourney,
} from './browser.js';

/*
 * At a front desk: a person who already had a booklet is refused a second one, the agent blocks
 * the lost one and hands a replacement. Before, the hand-out form still showed that person's
 * name and birth date, and its refusal, to whoever came to the desk next.
 */
let j: Journey;
let c: Circulation;
beforeAll(async () => {
  if (!hasBrowser) return;
  j = await startJourney();
  c = await demoCampaign(j.t);
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('a replacement at the front desk', () => {
  it(
    'leaves the hand-out form empty for the next person, its refusal gone',
    async () => {
      const [lost] = (await handedOutBooklets(j.t, c, 1)).serials;
      const allocated = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
        prescriberId: c.organisations['Mission locale du Grand Amiénois'],
        count: 1,
      });
      const [spare] = allocated.json().serials as string[];
      const person = personOf(lost!);

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'prescripteur@hautsdefrance.test');
      await page.waitForURL(/\/prescripteur$/);
      await page.getByRole('textbox', { name: 'Numéro du carnet', exact: true }).fill(spare!);
      await page.getByLabel('Prénom').fill(person.firstName);
      await page.getByLabel('Nom de famille').fill(person.lastName);
      await page.getByLabel('Date de naissance').fill(person.birthDate);
      await chooseSuggestion(page, 'Commune de résidence', 'Amiens', 'Amiens (80000) — commune');
      await page.getByLabel('Public visé').selectOption({ label: 'Personnes de 60 ans et plus' });
      await page.getByRole('button', { name: 'Remettre le carnet', exact: true }).click();
      const refusal = page.getByText(/Le formulaire contient/);
      await expect.poll(() => refusal.count()).toBeGreaterThan(0);

      // The lost booklet blocked, then replaced by the spare one.
      const row = page.getByRole('row').filter({ hasText: lost! });
      await row.getByRole('button', { name: `Bloquer le carnet ${lost}` }).click();
      // The focus is on « Perdu » (the DSFR radio's input is drawn over by its label).
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('champ-reason-0');
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Bloquer le carnet', exact: true }).click();
      await modalSettled(page.locator('#confirmer-blocage'), true);
      await page
        .getByRole('dialog', { name: 'Bloquer ce carnet ?' })
        .getByRole('button', { name: 'Bloquer définitivement' })
        .click();
      await modalSettled(page.locator('#confirmer-blocage'), false);
      await page.getByRole('link', { name: 'Remettre un carnet de remplacement au bénéficiaire' }).click();
      await page.getByLabel('Numéro du nouveau carnet').fill(spare!);
      await page.getByRole('button', { name: 'Remplacer le carnet' }).click();
      await expect.poll(() => page.getByText('Carnet de remplacement remis').count()).toBe(1);

      expect(await page.getByLabel('Prénom').inputValue()).toBe('');
      expect(await page.getByLabel('Nom de famille').inputValue()).toBe('');
      expect(await page.getByLabel('Date de naissance').inputValue()).toBe('');
      expect(await page.getByRole('textbox', { name: 'Numéro du carnet', exact: true }).inputValue()).toBe(
        '',
      );
      expect(await refusal.count()).toBe(0);
      expect(await page.getByText(`Le carnet ${lost} est bloqué`).count()).toBe(0);
    },
    JOURNEY_MS,
  );

  it(
    'hands a booklet of 10 for 3 passes lost once the agent confirms, and names the passes to strike out',
    async () => {
      const { serials, codes, prescriber, missionLocale } = await handedOutBooklets(j.t, c, 1);
      const lost = serials[0]!;
      const place = c.organisations['Médiathèque Louis Aragon']!;
      for (const [i, code] of codes.slice(0, 7).entries()) {
        await redemptions.redeem(
          j.t.database.db,
          { placeId: place, userId: null, keyId: null, label: 'test' },
          {
            code,
            nonce: `barrer-${i}`,
            theme: STANDARD_SERVICES[0],
            durationMinutes: 60,
            format: 'individual',
          },
          24,
        );
      }
      const blocked = await prescriber.request('POST', `/api/v1/booklets/${lost}/block`, { reason: 'lost' });
      expect(blocked.statusCode, blocked.body).toBe(200);
      const allocated = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
        prescriberId: missionLocale,
        count: 1,
      });
      const [ten] = allocated.json().serials as string[];

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'prescripteur@hautsdefrance.test');
      await page.waitForURL(/\/prescripteur$/);
      await page.getByLabel('Numéro du carnet bloqué').fill(lost);
      await page.getByLabel('Numéro du nouveau carnet').fill(ten!);
      await page.getByRole('button', { name: 'Remplacer le carnet' }).click();
      const confirm = page.getByLabel(
        'Je remets ce carnet et je barre ses 7 derniers pass, qui seront annulés',
      );
      await expect.poll(() => confirm.count()).toBe(1);
      await expectAccessible(page, 'replacement larger than the loss, asked');
      await confirm.check({ force: true });
      await page.getByRole('button', { name: 'Remplacer le carnet' }).click();
      await expect.poll(() => page.getByText('Carnet de remplacement remis').count()).toBe(1);
      const struck = page.getByTestId('struck-passes').getByRole('listitem');
      await expect.poll(() => struck.count()).toBe(7);
      expect(await page.getByText(/Barrez ces 7 pass avant de remettre le carnet/).count()).toBe(1);
      await expectAccessible(page, 'replacement with passes struck out');
      // The list of booklets handed out counts the 3 passes the person may use, not 10.
      // Its row, not the lost booklet's, which says « remplacé par » it.
      const row = page
        .getByRole('table', { name: /Carnets remis par votre structure/ })
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${ten}`) }) });
      await expect
        .poll(() => row.locator('[data-label="Pass utilisés"]').textContent())
        .toBe('0 sur 3 (7 barrés)');
    },
    JOURNEY_MS,
  );
});
