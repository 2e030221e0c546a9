import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.js';
import { connect, type Database } from './client.js';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded.js';
import { requireCurrentSchema, runMigrations } from './migrate.js';

export interface OpenDatabase extends Database {
  url: string;
  /** Closes the pool, then stops the embedded server if this process started it. */
  shutdown(): Promise<void>;
}

const EMBEDDED_DB = 'passnum';

/**
 * The app's database: DATABASE_URL when set, otherwise the embedded PostgreSQL under
 * DATA_DIR/pg, created and started on demand.
 *
 * `migrate`: `true` applies the pending migrations before anything else (`start`, `migrate`
 * only); `'check'`, the default, applies none and refuses a database whose migrations are not
 * this version's, behind or ahead (every other command: run from cron between an upgrade's
 * `git pull` and the restart, it must not migrate the live database under the old server);
 * `false` neither applies nor checks (a restore, which loads its schema from the backup and
 * then migrates; a backup, which copies the database whatever its version).
 */
export async function openDatabase(
  config: Config,
  log: (msg: string) => void = () => {},
  /** The server's start takes the embedded server over; other commands share a running one. */
  running: 'take-over' | 'share' = 'share',
  // `fresh` empties the embedded database first (a demo load cut short); never an outside one.
  { migrate = 'check', fresh = false }: { migrate?: boolean | 'check'; fresh?: boolean } = {},
): Promise<OpenDatabase> {
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    const dir = path.join(config.dataDir, 'pg');
    embedded = await startEmbeddedPostgres({
      dir,
      port: config.embeddedPgPort,
      running,
      onRestart: log,
    });
    log(
      embedded.owned
        ? `Serveur PostgreSQL embarqué démarré (${dir}, port ${config.embeddedPgPort}).`
        : `Utilisation du serveur PostgreSQL embarqué qui fonctionne déjà sur ${dir}.`,
    );
    try {
      url = await ensureDatabase(embedded.url, EMBEDDED_DB, fresh);
    } catch (err) {
      await embedded.stop();
      throw err;
    }
  }
  const database = connect(url);
  try {
    if (migrate === true) await runMigrations(database.pool);
    else if (migrate === 'check') await requireCurrentSchema(database.pool);
  } catch (err) {
    await database.close();
    await embedded?.stop();
    throw err;
  }
  return {
    ...database,
    url,
    async shutdown() {
      await database.close();
      await embedded?.stop();
    },
  };
}

async function ensureDatabase(serverUrl: string, name: string, fresh: boolean): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    if (fresh) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
