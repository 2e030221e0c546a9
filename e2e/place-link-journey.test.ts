import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../src/modules/notifications/templates/index.js';
import { signIn } from '../src/test/app.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

/*
 * A coordinator serving two places followed « Consulter vos relevés » from the e-mail about the
 * Centre social's statement while the Médiathèque was chosen in their browser, and read the
 * Médiathèque's statements. The link now names the place, and the console switches to it; a
 * person who is not of that place is told so, and shown none of another place's pages.
 */
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/** The link of the latest « relevé disponible » e-mail to the Centre social, as it is sent. */
async function centreSocialStatementLink() {
  const { rows } = await j.t.database.pool.query(
    `SELECT params FROM notification_outbox
      WHERE template = 'statement_ready' AND recipient = 'mediateur@hautsdefrance.test'
        AND params->>'placeName' = 'Centre social Arras Ouest'
      ORDER BY created_at DESC LIMIT 1`,
  );
  expect(rows).toHaveLength(1);
  const { text } = render('statement_ready', rows[0].params, { publicUrl: j.baseUrl });
  const link = /^https?:\/\/\S+\/lieu\/releves\S*$/m.exec(text)?.[0];
  expect(link).toMatch(/\?lieu=/);
  return { link: link!, number: rows[0].params.statementNumber as string };
}

describe.runIf(hasBrowser)('a link from an e-mail about one place', () => {
  it(
    'opens that place’s statements for a person of two places, whichever was chosen',
    async () => {
      const { link, number } = await centreSocialStatementLink();
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'mediateur@hautsdefrance.test');
      await page.waitForURL(/\/lieu$/);
      const place = page.getByLabel('Vous encaissez pour le lieu');
      await expect.poll(() => place.inputValue()).not.toBe('');
      await place.selectOption({ label: 'Médiathèque Louis Aragon' });
      if (await page.getByRole('button', { name: 'Changer' }).isEnabled())
        await page.getByRole('button', { name: 'Changer' }).click();
      const lead = (name: string) => page.locator('main p', { hasText: new RegExp(`^${name}$`) });
      await expect.poll(() => lead('Médiathèque Louis Aragon').count()).toBe(1);

      await page.goto(link);
      // The console switched, and the address no longer names a place (a reload keeps the choice).
      await page.waitForURL(/\/lieu\/releves$/);
      await expect.poll(() => lead('Centre social Arras Ouest').count()).toBe(1);
      const listed = page.getByRole('table', { name: 'Relevés du lieu' });
      await expect.poll(() => listed.textContent()).toContain(number);
      expect(await lead('Médiathèque Louis Aragon').count()).toBe(0);
      const chosen = page.locator('select[name="agit-pour"]');
      expect(await chosen.locator('option:checked').textContent()).toBe('Centre social Arras Ouest');
    },
    JOURNEY_MS,
  );

  it(
    'says so, and shows no other place’s pages, to a person who is not of that place',
    async () => {
      const { link, number } = await centreSocialStatementLink();
      const page = await j.newPage();
      // Signed out: the sign-in keeps the link, and then says where it led.
      await page.goto(link);
      await page.waitForURL(/\/connexion/);
      await page.getByLabel('Adresse électronique').fill('lieu@hautsdefrance.test');
      await page.getByLabel('Mot de passe').fill('demo-pass-numerique');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      const refusal = page.getByRole('heading', {
        name: 'Ce lien concerne un lieu dont vous n’êtes pas membre',
      });
      await expect.poll(() => refusal.count()).toBe(1);
      expect(await page.getByRole('table', { name: 'Relevés du lieu' }).count()).toBe(0);
      expect((await page.locator('main').textContent()) ?? '').not.toContain(number);
      await expectAccessible(page, 'link to a place the person is not of');
      // Their own place is one click away, named.
      await page.getByRole('link', { name: 'Aller aux pages de Médiathèque Louis Aragon' }).click();
      await page.waitForURL(/\/lieu\/releves$/);
      await expect.poll(() => page.getByRole('heading', { name: 'Relevés', level: 1 }).count()).toBe(1);
    },
    JOURNEY_MS,
  );

  it(
    'chooses the place a person just joined, and says so',
    async () => {
      // The Centre social's admin invites the Médiathèque's volunteer, who has an account.
      const admin = await signIn(j.t.app, 'mediateur@hautsdefrance.test', undefined, '10.41.0.1');
      const { rows } = await j.t.database.pool.query(
        `SELECT id FROM organisations WHERE name = 'Centre social Arras Ouest'`,
      );
      const centreSocial = rows[0].id as string;
      const inv = await admin.request('POST', `/api/v1/places/${centreSocial}/invitations`, {
        email: 'benevole@hautsdefrance.test',
        role: 'place_agent',
      });
      expect(inv.statusCode, inv.body).toBe(201);
      const token = inv.json().invitationUrl.split('/invitation/')[1];
      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'benevole@hautsdefrance.test');
      await page.waitForURL(/\/lieu$/);
      const lead = (name: string) => page.locator('main p', { hasText: new RegExp(`^${name}$`) });
      await expect.poll(() => lead('Médiathèque Louis Aragon').count()).toBe(1);
      await page.goto(`${j.baseUrl}/invitation/${token}`);
      await page.getByRole('button', { name: 'Accepter l’invitation' }).click();
      await page.waitForURL(/\/lieu$/);
      await expect.poll(() => lead('Centre social Arras Ouest').count()).toBe(1);
      await expect
        .poll(() =>
          page
            .getByText('Vous avez rejoint Centre social Arras Ouest en tant qu’agent de lieu de médiation.')
            .count(),
        )
        .toBe(1);
      await expectAccessible(page, 'desk of the place just joined');
    },
    JOURNEY_MS,
  );
});
