import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchCommunes } from '../src/core/territory.js';
import { signIn } from '../src/test/app.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';
import { siretFrom } from './steps.js';

/*
 * Lists as a national operator and a Region have them: 80 funders, 300 prescribers. They were
 * single tables with no search, and the form to add one came after them all (29,600 px down).
 */
let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

describe.runIf(hasBrowser)('a long list', () => {
  it(
    'of prescribers or funders is searched by name, place or type, and its form reached from the top',
    async () => {
      const funder = await signIn(j.t.app, 'financeur@hautsdefrance.test');
      const funderId = funder.session.memberships[0]!.funderId!;
      for (let i = 1; i <= 12; i++) {
        const res = await funder.request('POST', `/api/v1/funders/${funderId}/prescribers`, {
          name: `Association numérique n° ${i}`,
          kind: 'association',
          communeCode: i === 7 ? '80001' : '80021',
        });
        expect(res.statusCode, res.body).toBe(201);
      }
      const admin = await signIn(j.t.app, 'admin@pass-numerique.test');
      for (let i = 1; i <= 10; i++) {
        const res = await admin.request('POST', '/api/v1/funders', {
          name: `Communauté de communes d’essai ${i}`,
          kind: 'epci',
          siret: siretFrom(`2000404910${String(i).padStart(3, '0')}`),
          territory: [{ level: 'departement', code: '80' }],
          firstAdminEmail: `dgs${i}@essai.test`,
        });
        expect(res.statusCode, res.body).toBe(201);
      }

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'financeur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/prescripteurs`);
      const search = page.getByRole('searchbox', { name: 'Rechercher un prescripteur' });
      await search.waitFor();
      // Accents and case aside, every word typed: the commune of one of them (Abbeville, 80001).
      await search.fill('association abbeville');
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: /sur/ }).textContent())
        .toMatch(/^1 prescripteur sur \d+$/);
      const rows = page.locator('tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('Association numérique n° 7');
      await search.fill('ASSOCIATION NUMERIQUE');
      await expect.poll(() => rows.count()).toBe(12);
      await search.fill('personne de ce nom');
      await expect
        .poll(() => page.getByText('Aucun prescripteur ne correspond à cette recherche.').count())
        .toBe(1);
      await expectAccessible(page, 'prescribers searched, none found');
      await page.getByRole('link', { name: 'Ajouter un prescripteur' }).click();
      await expect.poll(() => new URL(page.url()).hash).toBe('#nouveau-prescripteur');
      // The table fits a laptop's screen: its last column, the invitations, is not cut off.
      await page.setViewportSize({ width: 1366, height: 768 });
      await search.fill('');
      const invite = page.getByRole('button', { name: /Inviter un agent/ }).first();
      const frame = await page.locator('.fr-table__container').first().boundingBox();
      const box = await invite.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(frame!.x + frame!.width);

      const operator = await j.newPage();
      await logIn(operator, j.baseUrl, 'admin@pass-numerique.test');
      await operator.waitForURL(/\/admin$/);
      const funders = operator.getByRole('searchbox', { name: 'Rechercher un financeur' });
      await funders.fill('essai 1');
      // « essai 1 » and « essai 10 »: every word is found in the row.
      await expect.poll(() => operator.locator('tbody tr').filter({ hasText: 'essai' }).count()).toBe(2);
      await funders.fill('pas-de-calais');
      await expect
        .poll(() => operator.locator('tbody tr').filter({ hasText: 'Pas-de-Calais' }).count())
        .toBeGreaterThan(0);
      await expectAccessible(operator, 'funders searched');
      // Its SIRET as the creation form's hint writes it, in groups of 3, 3, 3 and 5 digits.
      const spaced = siretFrom('2000404910007').replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');
      await funders.fill(spaced);
      await expect
        .poll(() => operator.getByRole('status').filter({ hasText: /sur/ }).textContent())
        .toMatch(/^1 financeur sur \d+$/);
      expect(await operator.locator('tbody tr').first().textContent()).toContain('essai 7');
      await operator.getByRole('link', { name: 'Créer un financeur' }).click();
      await expect.poll(() => new URL(operator.url()).hash).toBe('#nouveau-financeur');
    },
    JOURNEY_MS,
  );
});

