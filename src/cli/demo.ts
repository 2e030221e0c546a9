import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { say } from './usage.js';

// The demo place's key is kept beside the data so that every start can show it again.
export const demoKeyFile = (config: Config) => path.join(config.dataDir, 'demo-api-key.txt');

// Present while the demo loads: the load takes many transactions, and a start stopped
// (or killed) halfway would otherwise leave half a demo that the next start takes as data.
const demoLoadingFile = (config: Config) => path.join(config.dataDir, 'demo-loading');

export async function seedDemo(db: Db, config: Config) {
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(demoLoadingFile(config), '');
  // Imported here: the demo's module loads the whole platform, which `start` loads
  // while its database starts.
  const { loadDemo } = await import('../demo/seed.js');
  const key = await loadDemo(db);
  fs.writeFileSync(demoKeyFile(config), `${key}\n`, { mode: 0o600 });
  fs.rmSync(demoLoadingFile(config));
}

/**
 * A demo load cut short. The embedded database then holds nothing but part of the demo: it
 * is emptied and the demo loaded afresh. An outside database (DATABASE_URL) is never emptied:
 * its operator is told what happened.
 */
export function interruptedDemo(config: Config): boolean {
  if (!config.loadDemo || !fs.existsSync(demoLoadingFile(config))) return false;
  if (config.databaseUrl) {
    process.stderr.write(
      `The demo load of an earlier start was interrupted: the database holds part of the demo. Empty it and start again, or remove ${demoLoadingFile(config)} to keep it as it is.\n`,
    );
    return false;
  }
  say(
    'The demo load of the first start was interrupted: the embedded database is emptied and the demo loaded afresh.',
  );
  return true;
}
