import type { Browser, Page } from 'playwright-core';

/** What a place desk page, opened with an empty cache, fetched over the network. */
export interface DeskLoad {
  /** Every JavaScript file fetched, with the bytes that crossed the network for its body. */
  scripts: { url: string; transferred: number; encoding: string | undefined }[];
  /** Sum of `transferred` over the scripts: what the issue bounds at 250 KB. */
  jsBytes: number;
  /** From navigation start until the desk's code field is shown, in ms. */
  shownMs: number;
}

/**
 * Signs a place agent in, then opens /lieu in a *new* browser context holding only the
 * session cookie (so an empty HTTP cache: the agent's first visit of the day on a fresh
 * machine), records every script response and sums the encoded (transferred) body sizes.
 * `network` optionally throttles the new context through the DevTools protocol.
 */
export async function loadDesk(
  browser: Browser,
  baseUrl: string,
  network?: { latencyMs: number; downloadKbps: number; uploadKbps: number },
): Promise<DeskLoad> {
  const signIn = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const first = await signIn.newPage();
  // As e2e/browser.ts's logIn (not imported: that module needs vitest, the bench runs without).
  await first.goto(`${baseUrl}/connexion`);
  await first.getByLabel('Adresse électronique').fill('lieu@hautsdefrance.test');
  await first.getByLabel('Mot de passe').fill('demo-pass-numerique');
  await first.getByRole('button', { name: 'Se connecter' }).click();
  await first.waitForURL(/\/lieu/);
  const storageState = await signIn.storageState();
  await signIn.close();

  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', storageState });
  try {
    const page = await context.newPage();
    if (network) await throttle(page, network);
    const responses: Promise<DeskLoad['scripts'][number] | undefined>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      responses.push(
        response.finished().then(async () => ({
          url: response.url(),
          transferred: (await response.request().sizes()).responseBodySize,
          encoding: (await response.allHeaders())['content-encoding'],
        })),
      );
    });
    const began = Date.now();
    await page.goto(`${baseUrl}/lieu`, { waitUntil: 'commit', timeout: 120_000 });
    await page.getByLabel('Code du pass').waitFor({ timeout: 120_000 });
    const shownMs = Date.now() - began;
    // Chunks the page asks for after its first render (the DSFR runtime) count too.
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    const scripts = (await Promise.all(responses)).filter((s) => s !== undefined);
    return { scripts, jsBytes: scripts.reduce((sum, s) => sum + s.transferred, 0), shownMs };
  } finally {
    await context.close();
  }
}

async function throttle(page: Page, n: { latencyMs: number; downloadKbps: number; uploadKbps: number }) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: n.latencyMs,
    downloadThroughput: (n.downloadKbps * 1000) / 8,
    uploadThroughput: (n.uploadKbps * 1000) / 8,
  });
}

/** The flags e2e/browser.ts launches Debian's Chromium with. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Chrome DevTools' "Slow 3G" preset (the issue's measurement): 400 kbit/s each way, 2 s round trip. */
export const SLOW_3G = { latencyMs: 2000, downloadKbps: 400, uploadKbps: 400 };
