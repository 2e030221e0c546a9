import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/**
 * Without SMTP_URL, messages stay in the outbox, « readable by the platform admin » (issue 12,
 * point 7): the list showed what waited and for whom, but not one message could be opened. A
 * message now opens as its recipient reads it; its one-time link stays masked.
 */
describe.runIf(hasBrowser)('the outbox, read by the platform admin', () => {
  it(
    'opens an invitation from the list and shows its subject and text, its link masked',
    async () => {
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'admin@pass-numerique.test');
      await page.waitForURL(/\/admin$/);
      await page.goto(`${j.baseUrl}/admin/messages`);
      const open = page.getByRole('link', {
        name: 'Invitation à financeur@hautsdefrance.test : lire le message',
      });
      await open.first().click();
      await page.waitForURL(/\/admin\/messages\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Invitation');
      const text = page.getByTestId('message-text');
      await expect.poll(() => text.textContent()).toContain('Accepter l’invitation :');
      expect(await text.textContent()).toContain(
        '[lien personnel : masqué ici, envoyé seulement au destinataire]',
      );
      expect(await page.content()).not.toContain('/invitation/');
      expect(await page.getByRole('heading', { level: 2 }).textContent()).toContain(
        'Objet : Invitation à rejoindre l’équipe',
      );
      await expectAccessible(page, 'one message of the outbox');
      await page.getByRole('link', { name: 'Tous les messages' }).click();
      await page.waitForURL(/\/admin\/messages$/);

      // A helpdesk looks for one person's messages by a part of the address, in any case.
      await page.getByRole('textbox', { name: 'Adresse du destinataire' }).fill('LIEU@hautsdefrance');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      const table = page.getByRole('table', {
        name: 'Messages récents à une adresse contenant « LIEU@hautsdefrance » (les 200 derniers)',
      });
      await table.waitFor();
      const recipients = await table.locator('tbody td:nth-child(2)').allTextContents();
      expect(recipients.length).toBeGreaterThan(0);
      expect(new Set(recipients)).toEqual(new Set(['lieu@hautsdefrance.test']));
      await expect
        .poll(() =>
          page
            .getByRole('status')
            .filter({ hasText: /contenant/ })
            .count(),
        )
        .toBe(1);
      await expectAccessible(page, 'the outbox searched by address');
    },
    JOURNEY_MS,
  );
});
