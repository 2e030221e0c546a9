import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../src/test/app.js';
import { demoCampaign } from '../src/test/circulation.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';
import { siretFrom } from './steps.js';

/*
 * A choice among a long list: the prescriber a funder entrusts booklets to (a Region has 300),
 * the place whose statements a finance officer looks for (a national operator has 5,000). They
 * were native selects of every name, scrolled on a laptop; past 40 names they are searched as
 * one types (ui/form/ChoiceField.tsx). Short lists stay selects (pass-journey and others).
 */
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('a choice among a long list', () => {
  it(
    'is made by typing words of the name and picking a suggestion, with the keyboard',
    async () => {
      const funder = await signIn(j.t.app, 'financeur@hautsdefrance.test');
      const funderId = funder.session.memberships[0]!.funderId!;
      for (let i = 1; i <= 45; i++) {
        const prescriber = await funder.request('POST', `/api/v1/funders/${funderId}/prescribers`, {
          name: `Association numérique n° ${i}`,
          kind: 'association',
          communeCode: '80021',
        });
        expect(prescriber.statusCode, prescriber.body).toBe(201);
        const place = await funder.request('POST', `/api/v1/funders/${funderId}/places`, {
          name: `Espace public numérique n° ${i}`,
          siret: siretFrom(`4410000${String(i).padStart(6, '0')}`),
          communeCode: '80021',
        });
        expect(place.statusCode, place.body).toBe(201);
      }
      const { programId } = await demoCampaign(j.t);

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/programmes/${programId}/attribution`);
      const box = page.getByRole('combobox', { name: 'Prescripteur' });
      await box.waitFor();
      await expect
        .poll(() => page.getByText(/choisissez dans la liste \(\d+ prescripteurs\)/).count())
        .toBe(1);
      // Case and accents aside, every word typed starts a word of the name.
      await box.fill('ASSOCIATION NUMERIQUE 17');
      // The suggestions, not the options of the page's native selects.
      const options = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');
      await expect.poll(() => options.allTextContents()).toEqual(['Association numérique n° 17']);
      await box.fill('mission');
      await expect.poll(() => options.allTextContents()).toEqual(['Mission locale du Grand Amiénois']);
      await box.fill('numérique n');
      // A dozen at most: typing more narrows them.
      await expect.poll(() => options.count()).toBe(12);
      await box.fill('numérique 44');
      await box.press('ArrowDown');
      await box.press('Enter');
      await expect.poll(() => box.inputValue()).toBe('Association numérique n° 44');
      await expectAccessible(page, 'allocation form with a long list of prescribers');
      await page.getByLabel('Nombre de carnets').fill('1');
      await page.getByRole('button', { name: 'Confier les carnets' }).click();
      await expect.poll(() => page.getByText('Carnets confiés').count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByText(/Association numérique n° 44/).count()).toBeGreaterThan(0);

      // Typing after a choice undoes it: the form does not send a name no longer shown.
      await page.reload();
      await box.fill('personne de ce nom');
      await expect.poll(() => page.getByText('Aucun prescripteur de ce nom.').count()).toBe(1);
      await page.getByLabel('Nombre de carnets').fill('1');
      await page.getByRole('button', { name: 'Confier les carnets' }).click();
      await expect
        .poll(() => page.locator('#champ-prescriberId-erreur').textContent())
        .toBe('Choisissez le prescripteur qui recevra les carnets.');

      // The statements of one place among the roster's, the box left empty for all.
      await page.goto(`${j.baseUrl}/financeur/releves`);
      const place = page.getByRole('combobox', { name: 'Lieu' });
      await place.waitFor();
      await expect.poll(() => page.getByText(/laissez vide : tous/).count()).toBe(1);
      // The demo's statements, before the choice narrows them to the new place's (none).
      const statements = page.getByRole('table', { name: 'Relevés du financeur' }).locator('tbody tr');
      await expect.poll(() => statements.count()).toBeGreaterThan(0);
      await place.fill('espace 9');
      await expect.poll(() => options.allTextContents()).toEqual(['Espace public numérique n° 9 (Amiens)']);
      await place.press('ArrowDown');
      await place.press('Enter');
      await expect.poll(() => page.getByText('Aucun relevé ne correspond.').count()).toBe(1);
      expect(await statements.count()).toBe(0);
      await expectAccessible(page, 'statements filtered on a place of a long roster');
    },
    JOURNEY_MS,
  );
});
