import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Database } from '../db/client.js';
import { createTestDatabase, type TestDatabase } from '../db/test/database.js';
import { testConfig } from '../test/app.js';
import { backup, restore } from './backup.js';

let database: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pn-restore-in-use-'));
const file = path.join(dir, 'passnum.dump');
beforeAll(async () => {
  database = await createTestDatabase();
  await backup(testConfig({ databaseUrl: database.url }), file, () => {});
}, 60_000);
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a restore while the platform runs on the target', () => {
  it('is refused on an external database where the application has sessions, naming them', async () => {
    const app: Database = connect(database.url, 1);
    try {
      const { rows } = await app.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const error = await restore(testConfig({ databaseUrl: database.url }), file, true, () => {}).catch(
        (e) => e,
      );
      expect(error).toMatchObject({ code: 'restore_target_in_use' });
      expect(error.detail).toContain(`pid ${rows[0]!.pid}`);
    } finally {
      await app.close();
    }
    // The application gone, the restore goes through.
    const said: string[] = [];
    await restore(testConfig({ databaseUrl: database.url }), file, true, (m) => said.push(m));
    expect(said.join('\n')).toContain('restauré (');
  }, 60_000);

  it('is refused on the embedded database while the process that started it runs, naming its pid', async () => {
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    // The owner: a process that still runs (the server would be one).
    const owner: ChildProcess = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      fs.writeFileSync(path.join(dataDir, 'pg.owner'), `${owner.pid}\n`);
      const error = await restore(testConfig({ dataDir }), file, true, () => {}).catch((e) => e);
      expect(error).toMatchObject({ code: 'restore_target_in_use' });
      expect(error.detail).toContain(`processus ${owner.pid}`);
      // Nothing was started on the way.
      expect(fs.existsSync(path.join(dataDir, 'pg'))).toBe(false);
    } finally {
      owner.kill();
    }
  }, 60_000);
});
