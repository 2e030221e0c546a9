import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Config } from '../src/config.js';
import { startTestApp, type TestApp } from '../src/test/app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Without Chromium the journeys skip on a laptop, but in CI a missing browser is a failure. */
export const hasBrowser = fs.existsSync(CHROMIUM);
if (!hasBrowser && process.env.CI)
  throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium`);

/**
 * How long one journey may take: a real browser, several consoles and axe checks on two
 * shared cores take 10–40 s, beside other test files; the suite's 30 s default is too near.
 */
export const JOURNEY_MS = 120_000;

export interface Journey {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (axe needs one) with one page. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's headless Chromium, as every journey runs it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * The real server (API + built web app) on its own database, and a headless Chromium. The
 * database holds the demo data unless `demo` is false (a platform as it is first installed);
 * `config` changes the test configuration (an SMTP server, say).
 */
export async function startJourney({
  demo = true,
  config,
}: {
  demo?: boolean;
  config?: Partial<Config>;
} = {}): Promise<Journey> {
  if (!fs.existsSync('web/dist/index.html'))
    throw new Error('web/dist is missing: run `npm run build` first');
  const t = await startTestApp({ demo, config });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const browser = await launchChromium();
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async newPage() {
      const context: BrowserContext = await browser.newContext({
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
      });
      return context.newPage();
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** RGAA-minded check of the page as it stands: no serious or critical axe violation. */
export async function expectAccessible(page: Page, label: string) {
  await settled(page);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
    label,
  ).toEqual([]);
}

/**
 * The same check at a desktop's width (1280 px) and a phone's (360 px); the page is left at
 * 1280 px, where the journeys click through the full menu.
 */
export async function expectAccessibleAtBothWidths(page: Page, label: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page, `${label} at 1280 px`);
  await page.setViewportSize({ width: 360, height: 780 });
  await expectAccessible(page, `${label} at 360 px`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * A table whose rows carry buttons, read whole at the page's width: nothing hidden at the end
 * of a sideways scroll (TableFrame's `stacked`).
 */
export async function expectTableFits(table: Locator, label: string) {
  const hidden = await table.evaluate((t) => {
    const box = t.closest('.fr-table__container')!;
    return box.scrollWidth - box.clientWidth;
  });
  expect(hidden, `${label}: width hidden sideways`).toBeLessThanOrEqual(1);
}

/**
 * Waits for the frame that answers a resize or a render: ResizeObserver callbacks run in it
 * (TableFrame commits a table's new focusability there, before paint). Judged before that,
 * axe once saw a scrolling table that was not focusable yet; every caller that resized with
 * `setViewportSize` and checked at once could meet it.
 */
async function settled(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50))),
      ),
  );
}

/**
 * Waits for a DSFR modal to finish fading in (`shown`) or out: axe judges the contrast of
 * half-transparent text, which a modal has while its opacity moves.
 */
export async function modalSettled(modal: Locator, shown: boolean) {
  await expect
    .poll(() =>
      modal.evaluate((el, open) => {
        const style = getComputedStyle(el);
        const gone = style.display === 'none' || style.visibility === 'hidden';
        return open ? !gone && style.opacity === '1' : gone;
      }, shown),
    )
    .toBe(true);
}

export async function logIn(page: Page, baseUrl: string, email: string, password = 'demo-pass-numerique') {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/**
 * Types in a suggesting box (ui/form/Combobox) and chooses a suggestion, as a person does:
 * by clicking it, or with the keyboard (↓ until it is highlighted, then Entrée).
 */
export async function chooseSuggestion(
  page: Page,
  box: string,
  typed: string,
  option: string | RegExp,
  how: 'click' | 'keyboard' = 'click',
) {
  const input = page.getByRole('combobox', { name: box, exact: true });
  await input.fill(typed);
  const choice = page.getByRole('option', { name: option });
  // The first search of a process reads the official geography (a few seconds on a busy machine).
  await expect.poll(() => choice.count(), { timeout: 20_000 }).toBeGreaterThan(0);
  if (how === 'click') {
    await choice.first().click();
    return;
  }
  for (let i = 0; i < 10; i++) {
    await input.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    if (active && (await page.locator(`[id="${active}"]`).getAttribute('aria-selected')) === 'true') {
      const text = (await page.locator(`[id="${active}"]`).textContent()) ?? '';
      if (typeof option === 'string' ? text === option : option.test(text)) break;
    }
  }
  await input.press('Enter');
}

/** The text of what describes a field (its hint, its error), as a screen reader reads it. */
export const descriptionOf = (field: Locator) =>
  field.evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
  });
