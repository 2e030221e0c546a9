import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationOutbox } from '../src/db/schema/index.js';
import { TEST_PASSWORD } from '../src/test/accounts.js';
import {
  chooseSuggestion,
  expectAccessible,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  startJourney,
} from './browser.js';

/**
 * On a server that sends e-mail, a place's registration waits for its admin's address to be
 * confirmed by the link sent to it (the messages wait in the outbox: no sender runs in tests).
 */
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney({ config: { smtpUrl: 'smtp://127.0.0.1:2525' } });
});
afterAll(() => j?.close());

async function registrationToken(to: string): Promise<string | undefined> {
  const [mail] = await j.t.database.db
    .select()
    .from(notificationOutbox)
    .where(and(eq(notificationOutbox.recipient, to), eq(notificationOutbox.template, 'place_registration')));
  return (mail?.params as { token: string } | undefined)?.token;
}

describe.runIf(hasBrowser)('a place registers itself, its address confirmed by e-mail', () => {
  it(
    'is asked to open the link e-mailed, confirms on the link’s page, lands on its desk; the link serves once',
    async () => {
      const page = await j.newPage();
      await page.goto(`${j.baseUrl}/lieux/inscription`);
      await page.getByLabel('Région Hauts-de-France').waitFor({ state: 'attached' });
      await page.getByLabel('Nom du lieu', { exact: true }).fill('Atelier numérique de la Hotoie');
      await page.getByRole('textbox', { name: 'SIRET', exact: true }).fill('442 000 000 000 12');
      await chooseSuggestion(page, 'Commune', 'Amiens', /^Amiens \(80\d{3}\) — commune$/);
      await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('3 rue de la Hotoie');
      await page.getByLabel('Code postal', { exact: true }).fill('80000');
      await page.getByLabel('Ouvert le lundi').check({ force: true });
      await page.getByLabel('Aide aux démarches administratives').check({ force: true });
      await page.getByLabel('Seniors').check({ force: true });
      await page.getByLabel('Région Hauts-de-France').check({ force: true });
      await page.getByLabel('Votre nom').fill('Karim Lefort');
      await page.getByLabel('Votre adresse électronique').fill('karim@hotoie.test');
      await page.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(TEST_PASSWORD);
      await page.getByLabel('Confirmation du mot de passe').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Inscrire le lieu' }).click();

      // Nothing created yet: the page says where the link went, and that it is needed.
      const panel = page.getByRole('heading', { name: 'Vérifiez votre messagerie' });
      await expect.poll(() => panel.count()).toBe(1);
      expect(await page.getByText('karim@hotoie.test').count()).toBe(1);
      expect(await page.getByText(/seul le lien du dernier courriel fonctionnera/).count()).toBe(1);
      expect(page.url()).toMatch(/\/lieux\/inscription$/);
      await expectAccessible(page, 'registration sent');

      // The link, as the e-mail carries it (written once the answer has gone).
      await expect.poll(() => registrationToken('karim@hotoie.test')).toBeDefined();
      const token = await registrationToken('karim@hotoie.test');
      const link = `${j.baseUrl}/lieux/inscription/confirmer/${token}`;

      // Opened from the mailbox, in another tab: confirming takes a click.
      const mailbox = await j.newPage();
      await mailbox.goto(link);
      await mailbox.getByRole('heading', { level: 1, name: 'Confirmer l’inscription du lieu' }).waitFor();
      await expectAccessible(mailbox, 'registration link');
      await mailbox.getByRole('button', { name: 'Confirmer l’inscription' }).click();
      await mailbox.waitForURL(/\/lieu$/, { timeout: 30_000 });
      await mailbox.getByRole('heading', { level: 1, name: 'Encaisser un pass' }).waitFor();
      await expect.poll(() => mailbox.getByText('Atelier numérique de la Hotoie').count()).toBeGreaterThan(0);

      // The same link again: it has served.
      const again = await j.newPage();
      await again.goto(link);
      await again.getByRole('button', { name: 'Confirmer l’inscription' }).click();
      await expect.poll(() => again.getByText(/a expiré ou a déjà servi/).count()).toBe(1);
      expect(await again.getByRole('link', { name: 'Recommencer l’inscription' }).count()).toBe(1);
      await expectAccessible(again, 'registration link already used');
    },
    JOURNEY_MS * 2,
  );
});
