import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_SERVICES } from '../core/session.js';
import { connect, type Database } from '../db/client.js';
import { createTestDatabase, type TestDatabase } from '../db/test/database.js';
import { loadDemo } from '../demo/seed.js';
import { buildServer } from '../server.js';
import { testConfig } from '../test/app.js';
import { startTcpProxy, type TcpProxy } from '../test/tcp-proxy.js';
import type { App } from './app.js';

/**
 * The app's PostgreSQL goes away (connections reset, new ones refused) while the server
 * runs, some of its connections in the middle of a transaction, then comes back.
 */
describe('PostgreSQL going away and coming back', () => {
  let real: TestDatabase;
  let proxy: TcpProxy;
  let viaProxy: Database;
  let app: App;
  let key: string;
  let codes: string[];
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    real = await createTestDatabase();
    key = await loadDemo(real.db);
    const { rows } = await real.pool.query<{ code: string }>(
      `SELECT p.code FROM passes p JOIN booklets b ON b.id = p.booklet_id
        JOIN api_keys k ON k.prefix = $1
        JOIN program_places pp ON pp.place_id = k.place_id AND pp.program_id = p.program_id
       WHERE p.status = 'active' AND b.status = 'handed_out'
         AND current_date BETWEEN p.valid_from AND p.valid_until
       ORDER BY p.code LIMIT 3`,
      [key.split('_')[1]],
    );
    codes = rows.map((r) => r.code);
    const url = new URL(real.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
    url.port = String(proxy.port);
    viaProxy = connect(url.toString());
    app = await buildServer({ db: viaProxy.db, config: testConfig() });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await viaProxy?.close();
    await proxy?.close();
    await real?.close();
    process.off('uncaughtException', onUncaught);
  });

  const redeem = (code: string, nonce: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/redemptions',
      headers: { authorization: `Bearer ${key}` },
      payload: { code, nonce, theme: STANDARD_SERVICES[0], durationMinutes: 60, format: 'individual' },
    });

  it('answers its health check 503 within seconds when PostgreSQL stops answering, then 200 again', async () => {
    expect((await app.inject('/api/v1/health')).statusCode).toBe(200);
    proxy.freeze();
    // Thawed after 6 s whatever happens, so that a health check that waits is seen waiting.
    const thaw = setTimeout(() => proxy.thaw(), 6_000);
    const started = Date.now();
    const res = await app.inject('/api/v1/health');
    const waited = Date.now() - started;
    clearTimeout(thaw);
    proxy.thaw();
    // A load balancer must hear that the node is out, not wait without an answer.
    expect(waited).toBeLessThan(5_000);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 503, code: 'database_unavailable' });
    expect((await app.inject('/api/v1/health')).json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers 503 database_unavailable within a second, never exits, and recovers by itself', async () => {
    expect(codes.length).toBe(3);
    expect((await app.inject('/api/v1/health')).statusCode).toBe(200);
    expect((await redeem(codes[0]!, 'coupure-0001')).statusCode).toBe(201);

    // Connections checked out in the middle of a transaction when the database goes away.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const transactions = [1, 2].map(() =>
      viaProxy.db
        .transaction(async (tx) => {
          await tx.execute(sql`SELECT 1`);
          await held;
          await tx.execute(sql`SELECT 1`);
        })
        .then(
          () => 'committed',
          () => 'failed',
        ),
    );
    await new Promise((r) => setTimeout(r, 300));
    await proxy.cut();
    // Let the audit sealer run into the outage too.
    await new Promise((r) => setTimeout(r, 600));
    release();
    expect(await Promise.all(transactions)).toEqual(['failed', 'failed']);
    // Connections dying under a checked-out client must not crash the process.
    expect(uncaught.map(String)).toEqual([]);

    for (const attempt of [
      () => app.inject('/api/v1/health'),
      () => redeem(codes[1]!, 'coupure-0002'),
      () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'a@b.fr', password: 'x' },
        }),
    ]) {
      const started = Date.now();
      const res = await attempt();
      expect(Date.now() - started).toBeLessThan(1000);
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 503, code: 'database_unavailable' });
    }

    await proxy.restore();
    const deadline = Date.now() + 15_000;
    let health = await app.inject('/api/v1/health');
    while (health.statusCode !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      health = await app.inject('/api/v1/health');
    }
    expect(health.json()).toEqual({ status: 'ok', database: 'ok' });
    expect((await redeem(codes[1]!, 'coupure-0002')).statusCode).toBe(201);
    expect((await redeem(codes[2]!, 'coupure-0003')).statusCode).toBe(201);
    expect(uncaught).toEqual([]);
  }, 60_000);

  it('gives back every connection, also those whose transaction could not even begin', async () => {
    // Idle connections in the pool, then transactions that take them just as they die:
    // BEGIN fails, and Drizzle does not release a client whose BEGIN failed.
    await Promise.all([1, 2, 3, 4, 5].map(() => viaProxy.pool.query('SELECT pg_sleep(0.05)')));
    const attempts = [1, 2, 3, 4, 5].map(() =>
      viaProxy.db
        .transaction(async (tx) => tx.execute(sql`SELECT 1`))
        .then(
          () => 'committed',
          () => 'failed',
        ),
    );
    await proxy.cut();
    expect(await Promise.all(attempts)).toContain('failed');
    await proxy.restore();
    // A leaked client stays checked out for ever; the app's own background work (the audit
    // sealer) may hold one for a moment, so wait for the pool to settle rather than a fixed 200 ms.
    await new Promise((r) => setTimeout(r, 200));
    const checkedOut = () => viaProxy.pool.totalCount - viaProxy.pool.idleCount;
    const settled = Date.now() + 5_000;
    while (checkedOut() > 0 && Date.now() < settled) await new Promise((r) => setTimeout(r, 50));
    expect(checkedOut()).toBe(0);
    expect((await app.inject('/api/v1/health')).statusCode).toBe(200);
  }, 60_000);
});
