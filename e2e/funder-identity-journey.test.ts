import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/*
 * A funder recorded with a typo, or renamed by a merger: the operator corrects its name from
 * the list of funders, giving a reason; a name already another funder's is refused at its
 * field; the page then names the funder as it is, everywhere; the funder's admin then reads
 * the correction in its journal.
 */
describe.runIf(hasBrowser)('the operator corrects a funder’s name', () => {
  it(
    'from the list, with a reason; another funder’s name is refused at the field; the funder’s journal tells it',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'admin@pass-numerique.test');
      await page.waitForURL(/\/admin$/);
      // The helpdesk has the funder's admin's account open on the same page, its team named.
      await page.getByLabel('Adresse électronique de la personne').fill('financeur@paysdeverdun.test');
      await page.getByRole('button', { name: 'Chercher le compte' }).click();
      const roles = page.getByRole('table', { name: 'Rôles du compte' });
      await expect.poll(() => roles.getByRole('cell', { name: 'PETR du Pays de Verdun' }).count()).toBe(1);

      await page.getByRole('button', { name: 'Identité de « PETR du Pays de Verdun »' }).click();
      const panel = page.getByRole('region', { name: 'Corriger l’identité de « PETR du Pays de Verdun »' });
      await expect.poll(() => panel.isVisible()).toBe(true);
      expect(await panel.getByLabel('SIRET').inputValue()).toBe('25550009000014');

      const name = panel.getByLabel('Nom du financeur');
      await name.fill('Département du Pas-de-Calais');
      await panel.getByLabel('Motif de la correction').fill('Faute de frappe à la création');
      await panel.getByRole('button', { name: 'Enregistrer la correction' }).click();
      await expect
        .poll(() => panel.getByText('Ce nom est déjà celui d’un autre financeur').count())
        .toBeGreaterThan(0);
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, 'a funder’s identity, a name already taken');

      await name.fill('PETR Cœur de Lorraine – Pays de Verdun');
      await panel.getByRole('button', { name: 'Enregistrer la correction' }).click();
      // The panel, still open, now names the funder as it is.
      const renamed = page.getByRole('region', {
        name: 'Corriger l’identité de « PETR Cœur de Lorraine – Pays de Verdun »',
      });
      await expect
        .poll(() =>
          renamed.getByText('Identité corrigée : « PETR Cœur de Lorraine – Pays de Verdun »').count(),
        )
        .toBe(1);
      expect(await panel.count()).toBe(0);
      const list = page.getByRole('table', { name: /financeurs/ });
      await expect
        .poll(() => list.getByRole('rowheader', { name: 'PETR Cœur de Lorraine – Pays de Verdun' }).count())
        .toBe(1);
      expect(await list.getByRole('rowheader', { name: 'PETR du Pays de Verdun' }).count()).toBe(0);
      // Without a reload, the account found names the funder as it is, and nothing on the page
      // (its header, the list, the panel, the account) still names it as it was.
      await expect
        .poll(() => roles.getByRole('cell', { name: 'PETR Cœur de Lorraine – Pays de Verdun' }).count())
        .toBe(1);
      expect(await page.locator('body').innerText()).not.toContain('PETR du Pays de Verdun');

      // The funder's admin reads it in the journal, with the reason.
      const verdun = await j.newPage();
      await logIn(verdun, j.baseUrl, 'financeur@paysdeverdun.test');
      await verdun.waitForURL(/\/financeur/);
      await verdun.getByRole('link', { name: 'Journal' }).click();
      const entry = verdun.getByRole('row', { name: /Identité du financeur corrigée/ });
      await expect.poll(() => entry.count()).toBe(1);
      const text = await entry.textContent();
      expect(text).toContain('Avant : Nom du financeur : PETR du Pays de Verdun');
      expect(text).toContain('Après : Nom du financeur : PETR Cœur de Lorraine – Pays de Verdun');
      expect(text).toContain('Motif : Faute de frappe à la création');
    },
    JOURNEY_MS,
  );
});
