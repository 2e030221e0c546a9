import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/open.js';
import { testConfig } from '../test/app.js';
import { freeLowPort, groupProcesses, killGroup, postmasterPid, until } from '../test/processes.js';
import { backup } from './backup.js';

// What runs as the backup starts opening the database, before the real opening: the signal is
// then sent at that moment whatever the machine's speed (a sleep could fire before or after).
const opening = vi.hoisted(() => ({ hook: undefined as (() => Promise<void>) | undefined }));
vi.mock('../db/open.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../db/open.js')>();
  return {
    ...real,
    openDatabase: async (...args: Parameters<typeof real.openDatabase>) => {
      await opening.hook?.();
      return real.openDatabase(...args);
    },
  };
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-backup-interrupt-'));
fs.chmodSync(dir, 0o755);
const dataDir = path.join(dir, 'data');
let port: number;

beforeAll(async () => {
  port = await freeLowPort();
  // An embedded instance, stopped, with enough data for its backup to take a few seconds.
  const database = await openDatabase(
    testConfig({ dataDir, embeddedPgPort: port, databaseUrl: undefined }),
    () => {},
    'share',
    { migrate: true },
  );
  try {
    await database.pool.query(
      `CREATE TABLE filler AS SELECT g, md5(g::text) || md5((g + 1)::text) AS t FROM generate_series(1, 1500000) g`,
    );
  } finally {
    await database.shutdown();
  }
}, 180_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a backup stopped by SIGTERM', () => {
  it('stops the embedded PostgreSQL it started and leaves no partial file or owner file', async () => {
    const file = path.join(dir, 'd3.dump');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'backup', file], {
      env: { ...process.env, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port), DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await until(
        () => `"Sauvegarde [" in: ${out}`,
        () => out.includes('Sauvegarde [') || undefined,
        60_000,
      );
      expect(fs.existsSync(`${file}.partial`)).toBe(true);
      process.kill(child.pid!, 'SIGTERM');
      expect(await exited, out).toBe(1);
      expect(out).toContain('SIGTERM reçu : arrêt en cours');
      expect(out).not.toMatch(/\n\s+at /);
      expect(postmasterPid(dataDir)).toBeUndefined();
      expect(fs.existsSync(`${file}.partial`)).toBe(false);
      expect(fs.existsSync(file)).toBe(false);
      expect(fs.existsSync(path.join(dataDir, 'pg.owner'))).toBe(false);
      // pg_dump too: nothing of the command is left running.
      await until('every process gone', () => groupProcesses(child.pid!).length === 0 || undefined, 5_000);
    } finally {
      killGroup(child.pid!);
    }
  }, 120_000);

  it('stopped while it opens the database, exits with code 1 and leaves no partial file', async () => {
    const file = path.join(dir, 'opening.dump');
    let out = '';
    const say = (msg: string) => (out += `${msg}\n`);
    // In this process: the clean-up's process.exit is caught (it would end the test run). The
    // spy stays: the clean-up's 10 s watchdog may still call it after this test.
    const exited = new Promise<number | undefined>((resolve) =>
      vi.spyOn(process, 'exit').mockImplementation(((code?: number) => resolve(code)) as typeof process.exit),
    );
    const before = new Set(process.listeners('SIGTERM'));
    opening.hook = async () => {
      opening.hook = undefined;
      process.kill(process.pid, 'SIGTERM');
      await until(
        () => `"SIGTERM reçu" in: ${out}`,
        () => out.includes('SIGTERM reçu') || undefined,
        10_000,
      );
    };
    try {
      const running = backup(
        testConfig({ dataDir, embeddedPgPort: port, databaseUrl: undefined }),
        file,
        say,
      ).then(
        () => 'resolved',
        (error: unknown) => `rejected: ${String(error)}`,
      );
      expect(await exited, out).toBe(1);
      expect(out).toContain('SIGTERM reçu : arrêt en cours');
      expect(postmasterPid(dataDir)).toBeUndefined();
      expect(fs.existsSync(path.join(dataDir, 'pg.owner'))).toBe(false);
      expect(fs.existsSync(`${file}.partial`)).toBe(false);
      expect(fs.existsSync(file)).toBe(false);
      // Nor later: the command, interrupted, does not go on (it would have exited by now).
      expect(await Promise.race([running, new Promise((r) => setTimeout(() => r('pending'), 2000))])).toBe(
        'pending',
      );
      expect(fs.existsSync(`${file}.partial`)).toBe(false);
    } finally {
      opening.hook = undefined;
      for (const l of process.listeners('SIGTERM')) if (!before.has(l)) process.off('SIGTERM', l);
      for (const l of process.listeners('SIGINT')) process.off('SIGINT', l);
    }
  }, 60_000);
});
