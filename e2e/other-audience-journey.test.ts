import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../src/core/dates.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

const PUBLIC = 'Apprentis du bâtiment';

/**
 * A deliberation names a public the platform's list lacks. The new programme's form took only
 * the standard publics (a custom one, with its ages, could only be sent through the API): it
 * now takes others, written as the deliberation writes them, with their ages.
 */
describe.runIf(hasBrowser)('a public the standard list lacks', () => {
  it(
    'is written with its ages in the new programme’s form, refused at the field when they are out of order',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      const today = businessDate();
      const year = Number(today.slice(0, 4));
      const box = (name: string) => page.getByRole('textbox', { name, exact: true });
      await page.goto(`${j.baseUrl}/financeur/programmes/nouveau`);
      await box('Nom du dispositif').waitFor();
      const fields: [string, string][] = [
        ['Instance qui a délibéré', 'Commission permanente du conseil régional'],
        ['Numéro de la délibération', 'CP-2026-PUBLICS'],
        ['Date de la décision', today],
        ['Date d’effet', today],
        ['Nom du dispositif', 'Pass numériques des apprentis'],
        ['Valeur faciale d’un pass, en euros', '10'],
        ['Nombre de pass prévus', '500'],
        ['Début de la distribution', today],
        ['Fin de la distribution', `${year + 1}-06-30`],
        ['Fin d’utilisation des pass', `${year + 1}-12-31`],
      ];
      for (const [name, value] of fields) await box(name).fill(value);
      // No standard public ticked: the other one is enough.
      await page.getByRole('button', { name: 'Ajouter un autre public' }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
        .toBe('state.otherAudiences.0.label');
      await box('Intitulé de l’autre public 1').fill(PUBLIC);
      await box('Âge minimum de l’autre public 1, en années').fill('16');
      const max = box('Âge maximum de l’autre public 1, en années');
      await max.fill('15');
      await page.getByRole('button', { name: 'Créer le dispositif' }).click();
      await expect.poll(() => max.getAttribute('aria-invalid')).toBe('true');
      await expect
        .poll(() => page.getByRole('alert').getByRole('link').allTextContents())
        .toContainEqual(expect.stringContaining('Âge maximum de l’autre public 1, en années'));
      await expectAccessible(page, 'new programme form with another public refused');
      await max.fill('25');
      await page.getByRole('button', { name: 'Créer le dispositif' }).click();
      await page.waitForURL(/\/financeur\/programmes\/[0-9a-f-]{36}$/);

      const programId = page.url().split('/').pop() as string;
      const created = (await page.evaluate(
        async (p) => (await fetch(p)).json(),
        `/api/v1/programs/${programId}`,
      )) as { state: { audiences: unknown[] } };
      expect(created.state.audiences).toEqual([
        { code: 'autre_apprentis_du_batiment', label: PUBLIC, minAge: 16, maxAge: 25 },
      ]);
      // The programme's page says the public as written, with its ages.
      await expect.poll(() => page.getByText(`${PUBLIC} (16 à 25 ans)`).count()).toBeGreaterThan(0);
    },
    JOURNEY_MS,
  );
});
