import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/test/database.js';
import { loadDemo } from '../demo/seed.js';
import * as audit from '../modules/audit/service.js';
import { testConfig } from '../test/app.js';
import { auditHead } from './audit-head.js';
import { backup } from './backup.js';

const run = promisify(execFile);
/** The real command line, as an operator runs it: its exit code, what it printed. */
const cli = (args: string[], env: NodeJS.ProcessEnv) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    timeout: 90_000,
  }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e) => ({ code: e.code as number, out: `${e.stdout}`, err: `${e.stderr}` }),
  );

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-backup-versions-'));
const databases: TestDatabase[] = [];
const created: string[] = [];
const journal = JSON.parse(fs.readFileSync('src/db/migrations/meta/_journal.json', 'utf8')) as {
  entries: { when: number }[];
};

async function migrated(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

/** A new, empty database on the test server. */
async function empty(): Promise<string> {
  const url = new URL(inject('pgServerUrl'));
  const name = `e_${Math.random().toString(16).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  created.push(name);
  url.pathname = `/${name}`;
  return url.toString();
}

const migrations = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (
      await client.query('SELECT created_at::text AS w FROM drizzle.__drizzle_migrations ORDER BY id')
    ).rows.map((r) => Number(r.w));
  } finally {
    await client.end();
  }
};

/** A database of the version before this one: its last migration's journal row taken out. */
async function behind(database: TestDatabase) {
  await database.pool.query(
    'DELETE FROM drizzle.__drizzle_migrations WHERE id = (SELECT max(id) FROM drizzle.__drizzle_migrations)',
  );
}

afterAll(async () => {
  for (const d of databases) await d.close();
  const admin = new pg.Client({ connectionString: inject('pgServerUrl') });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and audit head between an upgrade and the restart', () => {
  it('never migrate the database; audit head refuses a database behind this version, naming migrate', async () => {
    const database = await migrated();
    await behind(database);
    const before = await migrations(database.url);
    expect(before).toHaveLength(journal.entries.length - 1);
    await backup(testConfig({ databaseUrl: database.url }), path.join(dir, 'behind.dump'), () => {});
    expect(await migrations(database.url)).toEqual(before);
    await expect(auditHead(testConfig({ databaseUrl: database.url }), () => {})).rejects.toThrow(
      /npm run cli -- migrate/,
    );
    expect(await migrations(database.url)).toEqual(before);
  }, 60_000);
});

describe('restore', () => {
  let sealed: string;
  beforeAll(async () => {
    // A backup whose trail holds a signed seal.
    const database = await migrated();
    await loadDemo(database.db);
    await audit.seal(database.db);
    expect(await audit.lastSealKey(database.db)).not.toBeNull();
    sealed = path.join(dir, 'sealed.dump');
    await backup(testConfig({ databaseUrl: database.url }), sealed, () => {});
  }, 120_000);

  it('of a sealed trail without its key creates no key, and says what to do', async () => {
    const keyFile = path.join(dir, 'restore2', 'audit-signing-key.pem');
    const r = await cli(['restore', sealed], {
      DATABASE_URL: await empty(),
      AUDIT_SIGNING_KEY_FILE: keyFile,
    });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('restauré (');
    expect(r.out).toMatch(
      new RegExp(
        `Attention : le journal a été scellé avec la clé \\S+, et AUDIT_SIGNING_KEY_FILE=${keyFile} n’existe pas \\(aucune clé n’a été créée\\)`,
      ),
    );
    expect(fs.existsSync(keyFile)).toBe(false);
  }, 90_000);

  it('refuses, before touching anything, a backup of a newer version', async () => {
    const source = await migrated();
    await source.pool.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
      'a-newer-migration',
      journal.entries.at(-1)!.when + 1000,
    ]);
    const file = path.join(dir, 'newer.dump');
    await backup(testConfig({ databaseUrl: source.url }), file, () => {});
    const target = await migrated();
    const before = await migrations(target.url);
    for (const [url, args] of [
      [target.url, ['restore', file, '--replace']],
      [await empty(), ['restore', file]],
    ] as const) {
      const r = await cli([...args], { DATABASE_URL: url });
      expect(r.code, r.err).toBe(1);
      expect(r.err.trim().split('\n'), r.err).toHaveLength(1);
      expect(r.err).toMatch(
        /a été fait par une version de la plateforme plus récente que celle-ci \(ou d’une autre lignée\)[^]*Rien n’a été modifié/,
      );
      expect(r.out).not.toContain('Restauration');
    }
    expect(await migrations(target.url)).toEqual(before);
  }, 90_000);

  it('--replace refuses, before touching anything, a database of another version than the backup', async () => {
    // The way back after an upgrade, done wrong: a backup of the version before, over the
    // upgraded database (its newer objects would stay).
    const source = await migrated();
    await behind(source);
    const file = path.join(dir, 'older.dump');
    await backup(testConfig({ databaseUrl: source.url }), file, () => {});
    const target = await migrated();
    const before = await migrations(target.url);
    const r = await cli(['restore', file, '--replace'], { DATABASE_URL: target.url });
    expect(r.code, r.err).toBe(1);
    expect(r.err.trim().split('\n'), r.err).toHaveLength(1);
    expect(r.err).toMatch(
      /la base cible n’est pas à la même version[^]*Restaurez plutôt dans une base neuve et vide/,
    );
    expect(r.out).not.toContain('Restauration');
    expect(await migrations(target.url)).toEqual(before);
  }, 90_000);
});
