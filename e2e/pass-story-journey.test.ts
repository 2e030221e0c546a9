import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../src/test/app.js';
import { demoCampaign, handedOutBooklets, redeemCodes } from '../src/test/circulation.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/**
 * A place calls the funder: « this pass is refused, already used ». The funder's read-only
 * staff type the code as read out on the phone and see where and when it was used, and its
 * booklet; a mistyped code is said at the field.
 */
describe.runIf(hasBrowser)('a pass looked up by its code', () => {
  it(
    'shows its state, its booklet and the session it paid, at which place',
    async () => {
      const c = await demoCampaign(j.t);
      const { serials, codes } = await handedOutBooklets(j.t, c, 1);
      const code = codes[0]!;
      const place = await signIn(j.t.app, 'lieu@hautsdefrance.test');
      await redeemCodes(
        place,
        c.organisations['Médiathèque Louis Aragon']!,
        [code],
        `au-telephone-${serials[0]}`,
      );

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'lecteur@hautsdefrance.test');
      await page.waitForURL(/\/financeur$/);
      await page.goto(`${j.baseUrl}/financeur/carnets`);
      const field = page.getByRole('textbox', { name: 'Code du pass' });
      const typo = `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`;
      await field.fill(typo);
      await page.getByRole('button', { name: 'Retrouver le pass' }).click();
      await expect
        .poll(() => page.getByText('Ce code est mal saisi : vérifiez chaque caractère.').count())
        .toBe(1);

      await field.fill(code.toLowerCase().replaceAll('-', ' '));
      await page.getByRole('button', { name: 'Retrouver le pass' }).click();
      const story = page.getByTestId('pass-story');
      await story.waitFor();
      expect(await story.getByRole('heading', { name: `Pass ${code}` }).count()).toBe(1);
      const text = await story.textContent();
      expect(text).toContain('État : Utilisé');
      expect(text).toContain(`Carnet ${serials[0]} : Remis à une personne le`);
      const row = story.getByRole('row', { name: /Médiathèque Louis Aragon/ });
      expect(await row.count()).toBe(1);
      expect(await row.textContent()).toContain('30 min, collective');
      await expectAccessible(page, 'a pass found by its code');
    },
    JOURNEY_MS,
  );
});

/**
 * The same call reaches the platform's helpdesk, who cannot know the funder from the code: it
 * types the code as read, and reads whose pass it is, where it was used and what can be done,
 * never who the person is.
 */
describe.runIf(hasBrowser)('a pass looked up by the helpdesk', () => {
  it(
    'names its funder, programme and the session it paid, and nothing of the person',
    async () => {
      const c = await demoCampaign(j.t);
      const { serials, codes } = await handedOutBooklets(j.t, c, 1);
      const code = codes[0]!;
      const place = await signIn(j.t.app, 'lieu@hautsdefrance.test');
      await redeemCodes(
        place,
        c.organisations['Médiathèque Louis Aragon']!,
        [code],
        `assistance-${serials[0]}`,
      );

      const page = await j.newPage();
      await logIn(page, j.baseUrl, 'admin@pass-numerique.test');
      await page.waitForURL(/\/admin/);
      await page.getByRole('link', { name: 'Trouver un pass', exact: true }).click();
      const field = page.getByRole('textbox', { name: 'Code du pass' });
      const typo = `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`;
      await field.fill(typo);
      await page.getByRole('button', { name: 'Chercher le pass' }).click();
      await expect
        .poll(() => page.getByText('Ce code est mal saisi : vérifiez chaque caractère.').count())
        .toBe(1);

      await field.fill(code.toLowerCase().replaceAll('-', ' '));
      await page.getByRole('button', { name: 'Chercher le pass' }).click();
      const found = page.getByTestId('helpdesk-pass');
      await found.waitFor();
      const text = (await found.textContent()) ?? '';
      expect(text).toContain('Financeur : Région Hauts-de-France');
      expect(text).toContain(`Carnet ${serials[0]}`);
      expect(await found.getByRole('row', { name: /Médiathèque Louis Aragon/ }).count()).toBe(1);
      const holder = await j.t.database.pool.query<{ first_name: string; last_name: string }>(
        `SELECT b.first_name, b.last_name FROM beneficiaries b JOIN booklets k ON k.beneficiary_id = b.id
          WHERE k.serial = $1`,
        [serials[0]],
      );
      expect(holder.rows).toHaveLength(1);
      expect(text).not.toContain(holder.rows[0]!.last_name);
      await expectAccessible(page, 'a pass found by the helpdesk');
    },
    JOURNEY_MS,
  );
});
