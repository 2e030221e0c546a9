import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.js';
import { connect, type Database } from './client.js';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded.js';
import { runMigrations } from './migrate.js';

export interface OpenDatabase extends Database {
  url: string;
  /** Closes the pool, then stops the embedded server if this process started it. */
  shutdown(): Promise<void>;
}

const EMBEDDED_DB = 'passnum';

/**
 * The app's database: DATABASE_URL when set, otherwise the embedded PostgreSQL under
 * DATA_DIR/pg, created and started on demand. Migrations run before anything else.
 */
export async function openDatabase(
  config: Config,
  log: (msg: string) => void = () => {},
  /** The server's start takes the embedded server over; other commands share a running one. */
  running: 'take-over' | 'share' = 'share',
  // A restore loads its schema from the backup: it opens the database without migrating.
  // `fresh` empties the embedded database first (a demo load cut short); never an outside one.
  { migrate = true, fresh = false }: { migrate?: boolean; fresh?: boolean } = {},
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
        ? `Embedded PostgreSQL server started (${dir}, port ${config.embeddedPgPort}).`
        : `Using the embedded PostgreSQL server already running on ${dir}.`,
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
    if (migrate) await runMigrations(database.pool);
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
