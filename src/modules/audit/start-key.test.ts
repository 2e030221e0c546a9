import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/test/database.js';
import { buildServer } from '../../server.js';
import { testConfig } from '../../test/app.js';
import { freeLowPort } from '../../test/processes.js';
import { loadOrCreateKeys } from './keys.js';
import * as audit from './service.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-start-key-'));
const runKey = () => loadOrCreateKeys(process.env.AUDIT_SIGNING_KEY_FILE!);
let sealed: TestDatabase;
let fresh: TestDatabase;

beforeAll(async () => {
  // A database whose trail was sealed with the run's key, as an instance's after its first day.
  sealed = await createTestDatabase();
  await audit.record(sealed.db, {
    actor: null,
    funderId: null,
    action: 'test.entry',
    objectType: 'test',
    objectId: null,
    summary: {},
  });
  expect(await audit.seal(sealed.db)).toBeGreaterThan(0);
  fresh = await createTestDatabase();
});
afterAll(async () => {
  await sealed.close();
  await fresh.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const serverOn = (database: TestDatabase, auditSigningKeyFile: string) =>
  buildServer({ db: database.db, config: testConfig({ auditSigningKeyFile }) });

describe('the audit signing key at start', () => {
  it('is never created anew for a database already sealed: a missing file stops the start', async () => {
    const typo = path.join(dir, 'some', 'typo', 'k.pem');
    await expect(serverOn(sealed, typo)).rejects.toThrow(
      `Le journal d’audit de la base a été scellé avec la clé ${runKey().keyId}, mais AUDIT_SIGNING_KEY_FILE=${typo} n’existe pas.`,
    );
    expect(fs.existsSync(typo)).toBe(false);
    expect(fs.existsSync(path.dirname(typo))).toBe(false);
  });

  it("refuses another key than the last seal's, naming both", async () => {
    const other = path.join(dir, 'other.pem');
    const otherKeys = loadOrCreateKeys(other);
    await expect(serverOn(sealed, other)).rejects.toThrow(
      `scellé avec la clé ${runKey().keyId}, mais AUDIT_SIGNING_KEY_FILE=${other} contient la clé ${otherKeys.keyId}`,
    );
    // The trail still verifies with its own key: nothing was signed with the other one.
    const result = await audit.verify(sealed.db);
    expect(result.ok).toBe(true);
  });

  it("starts with the last seal's key", async () => {
    const app = await serverOn(sealed, process.env.AUDIT_SIGNING_KEY_FILE!);
    await app.close();
  });

  it('creates a key for a database without seals only', async () => {
    const first = path.join(dir, 'first', 'audit-signing-key.pem');
    const app = await serverOn(fresh, first);
    await app.close();
    expect(fs.existsSync(first)).toBe(true);
    // Back to the run's key for whatever this process does next.
    await (await serverOn(fresh, process.env.AUDIT_SIGNING_KEY_FILE!)).close();
  });

  it('is refused by `start` in one line naming the variable, exit code 1, no stack', async () => {
    const typo = path.join(dir, 'typo.pem');
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
      env: {
        ...process.env,
        DATABASE_URL: sealed.url,
        AUDIT_SIGNING_KEY_FILE: typo,
        DEMO_DATA: 'false',
        PORT: String(await freeLowPort()),
        DATA_DIR: dir,
      },
      // The old code started and served: end it rather than wait for ever.
      timeout: 25_000,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`AUDIT_SIGNING_KEY_FILE=${typo} n’existe pas`);
    expect(run.stderr).toContain('docs/operations.md');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(typo)).toBe(false);
  });
  it('is refused the same way by the other commands, which write entries too: nothing is created', async () => {
    const typo = path.join(dir, 'cli-typo', 'k.pem');
    const cli = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
        env: {
          ...process.env,
          DATABASE_URL: sealed.url,
          AUDIT_SIGNING_KEY_FILE: typo,
          ADMIN_PASSWORD: 'Une-phrase-de-passe-solide-2026',
          DATA_DIR: dir,
        },
        timeout: 25_000,
      }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    for (const args of [
      ['admin', 'create', '--email', 'nouvelle.admin@exemple.fr'],
      ['audit', 'verify'],
      ['audit', 'head'],
    ]) {
      const run = await cli(...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toContain(`AUDIT_SIGNING_KEY_FILE=${typo} n’existe pas`);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).not.toContain('ROMPU');
    }
    expect(fs.existsSync(path.dirname(typo))).toBe(false);
    const { rows } = await sealed.db.$client.query(
      "SELECT 1 FROM users WHERE email = 'nouvelle.admin@exemple.fr'",
    );
    expect(rows).toHaveLength(0);
    // Three processes, each starting Node and tsx.
  }, 120_000);
});
