import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freeLowPort as freePort } from '../test/processes.js';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded.js';

/** What a connection with this password to the server of `url` is told (null: let in). */
async function signIn(url: string, password: string): Promise<string | null> {
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  const client = new pg.Client({ connectionString: u.toString() });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

const INVALID_PASSWORD = '28P01';

/**
 * The embedded server of `npm start` listens on 127.0.0.1 and a Unix socket that every user of
 * the machine reaches: its superuser's password must be the cluster's own, not one printed in
 * the source, and readable by the app's user only.
 */
describe('the embedded PostgreSQL’s password', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-embedded-'));
  fs.chmodSync(root, 0o755);
  const dir = path.join(root, 'pg');
  const file = `${dir}.password`;
  const running: EmbeddedServer[] = [];
  const start = async (port: number, running_: 'take-over' | 'share' = 'take-over') => {
    const server = await startEmbeddedPostgres({ dir, port, running: running_ });
    running.push(server);
    return server;
  };
  afterAll(async () => {
    for (const s of running.reverse()) await s.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('is drawn for each new cluster, kept beside it for its owner only, and the old published one is refused', async () => {
    const port = await freePort();
    const server = await start(port);
    const password = fs.readFileSync(file, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await signIn(server.url, password)).toBeNull();
    expect(await signIn(server.url, 'embedded')).toBe(INVALID_PASSWORD);
    // The command line, sharing the running server, reads the same password.
    const shared = await start(port, 'share');
    expect(shared.owned).toBe(false);
    expect(await signIn(shared.url, password)).toBeNull();

    // Another cluster gets another password.
    const other = path.join(root, 'other');
    const second = await startEmbeddedPostgres({ dir: other, port: await freePort(), ephemeral: true });
    try {
      expect(fs.readFileSync(`${other}.password`, 'utf8').trim()).not.toBe(password);
    } finally {
      await second.stop();
    }
    expect(fs.existsSync(`${other}.password`)).toBe(false);
    await server.stop();
  }, 120_000);

  it('replaces the published password of a cluster made before, at its next start, keeping its data', async () => {
    // A cluster as earlier versions made it: the published password, no file beside it.
    const port = await freePort();
    let server = await start(port);
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`ALTER ROLE postgres PASSWORD 'embedded'`);
    await admin.query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    await admin.end();
    fs.rmSync(file);
    await server.stop();

    server = await start(port);
    const password = fs.readFileSync(file, 'utf8').trim();
    expect(password).not.toBe('embedded');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await signIn(server.url, 'embedded')).toBe(INVALID_PASSWORD);
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      expect((await client.query('SELECT n FROM kept')).rows).toEqual([{ n: 42 }]);
    } finally {
      await client.end();
    }
    await server.stop();

    // A later start keeps it.
    server = await start(port);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(password);
    expect(await signIn(server.url, password)).toBeNull();
    await server.stop();
  }, 120_000);

  it('starts after a replacement cut short once the server had taken the new password', async () => {
    const port = await freePort();
    let server = await start(port);
    const old = fs.readFileSync(file, 'utf8').trim();
    // As replacePassword leaves it when killed between the server's change and the rename.
    const taken = 'Un-mot-de-passe-pris-par-le-serveur';
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`ALTER ROLE postgres PASSWORD '${taken}'`);
    await admin.end();
    fs.writeFileSync(`${file}.next`, `${taken}\n`, { mode: 0o600 });
    await server.stop();

    server = await start(port);
    expect(await signIn(server.url, old)).toBe(INVALID_PASSWORD);
    expect(fs.existsSync(`${file}.next`)).toBe(false);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(taken);
    expect(await signIn(server.url, taken)).toBeNull();
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.end();
    await server.stop();
  }, 120_000);
});
