import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_SERVICES } from '../core/session.js';
import { connect } from '../db/client.js';
import { type EmbeddedServer, startEmbeddedPostgres } from '../db/embedded.js';
import * as audit from '../modules/audit/service.js';
import { buildServer } from '../server.js';
import { type Client, signIn, startTestApp, type TestApp, testConfig } from '../test/app.js';
import { demoCampaign, handedOutBooklets } from '../test/circulation.js';
import { findPgTool, runPgTool } from './pg-tools.js';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');
const cli = (args: string[], env: NodeJS.ProcessEnv) =>
  run(TSX, ['src/cli.ts', ...args], { env: { ...process.env, ...env } });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-restore-'));
fs.chmodSync(dir, 0o777);
const file = path.join(dir, 'passnum.dump');
let source: TestApp;
let fresh: EmbeddedServer | undefined;
let codes: string[];
const session = { theme: STANDARD_SERVICES[0], durationMinutes: 60, format: 'individual' };

/** A new, empty database on the fresh server, where a backup is restored. */
async function emptyDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: fresh!.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(fresh!.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The real server on the restored database, with the demo place's agent signed in. */
async function onRestored(url: string, use: (agent: Client, placeId: string) => Promise<void>) {
  const database = connect(url);
  const app = await buildServer({ db: database.db, config: testConfig() });
  try {
    const agent = await signIn(app, 'lieu@hautsdefrance.test');
    await use(agent, agent.session.memberships[0]!.organisationId!);
    expect(await audit.verify(database.db)).toMatchObject({ ok: true, pending: 0 });
  } finally {
    await app.close();
    await database.close();
  }
}

beforeAll(async () => {
  source = await startTestApp({ demo: true });
  const c = await demoCampaign(source);
  ({ codes } = await handedOutBooklets(source, c, 1));
  const agent = await signIn(source.app, 'lieu@hautsdefrance.test');
  const placeId = agent.session.memberships[0]!.organisationId!;
  const res = await agent.request('POST', '/api/v1/redemptions', {
    placeId,
    code: codes[0],
    nonce: 'before-backup',
    ...session,
  });
  expect(res.statusCode).toBe(201);
  await audit.seal(source.database.db);
});

afterAll(async () => {
  await source?.close();
  await fresh?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores onto a fresh PostgreSQL server where new redemptions are sealed and the trail verifies', async () => {
    const backup = await cli(['backup', file], { DATABASE_URL: source.database.url });
    expect(backup.stdout).toContain(`Sauvegarde écrite dans ${file}`);
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);

    // A new server: its transaction ids start again from the beginning.
    fresh = await startEmbeddedPostgres({
      dir: path.join(dir, 'pg'),
      port: await freePort(),
      ephemeral: true,
    });
    const url = await emptyDatabase('restored');
    const restore = await cli(['restore', file], { DATABASE_URL: url });
    expect(restore.stdout).toContain('restauré (');

    await onRestored(url, async (agent, placeId) => {
      const again = await agent.request('POST', '/api/v1/redemptions', {
        placeId,
        code: codes[0],
        nonce: 'after-restore-replay',
        ...session,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'already_redeemed' });
      const res = await agent.request('POST', '/api/v1/redemptions', {
        placeId,
        code: codes[1],
        nonce: 'after-restore',
        ...session,
      });
      expect(res.statusCode).toBe(201);
    });
    const verified = await cli(['audit', 'verify'], { DATABASE_URL: url });
    expect(verified.stdout).toMatch(/Journal d’audit intact : \d+ entrées?/);
  }, 180_000);

  it('seals on after a restore made with pg_restore alone, without the command', async () => {
    const url = await emptyDatabase('plain');
    await runPgTool(findPgTool('pg_restore'), ['--no-owner', '--exit-on-error', file], url, () => {});
    await onRestored(url, async (agent, placeId) => {
      const res = await agent.request('POST', '/api/v1/redemptions', {
        placeId,
        code: codes[2],
        nonce: 'after-plain-restore',
        ...session,
      });
      expect(res.statusCode).toBe(201);
    });
  });

  it('refuses to restore over a database that holds data', async () => {
    const error = await cli(['restore', file], { DATABASE_URL: source.database.url }).catch((e) => e);
    expect(error.code).toBe(1);
    expect(error.stderr).toMatch(
      /La base cible n'est pas vide \(\d+ tables, \d+ entrées du journal d'audit\)/,
    );
  }, 60_000);
});
