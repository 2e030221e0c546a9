import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any constant: several app processes starting together must not migrate twice.
const MIGRATION_LOCK = 727_001;

/** Applies the committed SQL migrations not yet applied; safe to run at every start. */
export async function runMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await refuseNewerSchema(client);
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

/**
 * A database migrated by a newer version of the platform is refused: this version would run
 * on tables it does not know (a node left behind in an upgrade, an old release started by
 * mistake), and the migrator alone would say nothing, having nothing to apply.
 */
async function refuseNewerSchema(client: pg.PoolClient): Promise<void> {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
  ) as {
    entries: { when: number; tag: string }[];
  };
  const last = journal.entries[journal.entries.length - 1]!;
  // A new database has no journal of migrations yet (the subquery would not even plan).
  const { rows: journaled } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS exists`,
  );
  if (!journaled[0]?.exists) return;
  const { rows } = await client.query<{ applied: string | null }>(
    'SELECT max(created_at)::text AS applied FROM drizzle.__drizzle_migrations',
  );
  const applied = rows[0]?.applied;
  if (applied && Number(applied) > last.when)
    throw new Error(
      `The database was migrated by a newer version of the platform than this one (whose last migration is ${last.tag}). ` +
        'Start that newer version, or restore a backup made by this one.',
    );
}
