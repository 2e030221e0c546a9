import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import pg from 'pg';
import type { Config } from '../config.js';
import { DomainError } from '../core/errors.js';
import { APPLICATION_NAME, connect } from '../db/client.js';
import { liveOwner } from '../db/embedded.js';
import { runMigrations } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { auditKeys } from '../modules/audit/keys.js';
import * as audit from '../modules/audit/service.js';
import { dumpTableCount, findPgTool, runPgTool } from './pg-tools.js';

type Say = (msg: string) => void;
// Progress also when the output is a log file or a pipe (cron, CI), every 2 seconds there.
const BAR = { noTTYOutput: true, notTTYSchedule: 2000 };

function bar(format: string, total: number) {
  const b = new cliProgress.SingleBar({ format, ...BAR }, cliProgress.Presets.shades_classic);
  b.start(total, 0);
  return b;
}

async function tableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/**
 * `backup <file>`: the whole database in PostgreSQL's custom format (compressed, restorable
 * table by table with pg_restore), written beside the target and renamed when complete, so
 * that a failed backup never leaves a file that looks whole. The signing key of the audit
 * trail is not in it: it is kept outside the database, and must be kept with the backups.
 */
export async function backup(config: Config, file: string, say: Say): Promise<void> {
  const target = path.resolve(file);
  const partial = `${target}.partial`;
  const pgDump = findPgTool('pg_dump');
  const database = await openDatabase(config);
  try {
    // Names, birth dates and password hashes: readable by the owner only, from its first byte
    // (pg_dump opens the file it is given without changing its mode), and so after the rename.
    fs.rmSync(partial, { force: true });
    fs.closeSync(fs.openSync(partial, 'wx', 0o600));
    fs.chmodSync(partial, 0o600);
    const progress = bar('Backing up [{bar}] {value}/{total} tables', await tableCount(database.url));
    try {
      await runPgTool(
        pgDump,
        ['--format=custom', '--verbose', '--no-owner', '--no-privileges', `--file=${partial}`],
        database.url,
        (line) => {
          if (/dumping contents of table/.test(line)) progress.increment();
        },
      );
    } finally {
      progress.stop();
    }
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    await database.shutdown();
  }
  const mb = (fs.statSync(target).size / 1024 / 1024).toFixed(1);
  say(`Backup written to ${target} (${mb} MB).`);
  say(`Keep the audit signing key (${config.auditSigningKeyFile}) with your backups, apart from them.`);
}

async function entryCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT CASE WHEN to_regclass('public.audit_entries') IS NULL THEN 0
                   ELSE (SELECT count(*)::int FROM audit_entries) END AS n`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/**
 * `restore <file> [--replace]`: loads a backup into the configured database (an empty one,
 * unless --replace), applies the migrations a newer version brings, and opens a new epoch of
 * the audit trail: the server's transaction ids may have started again, and the sealer reads
 * what it writes from now on in that epoch.
 */
export async function restore(config: Config, file: string, replace: boolean, say: Say): Promise<void> {
  const source = path.resolve(file);
  if (!fs.existsSync(source))
    throw new DomainError('backup_not_found', `Sauvegarde introuvable : ${source}.`);
  // A server running on the target would write during the restore and see its tables dropped.
  if (!config.databaseUrl) {
    const owner = liveOwner(path.join(config.dataDir, 'pg'));
    if (owner !== undefined)
      throw new DomainError(
        'restore_target_in_use',
        `Le PostgreSQL embarqué de ${config.dataDir} est utilisé par le processus ${owner}, qui tourne encore : arrêtez le serveur de la plateforme avant de restaurer.`,
      );
  }
  const tables = await dumpTableCount(source);
  const pgRestore = findPgTool('pg_restore');
  const database = await openDatabase(config, () => {}, 'share', { migrate: false });
  try {
    const existing = await tableCount(database.url);
    if (existing > 0 && !replace)
      throw new DomainError(
        'restore_target_not_empty',
        `La base cible n'est pas vide (${existing} tables, ${await entryCount(database.url)} entrées du journal d'audit) : la restauration remplacerait son contenu. Restaurez dans une base neuve, ou ajoutez --replace pour remplacer le contenu d'une base de la même version.`,
      );
    // The application's sessions on the target, other than this command's own (its pool's
    // single connection, the one asking).
    const { rows: sessions } = await database.pool.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE application_name = $1 AND datname = current_database() AND pid <> pg_backend_pid()`,
      [APPLICATION_NAME],
    );
    if (sessions.length)
      throw new DomainError(
        'restore_target_in_use',
        `La base cible est utilisée par l'application (${sessions.length} session(s) « ${APPLICATION_NAME} », pid ${sessions.map((r) => r.pid).join(', ')}) : arrêtez toutes ses instances avant de restaurer.`,
      );
    const progress = bar('Restoring [{bar}] {value}/{total} tables', tables);
    try {
      await runPgTool(
        pgRestore,
        ['--verbose', '--clean', '--if-exists', '--no-owner', '--no-privileges', '--exit-on-error', source],
        database.url,
        (line) => {
          if (/processing data for table/.test(line)) progress.increment();
        },
      );
    } finally {
      progress.stop();
    }
    // A fresh pool: the tables its connections knew were dropped and created again.
    const restored = connect(database.url, 2);
    try {
      await runMigrations(restored.pool);
      const epoch = await audit.openEpochAfterRestore(restored.db);
      say(`Restored ${source} (${tables} tables); the audit trail goes on in epoch ${epoch}.`);
      const sealedWith = await audit.lastSealKey(restored.db);
      if (sealedWith && sealedWith !== auditKeys().keyId)
        say(
          `Warning: the trail was sealed with key ${sealedWith}, this instance signs with ${auditKeys().keyId}: restore the original key file (AUDIT_SIGNING_KEY_FILE) or \`audit verify\` will fail.`,
        );
    } finally {
      await restored.close();
    }
  } finally {
    await database.shutdown();
  }
}