describe.runIf(hasBrowser)('a funder’s first admin whose invitation link was lost', () => {
  it(
    'is invited again by the platform admin from the funders’ list, the new link replacing the old',
    async () => {
      const admin = await signIn(j.t.app, 'admin@pass-numerique.test');
      const created = await admin.request('POST', '/api/v1/funders', {
        name: 'Communauté de communes des 7 Vallées',
        kind: 'epci',
        siret: siretFrom('2000404919999'),
        territory: [{ level: 'departement', code: '62' }],
        firstAdminEmail: 'dgs@cc7vallees.test',
      });
      expect(created.statusCode, created.body).toBe(201);
      const lostUrl = new URL(created.json().invitationUrl as string);
      const tokenOf = (url: URL) => url.pathname.split('/').pop()!;
      const invitation = (token: string) =>
        j.t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
      expect((await invitation(tokenOf(lostUrl))).statusCode).toBe(200);

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'admin@pass-numerique.test');
      await page.waitForURL(/\/admin$/);
      await page
        .getByRole('button', { name: 'Équipe et invitations de « Communauté de communes des 7 Vallées »' })
        .click();
      const team = page.getByRole('region', { name: 'Équipe de « Communauté de communes des 7 Vallées »' });
      // Nobody has joined yet: a sentence says so, not a table of headers only.
      await expect.poll(() => team.getByText(/^Personne n’a encore accès à ce financeur/).count()).toBe(1);
      expect(
        await team
          .getByRole('table')
          .filter({ hasText: /a accès/ })
          .count(),
      ).toBe(0);
      // Its first admin has not joined: the invitation still waits.
      await expect
        .poll(() => team.getByRole('row').filter({ hasText: 'dgs@cc7vallees.test' }).count())
        .toBe(1);
      await team.getByLabel('Adresse électronique de la personne invitée').fill('dgs@cc7vallees.test');
      await team.getByText(/^Administrer/).click();
      await team.getByRole('button', { name: 'Créer l’invitation' }).click();
      const link = team.getByTestId('team-invitation-url');
      await expect.poll(() => link.count()).toBe(1);
      const newUrl = new URL((await link.getAttribute('href'))!);
      expect(tokenOf(newUrl)).not.toBe(tokenOf(lostUrl));
      expect((await invitation(tokenOf(lostUrl))).statusCode).toBe(410);
      expect((await invitation(tokenOf(newUrl))).json()).toMatchObject({
        email: 'dgs@cc7vallees.test',
        role: 'funder_admin',
      });
      await expectAccessible(page, 'a funder’s team seen by the platform admin');
      await team
        .getByRole('button', { name: 'Fermer l’équipe de « Communauté de communes des 7 Vallées »' })
        .click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toContain('Équipe et invitations');
    },
    JOURNEY_MS,
  );
});

describe.runIf(hasBrowser)('a long name', () => {
  it(
    'wraps in the funders’ list and is cut short in the header, every button on a laptop’s screen',
    async () => {
      // 137 characters: the list's names did not wrap, its buttons went out of sight with their
      // rows' names; a display name of 120 pushed « Se déconnecter » out of the window.
      const longName =
        'Communauté d’agglomération du Pays de l’Or et des Étangs de la Petite Camargue, syndicat mixte à vocation multiple pour le numérique';
      const admin = await signIn(j.t.app, 'admin@pass-numerique.test');
      const created = await admin.request('POST', '/api/v1/funders', {
        name: longName,
        kind: 'epci',
        siret: siretFrom('2000404918888'),
        territory: [{ level: 'departement', code: '80' }],
        firstAdminEmail: 'dgs@paysdelor.test',
      });
      expect(created.statusCode, created.body).toBe(201);
      const displayName = `Marie-Christine ${'de la Tour '.repeat(9)}d’Auvergne`.slice(0, 120);
      const token = new URL(created.json().invitationUrl as string).pathname.split('/').pop()!;
      const accepted = await j.t.app.inject({
        method: 'POST',
        url: `/api/v1/invitations/${token}/accept`,
        payload: { displayName, password: 'mot de passe très sûr' },
      });
      expect(accepted.statusCode, accepted.body).toBe(200);

      const page = await j.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await logIn(page, j.baseUrl, 'admin@pass-numerique.test');
      await page.waitForURL(/\/admin$/);
      const team = page.getByRole('button', { name: `Équipe et invitations de « ${longName} »` });
      await team.waitFor();
      const row = page.getByRole('row').filter({ has: team });
      const name = await row.getByRole('rowheader').boundingBox();
      const button = await team.boundingBox();
      expect(button!.x + button!.width).toBeLessThanOrEqual(1280);
      expect(name!.width).toBeLessThan(640);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

      const member = await j.newPage();
      await member.setViewportSize({ width: 1280, height: 800 });
      await logIn(member, j.baseUrl, 'dgs@paysdelor.test', 'mot de passe très sûr');
      await member.waitForURL(/\/financeur$/);
      const logout = member.getByRole('button', { name: 'Se déconnecter' });
      const box = await logout.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
      expect(await member.getByRole('link', { name: /^Marie-Christine de la Tour/ }).textContent()).toMatch(
        /…$/,
      );
    },
    JOURNEY_MS,
  );
});

