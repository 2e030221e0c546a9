import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import pg from 'pg';
import { plural } from '../cli/usage.js';
import type { Config } from '../config.js';
import { DomainError } from '../core/errors.js';
import { agree } from '../core/french.js';
import { APPLICATION_NAME, connect } from '../db/client.js';
import { liveOwner } from '../db/embedded.js';
import { runMigrations } from '../db/migrate.js';
import { type OpenDatabase, openDatabase } from '../db/open.js';
import { loadOrCreateKeys } from '../modules/audit/keys.js';
import * as audit from '../modules/audit/service.js';
import { never, onInterrupt } from './interrupt.js';
import { dumpMigrations, dumpTableCount, findPgTool, runPgTool } from './pg-tools.js';

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
  checkBackupTarget(target);
  const partial = `${target}.partial`;
  const pgDump = findPgTool('pg_dump');
  // SIGTERM or Ctrl-C: pg_dump stopped, the partial file removed, the embedded server stopped.
  // Never migrated here: a backup run from cron after an upgrade's `git pull` but before the
  // restart would migrate the live database under the old server.
  const { database, stopped, shutdown, release } = await openStoppable(config, say, () =>
    fs.rmSync(partial, { force: true }),
  );
  let replaced = false;
  try {
    // Names, birth dates and password hashes: readable by the owner only, from its first byte
    // (pg_dump opens the file it is given without changing its mode), and so after the rename.
    fs.rmSync(partial, { force: true });
    fs.closeSync(fs.openSync(partial, 'wx', 0o600));
    fs.chmodSync(partial, 0o600);
    const progress = bar('Sauvegarde [{bar}] {value}/{total} tables', await tableCount(database.url));
    try {
      await runPgTool(
        pgDump,
        ['--format=custom', '--verbose', '--no-owner', '--no-privileges', `--file=${partial}`],
        database.url,
        (line) => {
          if (/dumping contents of table/.test(line)) progress.increment();
        },
        stopped.signal,
      );
    } finally {
      progress.stop();
    }
    // Replaced whole, and only by a complete backup: said, so that a file meant to be kept
    // (named like the nightly one) is not lost without a word.
    replaced = fs.existsSync(target);
    fs.renameSync(partial, target);
  } catch (error) {
    // Interrupted: the signal's clean-up removes the file, stops the server and exits.
    if (stopped.signal.aborted) return never();
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    if (!stopped.signal.aborted) {
      await shutdown();
      release();
    }
  }
  const mb = (fs.statSync(target).size / 1024 / 1024).toFixed(1);
  say(
    `Sauvegarde écrite dans ${target} (${mb} Mo)${replaced ? ', à la place du fichier qui s’y trouvait' : ''}.`,
  );
  say(
    `Conservez la clé de signature du journal d’audit (${config.auditSigningKeyFile}) avec vos sauvegardes, mais à part.`,
  );
}

/**
 * The database opened without migrating, for a command a signal may stop: on SIGTERM or Ctrl-C,
 * `stopped` is aborted (the PostgreSQL tool it is given stops), `cleanup` runs, the embedded
 * server is stopped and the process exits. The handlers are set before the database is opened:
 * loading the embedded server's package drops those added while it loads.
 */
async function openStoppable(config: Config, say: Say, cleanup: () => void = () => {}) {
  const stopped = new AbortController();
  let opening: Promise<OpenDatabase> | undefined;
  const shutdown = once(async () => (await opening?.catch(() => undefined))?.shutdown());
  const release = onInterrupt(async () => {
    stopped.abort();
    cleanup();
    await shutdown();
  }, say);
  opening = openDatabase(config, () => {}, 'share', { migrate: false });
  let database: OpenDatabase;
  try {
    database = await opening;
  } catch (error) {
    if (stopped.signal.aborted) return never();
    release();
    throw error;
  }
  // A signal while the database was opening: its clean-up has already run (the partial file
  // removed before it existed) and exits once the server is stopped; going on would create the
  // partial file, or start pg_dump, after that.
  if (stopped.signal.aborted) return never();
  return { database, stopped, shutdown, release };
}

/** Runs `fn` once; later calls get the first call's promise. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

/**
 * The target of a backup, checked before anything is dumped: its directory exists and can be
 * written, and the target itself is not a directory (found out only at the rename, after the
 * whole dump, otherwise).
 */
