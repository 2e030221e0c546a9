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
      `migrée par une version de la plateforme plus récente que celle-ci (dont la dernière migration est ${lastTag})`,
    );
  });
});

describe('the migration that makes a funder’s name its own (0067)', () => {
  it('stops an upgrade over funders that share a name, naming them, and passes once they are corrected', async () => {
    const db = await createTestDatabase();
    try {
      const q = (text: string, values: unknown[] = []) => db.pool.query(text, values);
      const steps = fs
        .readFileSync(new URL('./migrations/0067_funder_name_unique.sql', import.meta.url), 'utf8')
        .split('--> statement-breakpoint');
      const migrate = async () => {
        for (const step of steps) await q(step);
      };
      // A database as funders created before the service's check (API 1.27.0) left it.
      await q('DROP INDEX funders_name');
      const insert = `INSERT INTO funders (name, kind, siret, territory) VALUES ($1, 'departement', $2, '[]')`;
      await q(insert, ['Département du Nord', '22590001700016']);
      await q(insert, ['DEPARTEMENT  du nord', '22590001700024']);
      await expect(migrate()).rejects.toThrow(
        /Des financeurs portent le même nom : « Département du Nord \/ DEPARTEMENT {2}du nord » \(/,
      );
      await q(`UPDATE funders SET name = 'Département du Nord (ancien)' WHERE siret = '22590001700024'`);
      await migrate();
      await expect(q(insert, ['département du NORD', '22590001700032'])).rejects.toMatchObject({
        code: '23505',
        constraint: 'funders_name',
      });
    } finally {
      await db.close();
    }
  });
});
