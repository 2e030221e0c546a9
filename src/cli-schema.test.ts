import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from './db/test/database.js';

const exec = promisify(execFile);

function cli(env: NodeJS.ProcessEnv, ...args: string[]) {
  return exec(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, ADMIN_PASSWORD: 'Une-phrase-de-passe-solide-2026', ...env },
    timeout: 60_000,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

/** A database of the test server with nothing in it, not even the migrations' journal. */
async function emptyDatabase() {
  const serverUrl = inject('pgServerUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString() });
  return {
    url: url.toString(),
    pool,
    async close() {
      await pool.end();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

const MIGRATE_HINT = /lancez npm run cli -- migrate/;

// An operator who pulled a new version but has not restarted yet runs `audit verify` from cron:
// it used to migrate the database under the old server still running.
describe('the commands other than start and migrate', () => {
  it('refuse a database whose migrations are behind, migrating nothing; migrate brings it up', async () => {
    const db = await emptyDatabase();
    try {
      const env = { DATABASE_URL: db.url };
      for (const args of [['audit', 'verify'], ['admin', 'create', '--email', 'ops@region.fr'], ['seed']]) {
        const refused = await cli(env, ...args);
        expect({ args, code: refused.code }).toEqual({ args, code: 1 });
        expect(refused.stderr).toMatch(MIGRATE_HINT);
        expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      }
      const journal = await db.pool.query(
        `SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS exists, to_regclass('public.users') IS NOT NULL AS users`,
      );
      expect(journal.rows).toEqual([{ exists: false, users: false }]);

      const migrated = await cli(env, 'migrate');
      expect(migrated.code, migrated.stderr).toBe(0);
      expect(migrated.stdout).toContain('Migrations appliquées.');
      const verified = await cli(env, 'audit', 'verify');
      expect(verified.code, verified.stderr).toBe(0);
      expect(verified.stdout).toContain('Journal d’audit intact');
    } finally {
      await db.close();
    }
  }, 180_000);

  it('refuse a database one migration behind this version, and leave its journal as it is', async () => {
    const db = await createTestDatabase();
    try {
      // As the database of the previous version: its last migration not applied yet.
      await db.pool.query(
        'DELETE FROM drizzle.__drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM drizzle.__drizzle_migrations)',
      );
      const before = (await db.pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations'))
        .rows[0].n;
      const refused = await cli({ DATABASE_URL: db.url }, 'audit', 'verify');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(MIGRATE_HINT);
      expect(refused.stderr).toContain('arrêtez toutes les instances');
      expect(refused.stdout).not.toContain('intact');
      const after = (await db.pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations'))
        .rows[0].n;
      expect(after).toBe(before);
    } finally {
      await db.close();
    }
  }, 120_000);
});
