import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationOutbox } from '../src/db/schema/index.js';
import { afterAnswerFor } from '../src/http/after-answer.js';
import { signIn } from '../src/test/app.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('e-mail: a forgotten password, and the platform admin’s outbox', () => {
  it(
    'asks for a link from the sign-in page, sets a new password with it, and the admin sends a failed message again',
    async () => {
      const page = await j.newPage();
      await page.goto(`${j.baseUrl}/connexion`);
      await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
      await page.waitForURL(/\/mot-de-passe-oublie$/);
      await expectAccessible(page, 'password reset request');
      await page.getByLabel('Adresse électronique').fill('lecteur@hautsdefrance.test');
      await page.getByRole('button', { name: 'Recevoir un lien' }).click();
      await expect.poll(() => page.getByText(/Nous ne pouvons pas vous envoyer de courriel/).count()).toBe(1);
      // This server sends no e-mail: the page says whom to ask, not to watch the spam folder.
      expect(await page.getByText(/Si vous avez un compte, demandez un lien/).count()).toBe(1);
      expect(await page.getByText(/la structure qui vous a accompagné/).count()).toBe(1);
      expect(await page.getByText(/courriers indésirables/).count()).toBe(0);
      // Said as information, not as a success.
      const panel = page.getByRole('heading', { name: 'Aucun courriel ne peut vous être envoyé' });
      expect(await panel.count()).toBe(1);
      expect(await panel.evaluate((h) => h.parentElement!.className)).toContain('fr-alert--info');
      await expectAccessible(page, 'password reset requested');

      // Without SMTP the message waits in the outbox: the test reads its link there, once the
      // server wrote it (after its answer, so that the answer's delay tells nothing).
      await afterAnswerFor(j.t.database.db).settled();
      const [mail] = await j.t.database.db
        .select()
        .from(notificationOutbox)
        .where(
          and(
            eq(notificationOutbox.recipient, 'lecteur@hautsdefrance.test'),
            eq(notificationOutbox.template, 'password_reset'),
          ),
        );
      const token = (mail!.params as { token: string }).token;
      await page.goto(`${j.baseUrl}/mot-de-passe/nouveau/${token}`);
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Azerty123456');
      await page.getByLabel('Confirmation du nouveau mot de passe').fill('Azerty123456');
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await expect
        .poll(() => page.getByText(/Le mot de passe est trop facile à deviner/).count())
        .toBeGreaterThan(0);
      await expectAccessible(page, 'new password refused');
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('girafe horloge nuage 2031');
      await page.getByLabel('Confirmation du nouveau mot de passe').fill('girafe horloge nuage 2031');
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await expect.poll(() => page.getByText('Mot de passe changé').count()).toBe(1);
      // The link opened again, spent: said at once, with no form to fill in for nothing.
      await page.goto(`${j.baseUrl}/mot-de-passe/nouveau/${token}`);
      await page.getByRole('heading', { name: 'Ce lien ne peut plus servir' }).waitFor();
      expect(await page.getByText(/a expiré ou a déjà servi/).count()).toBe(1);
      expect(await page.getByLabel('Nouveau mot de passe', { exact: true }).count()).toBe(0);
      await expectAccessible(page, 'a spent password reset link');
      const again = await j.newPage();
      await logIn(again, j.baseUrl, 'lecteur@hautsdefrance.test', 'girafe horloge nuage 2031');
      await again.waitForURL(/\/financeur$/);

      // An invitation withdrawn before its e-mail left: the e-mail is withdrawn with it.
      const funder = await signIn(j.t.app, 'financeur@hautsdefrance.test');
      const funderId = funder.session.memberships.find((m) => m.role === 'funder_admin')!.funderId;
      const invited = await funder.request('POST', `/api/v1/funders/${funderId}/invitations`, {
        email: 'invitation-retiree@exemple.test',
        role: 'funder_viewer',
      });
      expect(invited.statusCode, invited.body).toBe(201);
      const waiting = (await funder.request('GET', `/api/v1/funders/${funderId}/invitations`)).json() as {
        id: string;
        email: string;
      }[];
      const invitation = waiting.find((i) => i.email === 'invitation-retiree@exemple.test')!;
      const withdrawn = await funder.request(
        'POST',
        `/api/v1/funders/${funderId}/invitations/${invitation.id}/withdraw`,
      );
      expect(withdrawn.statusCode, withdrawn.body).toBe(204);
      // The link, opened anyway (handed over before the withdrawal), says why it no longer works.
      const invitee = await j.newPage();
      await invitee.goto(`${j.baseUrl}/invitation/${invited.json().invitationUrl.split('/invitation/')[1]}`);
      await expect
        .poll(() => invitee.getByRole('heading', { name: 'Invitation plus valable' }).count())
        .toBe(1);
      expect(await invitee.getByText(/a été retirée par l’équipe qui l’avait envoyée/).count()).toBe(1);
      await expectAccessible(invitee, 'a withdrawn invitation’s link');

      // The platform admin's outbox: an invitation failed, sent again. (The demo's invitations
      // were accepted at its set-up: their e-mails are withdrawn, never to leave.)
      const pending = await funder.request('POST', `/api/v1/funders/${funderId}/invitations`, {
        email: 'invitation-en-echec@exemple.test',
        role: 'funder_viewer',
      });
      expect(pending.statusCode, pending.body).toBe(201);
      await j.t.database.db.execute(sql`
        UPDATE notification_outbox SET status = 'failed', attempts = 8, last_error = 'ECONNREFUSED'
         WHERE recipient = 'invitation-en-echec@exemple.test' AND template = 'invitation'`);
      const { rows: withdrawnCount } = await j.t.database.pool.query(
        `SELECT count(*)::int AS n FROM notification_outbox WHERE status = 'withdrawn'`,
      );
      const operator = await j.newPage();
      await logIn(operator, j.baseUrl, 'admin@pass-numerique.test');
      await operator.waitForURL(/\/admin$/);
      await operator.getByRole('link', { name: 'Messages' }).first().click();
      await operator.waitForURL(/\/admin\/messages$/);
      await expect.poll(() => operator.getByRole('heading', { name: 'Messages en échec' }).count()).toBe(1);
      expect(await operator.getByText(/Aucun serveur de messagerie n’est configuré/).count()).toBe(1);
      expect(await operator.getByRole('cell', { name: /Serveur de messagerie injoignable/ }).count()).toBe(1);
      expect(await operator.getByRole('rowheader', { name: 'Relevé disponible' }).count()).toBeGreaterThan(0);
      const withdrawnRow = operator.getByRole('row').filter({ hasText: 'invitation-retiree@exemple.test' });
      expect(await withdrawnRow.getByText('Retiré avant l’envoi').count()).toBe(1);
      // With the reset link used above, whose e-mail never left (this server has no SMTP).
      const resetRow = operator
        .getByRole('row')
        .filter({ hasText: 'lecteur@hautsdefrance.test' })
        .filter({ hasNotText: 'Invitation' });
      expect(await resetRow.getByText('Retiré avant l’envoi').count()).toBe(1);
      // Those two, and the demo's invitations accepted before their e-mails left.
      expect(withdrawnCount[0].n).toBeGreaterThan(2);
      expect(
        await operator.getByText(`${withdrawnCount[0].n} retirés avant l’envoi`, { exact: false }).count(),
      ).toBe(1);
      const acceptedRow = operator.getByRole('row').filter({ hasText: 'financeur@pasdecalais.test' });
      expect(await acceptedRow.first().getByText('Invitation acceptée avant l’envoi').count()).toBe(1);
      await expectAccessible(operator, 'admin messages');
      // Opened, the withdrawn invitation says it never left, and why; its link stays masked.
      await withdrawnRow.getByRole('link').click();
      await expect.poll(() => operator.getByText(/jamais : retiré avant l’envoi/).count()).toBe(1);
      expect(await operator.getByTestId('message-text').textContent()).toContain('[lien personnel : masqué');
      await expectAccessible(operator, 'a withdrawn message');
      await operator.goBack();
      await expect.poll(() => operator.getByRole('heading', { name: 'Messages en échec' }).count()).toBe(1);
      await operator
        .getByRole('button', {
          name: /Renvoyer le message « Invitation » à invitation-en-echec@exemple.test/,
        })
        .click();
      await expect.poll(() => operator.getByText('Aucun message en échec.').count()).toBe(1);
      await expectAccessible(operator, 'admin messages after a resend');
    },
    JOURNEY_MS,
  );
});
