import fs from 'node:fs';
import net from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../src/test/app.js';
import { startTestProvider, type TestProvider } from '../src/test/oidc-provider.js';
import { expectAccessible, hasBrowser, JOURNEY_MS, launchChromium } from './browser.js';

/** A free port for the app, known before it starts: the provider must know its callback. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let provider: TestProvider;
let t: TestApp;
let browser: Browser;
let baseUrl: string;
beforeAll(async () => {
  if (!hasBrowser) return;
  if (!fs.existsSync('web/dist/index.html'))
    throw new Error('web/dist is missing: run `npm run build` first');
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  provider = await startTestProvider(`${baseUrl}/api/v1/auth/proconnect/callback`, {
    ines: { email: 'prescripteur@hautsdefrance.test', email_verified: true, given_name: 'Inès' },
    inconnu: { email: 'inconnu@exemple.test', email_verified: true },
  });
  t = await startTestApp({ demo: true, config: { publicUrl: baseUrl, proconnect: provider.proconnect } });
  await t.app.listen({ port, host: '127.0.0.1' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await provider?.close();
});

/** From the sign-in page, through ProConnect (here the test provider's own pages), and back. */
async function signInWithProConnect(page: Page, login: string) {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByRole('link', { name: /S.identifier avec\s*ProConnect/ }).click();
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('mot-de-passe-chez-le-fournisseur');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.origin === baseUrl);
}

describe.runIf(hasBrowser)('an agent signs in with ProConnect', () => {
  it(
    'a prescriber reaches their console; a stranger reads why not, in French',
    async () => {
      const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/connexion`);
      await expectAccessible(page, 'sign-in page with ProConnect');
      await signInWithProConnect(page, 'ines');
      await page.waitForURL(/\/prescripteur/);
      await expect.poll(() => page.locator('header').textContent()).toContain('Se déconnecter');
      await context.close();

      const other = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
      await signInWithProConnect(other, 'inconnu');
      await other.waitForURL(/\/connexion\?proconnect=unknown_account/);
      const alert = other.getByRole('heading', { name: 'Connexion avec ProConnect refusée' });
      await expect.poll(() => alert.isVisible()).toBe(true);
      await expect.poll(() => other.locator('.fr-alert').textContent()).toContain('sur invitation');
      await expectAccessible(other, 'ProConnect refusal');
      // Nothing was opened: the console still asks for a sign-in.
      await other.goto(`${baseUrl}/prescripteur`);
      await other.waitForURL(/\/connexion/);
    },
    JOURNEY_MS,
  );
});
