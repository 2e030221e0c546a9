import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasBrowser, JOURNEY_MS, type Journey, startJourney } from './browser.js';
import { loadDesk } from './desk-weight.js';

let j: Journey;
beforeAll(async () => {
  if (hasBrowser) j = await startJourney();
});
afterAll(() => j?.close());

/** Issue 11: the place desk must load fast on a poor connection. */
const DESK_JS_BUDGET = 250 * 1000;

describe.runIf(hasBrowser)('the place desk on a first visit', () => {
  it(
    'fetches at most 250 KB of compressed JavaScript',
    async () => {
      const load = await loadDesk(j.browser, j.baseUrl);
      const listing = load.scripts.map((s) => `${s.url} ${s.transferred} B ${s.encoding ?? 'identity'}`);
      expect(load.scripts.length, listing.join('\n')).toBeGreaterThan(0);
      // Every script crosses the network compressed…
      expect(
        load.scripts.filter((s) => s.encoding !== 'br' && s.encoding !== 'gzip').map((s) => s.url),
        listing.join('\n'),
      ).toEqual([]);
      // …and all of them together stay within the budget.
      expect(load.jsBytes, listing.join('\n')).toBeLessThanOrEqual(DESK_JS_BUDGET);
    },
    JOURNEY_MS,
  );
});
