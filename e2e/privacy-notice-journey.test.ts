import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/**
 * Before a person's data is recorded at the desk, they are told what becomes of it (RGPD art.
 * 13): the funder's admin says whom to write to, the prescriber opens the notice beside the
 * hand-out form and reads or prints it for the person.
 */
describe.runIf(hasBrowser)('the information notice given at hand-out', () => {
  it(
    'names the funder, the contact its admin set (or the desk when none is set), the retention period and the person’s rights',
    async () => {
      // Before the funder's admin sets a contact, the notice sends the person to the desk, and
      // the desk is told that the contact is missing.
      const desk = await j.newPage();
      await logIn(desk, j.baseUrl, 'prescripteur@hautsdefrance.test');
      await desk.waitForURL(/\/prescripteur$/);
      const link = desk.getByRole('link', { name: 'notice d’information sur ses données' });
      await expect.poll(() => link.count()).toBe(1);
      // Beside the form, in a new window: what was typed in the form stays.
      const [notice] = await Promise.all([desk.context().waitForEvent('page'), link.click()]);
      await notice.waitForURL(/\/prescripteur\/notice-donnees$/);
      await expect
        .poll(() => notice.getByRole('heading', { level: 1 }).textContent())
        .toBe('Vos données personnelles');
      const text = () => notice.locator('main').textContent();
      await expect.poll(text).toContain('Région Hauts-de-France enregistre votre nom');
      expect(await text()).toContain(
        'Le responsable de ces données est le financeur, Région Hauts-de-France',
      );
      expect(await text()).toContain('en le demandant à la structure qui vous a remis le carnet');
      expect(await text()).toContain('Le financeur n’a pas encore indiqué de contact');
      expect(await text()).toContain('effacés 24 mois après la clôture');
      expect(await text()).toContain('CNIL');
      const purposes = notice.getByRole('table', { name: 'Ce qui est enregistré, et pourquoi' });
      expect(await purposes.getByRole('rowheader').allTextContents()).toContain(
        'Nom, prénom et date de naissance',
      );
      // The reasons wrap: the whole table is read without scrolling sideways.
      const fits = await purposes.evaluate((t) => t.scrollWidth <= (t.parentElement?.clientWidth ?? 0) + 1);
      expect(fits).toBe(true);

      const admin = await j.newPage();
      await logIn(admin, j.baseUrl, 'financeur@hautsdefrance.test');
      await admin.waitForURL(/\/financeur$/);
      await admin.goto(`${j.baseUrl}/financeur/parametres`);
      const contact = admin.getByRole('textbox', { name: 'Contact pour les données personnelles' });
      await expect.poll(() => contact.count()).toBe(1);
      await contact.fill('dpo@hautsdefrance.test');
      await admin.getByRole('button', { name: 'Enregistrer le contact', exact: true }).click();
      await expect.poll(() => admin.getByText('Contact enregistré', { exact: false }).count()).toBe(1);
      await expectAccessible(admin, 'the settings page with the privacy contact');

      await notice.reload();
      await expect.poll(text).toContain('en écrivant à dpo@hautsdefrance.test');
      expect(await text()).not.toContain('Le financeur n’a pas encore indiqué de contact');
      await expectAccessible(notice, 'the information notice');
    },
    JOURNEY_MS,
  );
});
