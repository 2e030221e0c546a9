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
      `Le chargement de la démonstration d’un démarrage précédent a été interrompu : la base contient une partie de la démonstration. Videz-la et redémarrez, ou supprimez ${demoLoadingFile(config)} pour la garder telle quelle.\n`,
    );
    return false;
  }
  say(
    'Le chargement de la démonstration au premier démarrage a été interrompu : la base embarquée est vidée et la démonstration chargée de nouveau.',
  );
  return true;
}
