import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/test/database.js';
import { errorHandler } from './problem.js';

/**
 * Two requests lock the same two rows in opposite orders: PostgreSQL breaks the deadlock by
 * rolling one of them back. That request is answered 409 `concurrent_update` ("try again",
 * nothing written), never 500; the other one goes through.
 */
describe('a request PostgreSQL gives up for another (deadlock)', () => {
  let database: TestDatabase;
  const app = Fastify();

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.pool.query(`CREATE TABLE crossing (id int PRIMARY KEY, n int NOT NULL)`);
    await database.pool.query(`INSERT INTO crossing VALUES (1, 0), (2, 0)`);
    app.setErrorHandler(errorHandler);
    // Both hold their first row before either asks for its second: a barrier, not a sleep,
    // which a busy machine could outlast (one request done before the other began).
    let holding = 0;
    let bothHold: () => void = () => {};
    const barrier = new Promise<void>((resolve) => {
      bothHold = resolve;
    });
    app.post<{ Params: { first: string } }>('/cross/:first', async (req) => {
      const first = Number(req.params.first);
      const second = 3 - first;
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`UPDATE crossing SET n = n + 1 WHERE id = ${first}`);
        if (++holding === 2) bothHold();
        await barrier;
        await tx.execute(sql`UPDATE crossing SET n = n + 1 WHERE id = ${second}`);
      });
      return { ok: true };
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database?.close();
  });

  it('answers 409 concurrent_update to the one rolled back, and writes nothing of it', async () => {
    const answers = await Promise.all([
      app.inject({ method: 'POST', url: '/cross/1' }),
      app.inject({ method: 'POST', url: '/cross/2' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.statusCode === 409)!;
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 409, code: 'concurrent_update' });
    expect(refused.json().detail).toMatch(/Réessayez/);
    // Only the request that went through is written: each row counted once.
    const { rows } = await database.pool.query(`SELECT n FROM crossing ORDER BY id`);
    expect(rows.map((r) => r.n)).toEqual([1, 1]);
  });
});

/**
 * Two requests check that a name is free, then both write it: the unique index lets one
 * have it. Where the service foresaw the race it names the field (funder_name_taken…); where
 * it did not, the other request is still answered 409 `concurrent_update`, never 500, and
 * sent again it meets the first one's row through the service's own check.
 */
describe('a request that meets a row written at the same instant (unique violation)', () => {
  let database: TestDatabase;
  const app = Fastify();

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.pool.query(`CREATE TABLE named (name text CONSTRAINT named_name UNIQUE)`);
    app.setErrorHandler(errorHandler);
    let checked = 0;
    let bothChecked: () => void = () => {};
    const barrier = new Promise<void>((resolve) => {
      bothChecked = resolve;
    });
    app.post<{ Params: { name: string } }>('/name/:name', async (req) => {
      await database.db.transaction(async (tx) => {
        const { rows } = await tx.execute(sql`SELECT 1 FROM named WHERE name = ${req.params.name}`);
        if (rows.length) throw new Error('the check saw it');
        if (++checked === 2) bothChecked();
        await barrier;
        await tx.execute(sql`INSERT INTO named VALUES (${req.params.name})`);
      });
      return { ok: true };
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database?.close();
  });

  it('answers 409 concurrent_update to the second, and writes the name once', async () => {
    const answers = await Promise.all([
      app.inject({ method: 'POST', url: '/name/caisse' }),
      app.inject({ method: 'POST', url: '/name/caisse' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.statusCode === 409)!;
    expect(refused.json()).toMatchObject({ status: 409, code: 'concurrent_update' });
    expect(refused.json().detail).toMatch(/Réessayez/);
    const { rows } = await database.pool.query(`SELECT name FROM named`);
    expect(rows).toEqual([{ name: 'caisse' }]);
  });
});
