import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../db/test/database.js';
import { testConfig } from '../test/app.js';
import { backup } from './backup.js';

let database: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-backup-mode-'));
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a backup file', () => {
  it('is readable by its owner only (0600), even under a loose umask and over a 0644 file', async () => {
    const file = path.join(dir, 'passnum.dump');
    // A file left by an earlier backup, readable by all, and its .partial too.
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    fs.writeFileSync(`${file}.partial`, 'old', { mode: 0o644 });
    const umask = process.umask(0o022);
    try {
      await backup(testConfig({ databaseUrl: database.url }), file, () => {});
    } finally {
      process.umask(umask);
    }
    expect(fs.statSync(file).size).toBeGreaterThan(1_000);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  }, 60_000);

  it('says so when it replaces a file that was there, and not otherwise', async () => {
    const file = path.join(dir, 'twice.dump');
    const said: string[] = [];
    await backup(testConfig({ databaseUrl: database.url }), file, (msg) => said.push(msg));
    expect(said[0]).toMatch(/^Sauvegarde écrite dans .*twice\.dump \([\d.]+ Mo\)\.$/);
    said.length = 0;
    await backup(testConfig({ databaseUrl: database.url }), file, (msg) => said.push(msg));
    expect(said[0]).toMatch(
      /^Sauvegarde écrite dans .*twice\.dump \([\d.]+ Mo\), à la place du fichier qui s’y trouvait\.$/,
    );
  }, 60_000);
});
