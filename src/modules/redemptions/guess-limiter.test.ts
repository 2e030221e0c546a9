import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePassCode } from '../../core/pass-code.js';
import type { App } from '../../http/app.js';
import * as rateWindows from '../../http/rate-windows.js';
import { buildServer } from '../../server.js';
import { startTestApp, type TestApp, testConfig } from '../../test/app.js';
import { placeKey } from '../../test/circulation.js';

// testConfig's limit: 20 unknown codes per source in 10 minutes.
const LIMIT = 20;

let t: TestApp;
let other: App;
let mediatheque: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  // A second instance of the platform on the same database, as behind a load balancer.
  other = await buildServer({ db: t.database.db, config: testConfig() });
  await other.ready();
  const { rows } = await t.database.pool.query<{ id: string }>(
    `SELECT id FROM organisations WHERE name = 'Médiathèque Louis Aragon'`,
  );
  mediatheque = rows[0]!.id;
});
afterAll(async () => {
  await other.close();
  await t.close();
});

/** Each test guesses with a key of its own: a key is a source the limit counts too. */
const lookUp = (server: App, key: string, remoteAddress: string) =>
  server.inject({
    url: `/api/v1/passes/${generatePassCode()}`,
    headers: { authorization: `Bearer ${key}` },
    remoteAddress,
  });

describe('shutting out code guessers', () => {
  it('holds the limit across instances: spreading the guesses over two servers gains one guess, not twice as many', async () => {
    const servers = [t.app, other];
    const key = await placeKey(t, mediatheque);
    const remoteAddress = '198.51.100.23';
    const shutOut = new Set<number>();
    let unknown = 0;
    for (let i = 0; shutOut.size < servers.length && i < 4 * LIMIT; i++) {
      const res = await lookUp(servers[i % 2]!, key, remoteAddress);
      if (res.statusCode === 404) unknown++;
      else {
        expect(res.statusCode).toBe(429);
        shutOut.add(i % 2);
      }
    }
    // Each instance counting alone would have answered 2 × 20 unknown codes.
    expect(unknown).toBeGreaterThanOrEqual(LIMIT);
    expect(unknown).toBeLessThanOrEqual(LIMIT + servers.length - 1);
    for (const server of servers) {
      const res = await lookUp(server, key, remoteAddress);
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('keeps hashes of the sources, not their addresses or keys, and forgets them once their window has closed', async () => {
    const key = await placeKey(t, mediatheque);
    const remoteAddress = '192.0.2.54';
    expect((await lookUp(t.app, key, remoteAddress)).statusCode).toBe(404);
    const { rows } = await t.database.pool.query<{ key_hash: string }>('SELECT key_hash FROM rate_windows');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) expect(r.key_hash).toMatch(/^[0-9a-f]{64}$/);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(remoteAddress);
    expect(text).not.toContain(key.split('_')[1]);

    // Still within its window: the purge leaves it.
    expect(await rateWindows.purgeClosed(t.database.db)).toBe(0);
    await t.database.pool.query(`UPDATE rate_windows SET reset_at = now() - interval '1 second'`);
    expect(await rateWindows.purgeClosed(t.database.db)).toBe(rows.length);
    const left = await t.database.pool.query('SELECT 1 FROM rate_windows');
    expect(left.rowCount).toBe(0);
  });

  it('starts a new window for a source whose window has closed', async () => {
    const key = await placeKey(t, mediatheque);
    const remoteAddress = '192.0.2.99';
    for (let i = 0; i < LIMIT; i++) expect((await lookUp(other, key, remoteAddress)).statusCode).toBe(404);
    // The window of this address (and of the key) closes: the failures before no longer count.
    await t.database.pool.query(`UPDATE rate_windows SET reset_at = now() - interval '1 second'`);
    const fresh = '192.0.2.100';
    expect((await lookUp(t.app, key, remoteAddress)).statusCode).toBe(404);
    expect((await lookUp(t.app, key, fresh)).statusCode).toBe(404);
    const { rows } = await t.database.pool.query<{ hits: number }>(
      'SELECT hits FROM rate_windows ORDER BY hits DESC',
    );
    // Every source is back to its first failures of a new window.
    expect(rows[0]!.hits).toBeLessThanOrEqual(2);
  });
});
