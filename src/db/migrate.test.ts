import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from './migrate.js';
import { createTestDatabase, type TestDatabase } from './test/database.js';

// An old release started on a database a newer one migrated (a node left behind in an
// upgrade) ran on tables it did not know, and its `migrate` said « Migrations applied. ».
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('migrations at start', () => {
  it('apply to a database of this version, and refuse one a newer version migrated', async () => {
    await expect(runMigrations(database.pool)).resolves.toBeUndefined();
    const { rows } = await database.pool.query(
      'SELECT max(created_at)::bigint AS last FROM drizzle.__drizzle_migrations',
    );
    // What a newer release's next migration leaves behind.
    await database.pool.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
      'a-migration-of-a-newer-version',
      Number(rows[0].last) + 1000,
    ]);
    const journal = JSON.parse(
      fs.readFileSync(new URL('./migrations/meta/_journal.json', import.meta.url), 'utf8'),
    );
    const lastTag: string = journal.entries.at(-1).tag;
    await expect(runMigrations(database.pool)).rejects.toThrow(
      `migrated by a newer version of the platform than this one (whose last migration is ${lastTag})`,
    );
  });
});
