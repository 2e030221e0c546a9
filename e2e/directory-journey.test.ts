import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSymbol } from '../src/core/pass-code.js';
import {
  chooseSuggestion,
  expectAccessible,
  hasBrowser,
  JOURNEY_MS,
  type Journey,
  logIn,
  startJourney,
} from './browser.js';

/** Issue 11, point 5: an anonymous visitor finds where to use a pass, from the pass's QR code. */

// A 1×1 transparent PNG: the map's tiles never leave the machine in tests.
const EMPTY_TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/** On screen for a sighted person: a screen-reader-only text is a 1 px box. */
const inSight = async (text: Locator) =>
  (await text.count()) === 1 &&
  text.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1;
  });

/** A pass of a programme that takes redemptions today, and that programme. */
async function aPassInUse(): Promise<{ code: string; programId: string }> {
  const { rows } = await j.t.database.pool.query(
    `SELECT p.code, p.program_id AS "programId" FROM passes p JOIN programs g ON g.id = p.program_id
      WHERE program_allows(g.id, current_date, 'redeem') LIMIT 1`,
  );
  return rows[0];
}

describe.runIf(hasBrowser)('the public directory', () => {
  it(
    'leads from the QR landing page to the places of the pass, filtered, on a list and a map, to a place page',
    async () => {
      const { code, programId } = await aPassInUse();
      const page = await j.newPage();
      let tiles = 0;
      await page.route('https://tile.openstreetmap.org/**', (route) => {
        tiles++;
        return route.fulfill({ contentType: 'image/png', body: EMPTY_TILE });
      });

      // The QR code's page, no sign-in: « Où utiliser mon pass ? » opens its programme's directory.
      await page.goto(`${j.baseUrl}/p/${code}`);
      const where = page.getByRole('link', { name: 'Où utiliser mon pass ?' });
      await expect.poll(() => where.getAttribute('href')).toBe(`/annuaire/${programId}`);
      // The programme, who pays for it, and its last day (the programme's, not a promise about
      // this pass): the questions a beneficiary asks first.
      expect(await page.getByTestId('pass-link-programme').textContent()).toMatch(
        /^« Pass numériques Hauts-de-France[^»]*», financé par : Région Hauts-de-France\. Dernier jour d’utilisation des pass de ce dispositif : le \d{1,2}(er)? \p{L}+ \d{4}\. D’ici là, chaque pass sert une seule fois, et seulement si son carnet n’a pas été bloqué\.$/u,
      );
      // Nothing of the pass itself, and the page says so: no promise that a used pass works.
      expect(await page.getByText(/Cette page ne dit pas si ce pass a déjà servi/).count()).toBe(1);
      // What to do with a lost booklet, said here too: no account is needed to read it.
      expect(await page.getByRole('heading', { name: 'Vous avez perdu votre carnet ?' }).count()).toBe(1);
      await expectAccessible(page, 'QR landing page');
      await where.click();
      await page.waitForURL(new RegExp(`/annuaire/${programId}$`));
      await expect.poll(() => page.getByText('Médiathèque Louis Aragon').count()).toBeGreaterThan(0);

      const count = page.getByTestId('nombre-lieux');
      await expect.poll(() => count.textContent(), { timeout: 20_000 }).toMatch(/^\d+ lieux trouvés$/);
      const listed = Number((await count.textContent())!.match(/\d+/)![0]);
      expect(listed).toBeGreaterThan(3);
      // The map shows the same places as markers (every demo place has coordinates).
      const markers = page.locator('[data-testid="carte-annuaire"] .pn-map-place');
      await expect.poll(() => markers.count(), { timeout: 20_000 }).toBe(listed);
      // Open or not is told by the shape as well as the colour, the legend says which, and each
      // marker says it in words to a screen reader.
      const legend = page.getByRole('list', { name: 'Légende de la carte' });
      expect((await legend.getByRole('listitem').allTextContents()).map((t) => t.trim())).toEqual([
        'Disque vert : ouvert maintenant',
        'Carré violet : fermé maintenant, ou horaires non renseignés',
      ]);
      const shapes = await markers.evaluateAll((all) =>
        all.map((m) => ({
          open: m.classList.contains('pn-map-place--open'),
          round: getComputedStyle(m.querySelector('.pn-map-place__shape')!).borderRadius === '50%',
          name: m.getAttribute('aria-label') ?? '',
        })),
      );
      for (const m of shapes) {
        expect(m.round, m.name).toBe(m.open);
        expect(m.name).toMatch(
          m.open ? /: ouvert maintenant$/ : /: fermé maintenant, ou horaires non renseignés$/,
        );
      }
      // Leaflet asks for its tiles once the map is laid out, which may come after the markers.
      await expect.poll(() => tiles).toBeGreaterThan(0);
      await expectAccessible(page, 'directory');

      // A commune typed by name, then a service: the count is announced, the list and map follow.
      await chooseSuggestion(page, 'Commune', 'Arras', /^Arras \(62000\) — commune$/);
      await expect.poll(() => count.textContent()).toBe('1 lieu trouvé');
      const list = page.getByTestId('liste-lieux');
      await expect
        .poll(() => list.getByRole('link').allTextContents())
        .toEqual(['Centre social Arras Ouest']);
      await expect.poll(() => markers.count()).toBe(1);
      await page.getByRole('combobox', { name: 'Service' }).selectOption('Loisirs et créations numériques');
      await expect.poll(() => count.textContent()).toBe('Aucun lieu ne correspond à ces filtres.');
      await page
        .getByRole('combobox', { name: 'Service' })
        .selectOption('Aide aux démarches administratives');
      await expect.poll(() => count.textContent()).toBe('1 lieu trouvé');
      expect(await count.getAttribute('aria-live')).toBe('polite');

      // Around me, with the keyboard: the focus goes to the distance that replaces the button,
      // then back to the button when the position is no longer used; never to the top of the page.
      await page.context().grantPermissions(['geolocation']);
      await page.context().setGeolocation({ latitude: 50.2897, longitude: 2.7658 });
      const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
      await page.getByRole('button', { name: 'Lieux autour de moi' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(focused).toBe('champ-radiusKm');
      await page.getByRole('button', { name: 'Ne plus utiliser ma position' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(focused).toBe('lieux-autour-de-moi');
      await expect.poll(() => count.textContent()).toBe('1 lieu trouvé');

      // A village without a place: its intercommunality's are offered, in the list and on the map.
      // « Effacer les filtres » empties the commune's box too, which then finds another commune.
      await page.getByRole('button', { name: 'Effacer les filtres' }).click();
      expect(await page.getByRole('combobox', { name: 'Commune', exact: true }).inputValue()).toBe('');
      await chooseSuggestion(page, 'Commune', 'Longueau', /^Longueau \(80330\) — commune$/);
      await expect
        .poll(() => count.textContent())
        .toMatch(/^Aucun lieu dans cette commune\. 1 lieu dans l’intercommunalité : CA Amiens Métropole\.$/);
      await expect.poll(() => list.getByRole('link').allTextContents()).toEqual(['Médiathèque Louis Aragon']);
      await expect.poll(() => markers.count()).toBe(1);
      await expectAccessible(page, 'directory, places of the intercommunality');
      await chooseSuggestion(page, 'Commune', 'Arras', /^Arras \(62000\) — commune$/);
      await page
        .getByRole('combobox', { name: 'Service' })
        .selectOption('Aide aux démarches administratives');
      await expect.poll(() => count.textContent()).toBe('1 lieu trouvé');
      await expectAccessible(page, 'directory filtered');
      await page.setViewportSize({ width: 360, height: 780 });
      await expectAccessible(page, 'directory filtered at 360 px');
      await page.setViewportSize({ width: 1280, height: 900 });

      // The marker's popup links to the place's page.
      await markers.first().click();
      const popupLink = page
        .locator('.leaflet-popup')
        .getByRole('link', { name: 'Centre social Arras Ouest' });
      await popupLink.click();
      await page.waitForURL(/\/annuaire\/lieu\/[0-9a-f-]{36}$/);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Centre social Arras Ouest');
      await expect
        .poll(() => page.getByRole('link', { name: /^Y aller/ }).getAttribute('href'))
        .toMatch(/^https:\/\/www\.openstreetmap\.org\/directions\?to=50\.29/);
      await expect
        .poll(() => page.getByRole('row', { name: /Lundi/ }).textContent())
        .toMatch(/9\u00a0h\u00a000\u00a0– 12\u00a0h\u00a000/);
      expect(await page.getByText('Aide aux démarches administratives').count()).toBe(1);
      await expectAccessible(page, 'place page');
      await page.setViewportSize({ width: 360, height: 780 });
      await expectAccessible(page, 'place page at 360 px');
      // Text at twice its size (a phone's setting): each day a card, its hours below it, every
      // closing time in sight (they scrolled sideways, « 9 h 00 – 1… » cut at the edge, and a
      // 70-year-old did not find the rest).
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '200%';
      });
      const hours = page.getByRole('table', { name: 'Horaires de la semaine' });
      await expect
        .poll(() => hours.getByRole('row', { name: /Lundi/ }).textContent())
        .toMatch(/12\u00a0h\u00a000/);
      const frame = hours.locator('xpath=ancestor::div[contains(@class,"fr-table__container")]');
      expect(await frame.evaluate((f) => f.scrollWidth <= f.clientWidth + 1)).toBe(true);
      for (const cell of await hours.getByRole('cell').all())
        expect(
          await cell.evaluate((c) => {
            const box = c.getBoundingClientRect();
            return (
              box.right <= document.documentElement.clientWidth + 1 && c.scrollWidth <= c.clientWidth + 1
            );
          }),
          `hours « ${await cell.textContent()} » in sight`,
        ).toBe(true);
      expect(await page.getByRole('region', { name: /Horaires de la semaine/ }).count()).toBe(0);
      await expectAccessible(page, 'place page at 360 px, text at 200 %');
      await page.evaluate(() => {
        document.documentElement.style.fontSize = '';
      });

      // Back from the place's page: the same search, its commune in the box (the box came back
      // empty and the count was every commune's, as if the search had changed).
      await page.goBack();
      await page.waitForURL(new RegExp(`/annuaire/${programId}\\?`));
      await expect.poll(() => count.textContent()).toBe('1 lieu trouvé');
      expect(await page.getByRole('combobox', { name: 'Commune', exact: true }).inputValue()).toMatch(
        /^Arras \(62000\)/,
      );
      expect(await page.getByRole('combobox', { name: 'Service' }).inputValue()).toBe(
        'Aide aux démarches administratives',
      );
      await expect
        .poll(() => list.getByRole('link').allTextContents())
        .toEqual(['Centre social Arras Ouest']);

      // The directory's front page: the programmes by name.
      await page.goto(`${j.baseUrl}/annuaire`);
      const programLink = page.locator(`a[href="/annuaire/${programId}"]`);
      await expect.poll(() => programLink.count()).toBe(1);
      await expectAccessible(page, 'directory home at 360 px');
      await page.setViewportSize({ width: 1280, height: 900 });
      await expectAccessible(page, 'directory home');
    },
    JOURNEY_MS,
  );

  it(
    'gives someone holding a pass, not signed in, a way from the front page to the places',
    async () => {
      const page = await j.newPage();
      await page.setViewportSize({ width: 360, height: 780 });
      await page.goto(`${j.baseUrl}/`);
      await page.waitForURL(/\/connexion$/);
      // A beneficiary has no account to sign in with: the front page said only « Connexion ».
      await page.getByRole('link', { name: 'Trouver un lieu qui accepte le pass' }).click();
      await page.waitForURL(/\/annuaire$/);
      await expectAccessible(page, 'directory reached from the front page at 360 px');
      // And from the header, on every page of a visitor (a laptop: on a phone it is in the menu).
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${j.baseUrl}/connexion`);
      await page.getByRole('link', { name: 'Trouver un lieu', exact: true }).click();
      await page.waitForURL(/\/annuaire$/);
    },
    JOURNEY_MS,
  );

  it(
    'gives a beneficiary signed in on a phone a way to the places that take the pass, from its code',
    async () => {
      const { code, programId } = await aPassInUse();
      const page = await j.newPage();
      await page.setViewportSize({ width: 360, height: 780 });
      await logIn(page, j.baseUrl, 'beneficiaire@hautsdefrance.test');
      await page.getByRole('heading', { name: 'Où utiliser mon pass ?' }).waitFor();
      // Not the dead end of an account without a console.
      expect(await page.getByText('Aucun espace disponible').count()).toBe(0);
      await expectAccessible(page, 'beneficiary home at 360 px');

      // A misread character: told at the field, in words, before any request.
      const field = page.getByLabel('Code du pass');
      const typo = `${code.slice(0, 13)}${code[13] === '2' ? '3' : '2'}`;
      await field.fill(typo);
      await page.getByRole('button', { name: 'Voir les lieux' }).click();
      await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('.fr-error-text').count()).toBe(1);
      expect(new URL(page.url()).pathname).toBe('/');
      // The same typo in a link: the page says the code is wrong, not that it is cut short.
      await page.goto(`${j.baseUrl}/p/${typo}`);
      await expect.poll(() => page.getByText(/Le code de ce lien comporte une erreur/).count()).toBe(1);
      expect(await page.getByText(/incomplet/).count()).toBe(0);
      // Nothing said of « ce pass » after a code that is none.
      expect(await page.getByText(/Cette page ne dit pas si ce pass/).count()).toBe(0);
      await page.goto(`${j.baseUrl}/p/${code.slice(0, 9)}`);
      await expect.poll(() => page.getByText(/Le code de ce lien est incomplet/).count()).toBe(1);
      await page.goto(`${j.baseUrl}/`);
      await page.getByRole('heading', { name: 'Où utiliser mon pass ?' }).waitFor();

      // Typed as it is printed, in small letters with dashes: straight to the places that take
      // it (« Voir les lieux » led to the pass's page, where she had to ask again).
      await field.fill(code.toLowerCase().replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3-'));
      await page.getByRole('button', { name: 'Voir les lieux' }).click();
      await page.waitForURL(new RegExp(`/annuaire/${programId}$`));
      await expect.poll(() => page.getByText('Médiathèque Louis Aragon').count()).toBeGreaterThan(0);
      expect(await page.getByText('Vous travaillez dans un lieu').count()).toBe(0);
      await expectAccessible(page, 'places of a signed-in beneficiary’s pass at 360 px');
    },
    JOURNEY_MS,
  );
  it(
    'tells a visitor on a phone, in sight, when the commune typed is not understood or the address is wrong',
    async () => {
      const { programId } = await aPassInUse();
      const page = await j.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${j.baseUrl}/annuaire/${programId}`);
      const count = page.getByTestId('nombre-lieux');
      await expect.poll(() => count.textContent(), { timeout: 20_000 }).toMatch(/^\d+ lieux trouvés$/);
      const all = await count.textContent();
      const box = page.getByRole('combobox', { name: 'Commune', exact: true });

      // A misspelt commune: said under the box, in sight, and once to a screen reader.
      const noMatch = 'Aucune commune ne correspond : vérifiez l’orthographe ou essayez le code postal.';
      await box.fill('abbevile');
      await expect.poll(() => page.getByText(noMatch).count(), { timeout: 20_000 }).toBe(1);
      expect.soft(await inSight(page.getByText(noMatch))).toBe(true);
      // The places listed are not that commune's: the count says the commune is still to choose.
      expect(await count.textContent()).toBe(
        `Commune pas encore choisie dans la liste : ${all?.replace(' trouvés', '')}, toutes communes confondues.`,
      );
      await expectAccessible(page, 'directory, a commune misspelt, at 390 px');

      // A commune typed in full, then Entrée without choosing: the one of that name is chosen.
      await box.fill('AMIENS');
      await box.press('Enter');
      await expect.poll(() => box.inputValue()).toMatch(/^Amiens \(80\d{3}\) — commune$/);
      await expect.poll(() => count.textContent()).not.toBe(all);
      // Two communes of that very name: Entrée says to choose, in sight.
      await box.fill('peronne');
      await expect.poll(() => page.getByRole('option', { name: /^Péronne \(/ }).count()).toBe(2);
      await box.press('Enter');
      expect.soft(await inSight(page.getByText('Choisissez une commune dans la liste.'))).toBe(true);
      expect(await box.inputValue()).toBe('peronne');

      // Far too long: the box keeps what the search takes, never a technical message.
      await box.fill('a'.repeat(150));
      expect.soft((await box.inputValue()).length).toBeLessThanOrEqual(100);
      await page.waitForLoadState('networkidle');
      expect.soft(await page.getByText(/Données invalides/).count()).toBe(0);
      await expect.poll(() => inSight(page.getByText(noMatch)), { timeout: 20_000 }).toBe(true);

      // An address cut or mangled: a plain page that says the link is broken, not the
      // identifier's format, nor that the passes cannot be used (what a programme no more says).
      await page.goto(`${j.baseUrl}/annuaire/pas-un-id`);
      await page.waitForLoadState('networkidle');
      expect.soft(await page.getByText(/Identifiant invalide|Chargement impossible/).count()).toBe(0);
      await expect.poll(() => page.getByText(/Ce lien est incomplet/).count(), { timeout: 20_000 }).toBe(1);
      expect(await page.getByText(/aucun lieu n’est à afficher pour eux/).count()).toBe(0);
      await expectAccessible(page, 'directory of a malformed address at 390 px');
    },
    JOURNEY_MS,
  );

  it(
    'says plainly on a pass’s QR page when its code matches no pass or is not one',
    async () => {
      const page = await j.newPage();
      await page.setViewportSize({ width: 390, height: 844 });
      const signIn = page.getByRole('link', { name: 'Se connecter pour encaisser ce pass' });

      // Well formed, its check character right, but no pass has it: not shown as a pass's code.
      const unknown = `GZP84SKCV976K${checkSymbol('GZP84SKCV976K')}`;
      expect(
        (await j.t.database.pool.query('SELECT 1 FROM passes WHERE code = $1', [unknown])).rowCount,
      ).toBe(0);
      await page.goto(`${j.baseUrl}/p/${unknown}`);
      // Polled: « networkidle » came once on a loaded CI machine before the lookup's answer
      // was drawn (the page was still blank when counted).
      await expect
        .poll(() => page.getByText(/Ce code ne correspond à aucun pass/).count(), { timeout: 20_000 })
        .toBe(1);
      expect.soft(await page.getByTestId('pass-link-code').count()).toBe(0);
      expect.soft(await signIn.count()).toBe(0);
      await expectAccessible(page, 'QR page of an unknown code at 390 px');

      // Far too long: not « incomplet ».
      await page.goto(`${j.baseUrl}/p/${'A'.repeat(3000)}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect.soft(await page.getByText(/Ce lien ne contient pas un code de pass valide/).count()).toBe(1);
      expect.soft(await page.getByText(/incomplet/).count()).toBe(0);
      expect.soft(await signIn.count()).toBe(0);

      // A typo: nothing to cash.
      const { code } = await aPassInUse();
      await page.goto(`${j.baseUrl}/p/${code.slice(0, 13)}${code[13] === '2' ? '3' : '2'}`);
      await expect.poll(() => page.getByText(/Le code de ce lien comporte une erreur/).count()).toBe(1);
      expect.soft(await signIn.count()).toBe(0);

      // A real pass: its code breaks between its groups only, at 390 px and with text at 200 %.
      await page.goto(`${j.baseUrl}/p/${code}`);
      await expect.poll(() => signIn.count()).toBe(1);
      const parts = page.getByTestId('pass-link-code').locator('.pn-code__part');
      // On the smallest phones (360 px) the code fits on one line: after its label it broke in two.
      await page.setViewportSize({ width: 360, height: 740 });
      expect(
        await parts.evaluateAll(
          (ps) => new Set(ps.map((p) => Math.round(p.getBoundingClientRect().top))).size,
        ),
        'lines of the code at 360 px',
      ).toBe(1);
      for (const size of ['', '200%']) {
        await page.evaluate((s) => {
          document.documentElement.style.fontSize = s;
        }, size);
        for (const part of await parts.all())
          expect(
            await part.evaluate(
              // One box per text node (« JAKD », « - »), all on one line.
              (p) => new Set(Array.from(p.getClientRects(), (r) => Math.round(r.top))).size,
            ),
            `group ${await part.textContent()} at ${size || '100%'}`,
          ).toBe(1);
      }
    },
    JOURNEY_MS,
  );
});
