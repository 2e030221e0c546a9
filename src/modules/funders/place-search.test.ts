import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../db/client.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import * as repo from './repo.js';

/*
 * A funder's admin finds the places of the platform by name (GET /funders/{id}/platform-places?q=).
 * The search read every place of the platform to compare its name: at a few thousand places and
 * one search per key typed, a trigram index on the folded name serves it (migration 0080).
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.database.pool.query(
    `INSERT INTO organisations (kind, name, commune_code)
     SELECT 'place', 'Espace numérique ' || i || ' du quartier ' || md5(i::text), '80021'
       FROM generate_series(1, 5000) i`,
  );
  await t.database.pool.query(
    `INSERT INTO organisations (kind, name, commune_code) VALUES ('place', 'Médiathèque d’Étain', '55173'), ('place', 'Tiers-lieu 100% numérique', '55173')`,
  );
  // As autovacuum leaves it: the index's pending entries merged, the statistics read.
  await t.database.pool.query('VACUUM ANALYZE organisations');
}, 60_000);
afterAll(() => t?.close());

/** The search's own statement, explained instead of run. */
function explaining(): Queryable {
  return {
    execute: (query: SQL) => t.database.db.execute(sql`EXPLAIN (FORMAT TEXT) ${query}`),
  } as unknown as Queryable;
}

describe('the search of the platform’s places by name', () => {
  it('finds a place by words starting words of its name, case and accents aside', async () => {
    const rows = await repo.placesNamed(t.database.db, randomUUID(), 'MEDIATHEQUE etain', 200);
    expect(rows.map((r) => r.name)).toEqual(['Médiathèque d’Étain']);
    // A word must start one of the name's words: « diath » is inside « Médiathèque », not a start.
    expect(await repo.placesNamed(t.database.db, randomUUID(), 'diath', 200)).toEqual([]);
    // What the name holds is taken as written, a « % » or a « _ » too.
    const percent = await repo.placesNamed(t.database.db, randomUUID(), 'tiers 100%', 200);
    expect(percent.map((r) => r.name)).toEqual(['Tiers-lieu 100% numérique']);
    expect(await repo.placesNamed(t.database.db, randomUUID(), 'tiers 1_0', 200)).toEqual([]);
  });

  it('reads the trigram index on the folded name, not every place', async () => {
    const rows = (await repo.placesNamed(
      explaining(),
      randomUUID(),
      'médiathèque étain',
      200,
    )) as unknown as {
      'QUERY PLAN': string;
    }[];
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('organisations_place_name_trgm');
    expect(plan).not.toMatch(/Seq Scan on organisations/);
  });
});
