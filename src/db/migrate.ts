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

interface Migration {
  when: number;
  tag: string;
}

/** This version's migrations, as the migrator reads them. */
function journal(): Migration[] {
  return (
    JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: Migration[];
    }
  ).entries;
}

/**
 * When the database's last migration was made (the migrator's `created_at`, which it compares
 * with the journal's `when` to choose what to apply), or undefined when none was applied.
 */
async function lastApplied(client: pg.PoolClient): Promise<number | undefined> {
  // A new database has no journal of migrations yet (the subquery would not even plan).
  const { rows: journaled } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS exists`,
  );
  if (!journaled[0]?.exists) return undefined;
  const { rows } = await client.query<{ applied: string | null }>(
    'SELECT max(created_at)::text AS applied FROM drizzle.__drizzle_migrations',
  );
  return rows[0]?.applied ? Number(rows[0].applied) : undefined;
}

/**
 * A database migrated by a newer version of the platform is refused: this version would run
 * on tables it does not know (a node left behind in an upgrade, an old release started by
 * mistake), and the migrator alone would say nothing, having nothing to apply.
 */
async function refuseNewerSchema(client: pg.PoolClient): Promise<number | undefined> {
  const last = journal().at(-1)!;
  const applied = await lastApplied(client);
  if (applied !== undefined && applied > last.when)
    throw new Error(
      `La base de données a été migrée par une version de la plateforme plus récente que celle-ci (dont la dernière migration est ${last.tag}). ` +
        'Démarrez cette version plus récente, ou restaurez une sauvegarde faite par celle-ci.',
    );
  return applied;
}

/**
 * For the commands that do not migrate (every one but `start` and `migrate`): the database
 * must be exactly at this version's last migration. One migrated by a newer version is refused
 * as above; one behind (a `git pull` done, the instances not restarted yet) is refused too,
 * rather than migrated under the instances of the old version still running.
 */
export async function requireCurrentSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    const applied = await refuseNewerSchema(client);
    const migrations = journal();
    const last = migrations.at(-1)!;
    if (applied === undefined || applied < last.when) {
      const at = migrations.find((m) => m.when === applied)?.tag;
      throw new Error(
        `La base de données n’est pas migrée à cette version de la plateforme (${
          applied === undefined
            ? 'aucune migration appliquée'
            : `dernière migration appliquée : ${at ?? 'une migration inconnue'}`
        } ; la dernière de cette version est ${last.tag}) : arrêtez toutes les instances de la plateforme, puis lancez npm run cli -- migrate.`,
      );
    }
  } finally {
    client.release();
  }
}