describe.runIf(hasBrowser)('a funder of 200 communes', () => {
  it(
    'has a compact row in the funders’ list, its name and buttons in sight, its territories a click away',
    async () => {
      // A « syndicat mixte » of 200 communes: each was listed in its cell, the row 7,640 px
      // tall, its name and buttons centred thousands of pixels below the top of the row.
      const communes = searchCommunes('80', 200);
      expect(communes).toHaveLength(200);
      const name = 'Syndicat mixte du numérique de la Somme';
      const admin = await signIn(j.t.app, 'admin@pass-numerique.test');
      const created = await admin.request('POST', '/api/v1/funders', {
        name,
        kind: 'syndicat_mixte',
        siret: siretFrom('2000404917777'),
        territory: communes.map((c) => ({ level: 'commune', code: c.code })),
        firstAdminEmail: 'dgs@numerique-somme.test',
      });
      expect(created.statusCode, created.body).toBe(201);

      const page = await j.newPage();
      await page.setViewportSize({ width: 1024, height: 768 });
      await logIn(page, j.baseUrl, 'admin@pass-numerique.test');
      await page.waitForURL(/\/admin$/);
      const identity = page.getByRole('button', { name: `Identité de « ${name} »` });
      await identity.waitFor();
      const row = page.getByRole('row').filter({ has: identity });
      await row.scrollIntoViewIfNeeded();
      const rowBox = (await row.boundingBox())!;
      expect(rowBox.height).toBeLessThanOrEqual(200);
      // The name and the buttons at the top of the row, not lost in its middle.
      for (const part of [row.getByRole('rowheader'), identity]) {
        const box = (await part.boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(rowBox.y);
        expect(box.y + box.height).toBeLessThanOrEqual(rowBox.y + rowBox.height);
      }
      await row.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/fix-e-funders-1024.png' });
      await page.setViewportSize({ width: 360, height: 740 });
      await row.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/fix-e-funders-360.png' });
      await page.setViewportSize({ width: 1024, height: 768 });
      // A few territories, then how many more, the whole list opened from the keyboard.
      const cell = row.getByRole('cell').filter({ hasText: 'et 198 autres' });
      expect(await cell.count()).toBe(1);
      await cell.getByText('et 198 autres').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => cell.getByRole('listitem').filter({ visible: true }).count()).toBe(200);
      // Ordinary funders' rows: their two buttons side by side, not stacked.
      const other = page
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'Région Hauts-de-France', exact: true }) });
      const team = (await other.getByRole('button', { name: /^Équipe et invitations/ }).boundingBox())!;
      const fix = (await other.getByRole('button', { name: /^Identité de/ }).boundingBox())!;
      expect(Math.abs(team.y - fix.y)).toBeLessThan(4);
      await expectAccessible(page, 'a funder of 200 communes in the list');
      await page.setViewportSize({ width: 360, height: 740 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    },
    JOURNEY_MS,
  );
});
