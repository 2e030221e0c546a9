import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestSmtp, type TestSmtp } from '../src/test/smtp.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

/*
 * Issue 12, point 7: a funder admin invites a colleague. With SMTP configured the page says the
 * invitation went by e-mail and shows no link; without it (messages stay in the outbox) the
 * link is shown, to be handed over.
 */
const open: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const o of open.reverse()) await o.close();
});

async function inviteColleague(j: Journey, email: string): Promise<Page> {
  const page = await j.newPage();
  await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
  await page.waitForURL(/\/financeur$/);
  await page.goto(`${j.baseUrl}/financeur/equipe`);
  await page.getByLabel('Adresse électronique de la personne invitée').fill(email);
  await page.getByText(/^Consulter seulement/).click();
  await page.getByRole('button', { name: 'Créer l’invitation' }).click();
  return page;
}

describe.runIf(hasBrowser)('an invitation, as the inviting funder admin sees it', () => {
  it(
    'says it went by e-mail, without the link, when SMTP is configured',
    async () => {
      const smtp: TestSmtp = await startTestSmtp();
      open.push(smtp);
      const j = await startJourney({
        config: { smtpUrl: smtp.url, mailFrom: 'Pass <ne-pas-repondre@exemple.fr>' },
      });
      open.push(j);
      const page = await inviteColleague(j, 'collegue@hautsdefrance.test');
      await expect
        .poll(() => page.getByText('Invitation envoyée par e-mail à collegue@hautsdefrance.test').count())
        .toBeGreaterThan(0);
      expect(await page.getByTestId('team-invitation-url').count()).toBe(0);
      expect(await page.getByRole('button', { name: /Copier le lien/ }).count()).toBe(0);
      await expectAccessible(page, 'team page, invitation e-mailed');
      // It does go out.
      await expect
        .poll(() => smtp.received.some((m) => m.to.includes('collegue@hautsdefrance.test')), {
          timeout: 20_000,
        })
        .toBe(true);
    },
    JOURNEY_MS,
  );

  it(
    'shows the link to hand over when messages stay in the outbox',
    async () => {
      const j = await startJourney();
      open.push(j);
      // Typed with capitals: the confirmation names the address as recorded, in lower case.
      const page = await inviteColleague(j, 'Collegue@HautsDeFrance.test');
      const link = page.getByTestId('team-invitation-url');
      await expect.poll(() => link.count()).toBe(1);
      expect(
        await page.getByText('Invitation créée pour collegue@hautsdefrance.test', { exact: true }).count(),
      ).toBe(1);
      expect(await page.getByText(/Collegue@HautsDeFrance/).count()).toBe(0);
      expect((await link.textContent())!.trim()).toMatch(/\/invitation\/[A-Za-z0-9_-]{20,}$/);
      expect(await page.getByText(/Invitation envoyée par e-mail/).count()).toBe(0);
      await expectAccessible(page, 'team page, invitation link to hand over');

      // The colleague accepts it; the browser's Back button then shows the invitation spent,
      // not its form ready to be filled again (which answered « déjà acceptée » to someone signed in).
      const colleague = await j.newPage();
      await colleague.goto(`${j.baseUrl}${new URL((await link.textContent())!.trim()).pathname}`);
      await colleague.getByLabel('Prénom et nom').fill('Camille Collègue');
      await colleague.getByLabel('Mot de passe', { exact: true }).fill('cerisier tilleul boussole 45');
      await colleague.getByLabel('Confirmation du mot de passe').fill('cerisier tilleul boussole 45');
      await colleague.getByRole('button', { name: 'Enregistrer' }).click();
      await colleague.waitForURL(/\/financeur$/);
      await colleague.getByRole('heading', { level: 1, name: /^Dispositifs/ }).waitFor();
      await colleague.goBack();
      await expect.poll(() => colleague.getByText('Invitation plus valable').count()).toBe(1);
      expect(await colleague.getByLabel('Prénom et nom').count()).toBe(0);
    },
    JOURNEY_MS,
  );
});
