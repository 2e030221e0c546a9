import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, hasBrowser, JOURNEY_MS, type Journey, logIn, startJourney } from './browser.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/**
 * A person calls the Région: her booklet is lost. A helpdesk tester found no way for the
 * funder to block it in the web app (only the prescriber's desk could): the funder's admin now
 * blocks it from the person's record, choosing it there, after a confirmation.
 */
describe.runIf(hasBrowser)('a lost booklet blocked by the funder', () => {
  it(
    'is chosen on the person’s record, blocked after a confirmation, its passes left cancelled',
    async () => {
      const admin = await j.newPage();
      await logIn(admin, j.baseUrl, 'financeur@hautsdefrance.test');
      await admin.waitForURL(/\/financeur$/);
      await admin.goto(`${j.baseUrl}/financeur/beneficiaires`);
      const field = admin.getByRole('textbox', { name: 'Nom, prénom ou numéro de carnet' });
      await field.fill('jeannine dupont');
      await admin.getByRole('button', { name: 'Rechercher' }).click();
      await admin.getByRole('link', { name: 'Dupont Jeannine' }).click();
      await admin.waitForURL(/\/financeur\/beneficiaires\/[0-9a-f-]{36}$/);

      const section = admin.getByRole('region', { name: 'Bloquer un carnet perdu ou volé' });
      await expect.poll(() => section.count()).toBe(1);
      const booklet = section.getByRole('group', { name: 'Carnet perdu ou volé' }).getByRole('radio');
      expect(await booklet.count()).toBeGreaterThan(0);
      const serial = /^([A-Z0-9]{3,6}-\d{7}-\d)/.exec(
        (await booklet.first().locator('xpath=..').textContent()) ?? '',
      )?.[1];
      expect(serial).toBeTruthy();
      const { rows: before } = await j.t.database.pool.query(
        `SELECT count(*) FILTER (WHERE p.status = 'active')::int AS active FROM passes p JOIN booklets b ON b.id = p.booklet_id WHERE b.serial = $1`,
        [serial],
      );
      expect(before[0].active).toBeGreaterThan(0);

      // Sent without a reason: said at the field, nothing blocked.
      await booklet.first().check({ force: true });
      await section.getByRole('button', { name: 'Bloquer le carnet' }).click();
      await expect
        .poll(() => section.locator('.fr-error-text').allTextContents())
        .toContainEqual('Indiquez si le carnet a été perdu ou volé.');

      await section.getByRole('radio', { name: 'Perdu' }).check({ force: true });
      await section.getByRole('button', { name: 'Bloquer le carnet' }).click();
      await expect.poll(() => section.getByText(`Bloquer pour de bon le carnet ${serial} ?`).count()).toBe(1);
      await expectAccessible(admin, 'the block confirmation on a person’s page');
      await section.getByRole('button', { name: 'Oui, bloquer le carnet' }).click();

      await expect
        .poll(() => section.getByRole('heading', { name: `Carnet ${serial} bloqué` }).count())
        .toBe(1);
      expect(await section.textContent()).toMatch(/pass non utilisés? (est|sont) annulés?/);
      const table = admin.getByRole('table', { name: /carnets? remis/ });
      await expect
        .poll(() => table.getByRole('row', { name: new RegExp(serial!) }).textContent())
        .toMatch(/Bloqué le .+ \(perdu\)/);
      const { rows: after } = await j.t.database.pool.query(
        `SELECT count(*) FILTER (WHERE p.status = 'active')::int AS active, b.status FROM passes p JOIN booklets b ON b.id = p.booklet_id WHERE b.serial = $1 GROUP BY b.status`,
        [serial],
      );
      expect(after[0]).toEqual({ active: 0, status: 'blocked' });
      const { rows: journal } = await j.t.database.pool.query(
        `SELECT actor_label, summary->>'reason' AS reason FROM audit_entries WHERE action = 'booklet.block' AND object_id = $1`,
        [serial],
      );
      expect(journal).toHaveLength(1);
      expect(journal[0].reason).toBe('lost');
      await expectAccessible(admin, 'a person’s page after a block');

      // The booklet's history tells its whole way: allocated, handed out, blocked, and by whom.
      await admin.goto(`${j.baseUrl}/financeur/carnets`);
      await admin.getByRole('textbox', { name: 'Numéro du carnet' }).fill(serial!);
      await admin.getByRole('button', { name: 'Afficher l’historique' }).click();
      const history = admin.getByRole('table', { name: `Mouvements du carnet ${serial}` });
      await expect.poll(() => history.getByRole('row').count()).toBeGreaterThan(2);
      const last = history.getByRole('row').last();
      expect(await last.textContent()).toContain('Blocage (perdu)');
      expect(await last.textContent()).toContain('financeur@hautsdefrance.test');
      expect(await history.textContent()).toContain('Remise à une personne');
    },
    JOURNEY_MS,
  );
});