function checkBackupTarget(target: string): void {
  const dir = path.dirname(target);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dir);
  } catch {
    // said below
  }
  if (!stat?.isDirectory())
    throw new Error(
      `backup : ${dir} n’est pas un dossier existant : créez-le, ou donnez un fichier dans un dossier qui existe (rien n’a été écrit).`,
    );
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    throw new Error(
      `backup : impossible d’écrire dans ${dir} (${(error as NodeJS.ErrnoException).code}) : donnez un fichier dans un dossier où ce compte peut écrire (rien n’a été écrit).`,
    );
  }
  if (fs.statSync(target, { throwIfNoEntry: false })?.isDirectory())
    throw new Error(
      `backup : ${target} est un dossier : donnez le nom du fichier de sauvegarde (${path.join(target, 'passnum-AAAA-MM-JJ.dump')}, par exemple) ; rien n’a été écrit.`,
    );
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
  const dumped = await dumpMigrations(source);
  refuseNewerDump(source, dumped);
  // SIGTERM or Ctrl-C: pg_restore stopped, the embedded server stopped.
  const { database, stopped, shutdown, release } = await openStoppable(config, say);
  try {
    const existing = await tableCount(database.url);
    if (existing > 0 && !replace)
      throw new DomainError(
        'restore_target_not_empty',
        `La base cible n'est pas vide (${existing} tables, ${await entryCount(database.url)} entrées du journal d'audit) : la restauration remplacerait son contenu. Restaurez dans une base neuve, ou ajoutez --replace pour remplacer le contenu d'une base de la même version.`,
      );
    if (existing > 0) await refuseOtherVersion(database.url, source, dumped);
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
        `La base cible est utilisée par l'application (${plural(sessions.length, 'session')} « ${APPLICATION_NAME} », pid ${sessions.map((r) => r.pid).join(', ')}) : arrêtez toutes ses instances avant de restaurer.`,
      );
    const progress = bar('Restauration [{bar}] {value}/{total} tables', tables);
    try {
      await runPgTool(
        pgRestore,
        ['--verbose', '--clean', '--if-exists', '--no-owner', '--no-privileges', '--exit-on-error', source],
        database.url,
        (line) => {
          if (/processing data for table/.test(line)) progress.increment();
        },
        stopped.signal,
      );
    } finally {
      progress.stop();
    }
    // A fresh pool: the tables its connections knew were dropped and created again.
    const restored = connect(database.url, 2);
    try {
      await runMigrations(restored.pool);
      const epoch = await audit.openEpochAfterRestore(restored.db);
      say(
        `${source} restauré (${plural(tables, 'table')}) ; le journal d’audit se poursuit dans l’époque ${epoch}.`,
      );
      const sealedWith = await audit.lastSealKey(restored.db);
      if (sealedWith) warnOfAnotherKey(config.auditSigningKeyFile, sealedWith, say);
    } finally {
      await restored.close();
    }
  } catch (error) {
    // Interrupted: the signal's clean-up stops the server and exits.
    if (stopped.signal.aborted) return never();
    throw error;
  } finally {
    if (!stopped.signal.aborted) {
      await shutdown();
      release();
    }
  }
}

/**
 * A restored trail sealed with a key that AUDIT_SIGNING_KEY_FILE does not hold: said, and no
 * key is created (a new key cannot continue a sealed trail; the server refuses to start until
 * the file holds the key of the last seal).
 */
function warnOfAnotherKey(file: string, sealedWith: string, say: Say): void {
  let held: string;
  try {
    if (!fs.existsSync(file)) held = 'n’existe pas (aucune clé n’a été créée)';
    else {
      const keyId = loadOrCreateKeys(file).keyId;
      if (keyId === sealedWith) return;
      held = `contient la clé ${keyId}`;
    }
  } catch (error) {
    held = `ne peut pas être lu (${error instanceof DomainError ? error.detail : String(error)})`;
  }
  say(
    `Attention : le journal a été scellé avec la clé ${sealedWith}, et AUDIT_SIGNING_KEY_FILE=${file} ${held} : placez-y le fichier de clé de l’instance sauvegardée avant de démarrer le serveur (sinon il refuse de démarrer, et \`audit verify\` échoue).`,
  );
}

const JOURNAL = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'db',
  'migrations',
  'meta',
  '_journal.json',
);

/** This version's migrations, as the migrator records them (their `when`), in order. */
function versionMigrations(): { when: number; tag: string }[] {
  return (JSON.parse(fs.readFileSync(JOURNAL, 'utf8')) as { entries: { when: number; tag: string }[] })
    .entries;
}

/** Whether `applied` (the created_at of the applied migrations, in order) are this version's first ones. */
const isPrefix = (applied: number[], ours: { when: number }[]) =>
  applied.length <= ours.length && applied.every((when, i) => ours[i]!.when === when);

/**
 * A backup of a newer version, or of another line of versions, is refused before anything is
 * touched: this version would run on tables it does not know.
 */
function refuseNewerDump(source: string, dumped: number[]): void {
  const ours = versionMigrations();
  if (!isPrefix(dumped, ours))
    throw new Error(
      `restore : ${source} a été fait par une version de la plateforme plus récente que celle-ci (ou d’une autre lignée), dont la dernière migration est ${ours.at(-1)!.tag} : restaurez-le avec cette version-là. Rien n’a été modifié.`,
    );
}

/**
 * --replace drops and re-creates the backup's objects only: over a database of another version
 * (a newer one's objects, or an older one's missing), the result would be neither. The target's
 * applied migrations must be the backup's.
 */
async function refuseOtherVersion(url: string, source: string, dumped: number[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let applied: number[];
  try {
    const { rows } = await client.query<{ exists: boolean }>(
      `SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS exists`,
    );
    applied = rows[0]?.exists
      ? (
          await client.query<{ when: string }>(
            'SELECT created_at::text AS when FROM drizzle.__drizzle_migrations ORDER BY id',
          )
        ).rows.map((r) => Number(r.when))
      : [];
  } finally {
    await client.end();
  }
  if (applied.length !== dumped.length || applied.some((when, i) => dumped[i] !== when))
    throw new Error(
      `restore --replace : la base cible n’est pas à la même version que ${source} (${plural(applied.length, 'migration')} ${agree(applied.length, 'appliquée', 'appliquées')}, ${dumped.length} dans la sauvegarde) : --replace ne remplace qu’une base de la version de la sauvegarde. Restaurez plutôt dans une base neuve et vide (un nouveau DATABASE_URL, ou un nouveau DATA_DIR). Rien n’a été modifié.`,
    );
}
