import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../core/errors.js';

/**
 * PostgreSQL's client tools, as Debian installs them: the newest major version under
 * /usr/lib/postgresql (pg_dump must be at least as new as the server), else the PATH.
 */
export function findPgTool(name: 'pg_dump' | 'pg_restore'): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const candidates = [
    ...versions.map((v) => path.join(root, v, 'bin', name)),
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, name)),
  ];
  const found = candidates.find((p) => {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found)
    throw new DomainError(
      'pg_tool_missing',
      `${name} introuvable : installez les outils clients de PostgreSQL (apt-get install -y postgresql-client-15).`,
    );
  return found;
}

/**
 * The URI parameters libpq (PostgreSQL 15 to 18) knows: it refuses a whole URL with any other
 * (« invalid URI query parameter »), and DATABASE_URL is written for node-pg, which has some of
 * its own.
 */
const LIBPQ_PARAMETERS = new Set([
  'host',
  'hostaddr',
  'port',
  'dbname',
  'user',
  'passfile',
  'channel_binding',
  'connect_timeout',
  'client_encoding',
  'options',
  'application_name',
  'fallback_application_name',
  'keepalives',
  'keepalives_idle',
  'keepalives_interval',
  'keepalives_count',
  'tcp_user_timeout',
  'gssencmode',
  'sslmode',
  'sslnegotiation',
  'sslcompression',
  'sslcert',
  'sslkey',
  'sslcertmode',
  'sslpassword',
  'sslrootcert',
  'sslcrl',
  'sslcrldir',
  'sslsni',
  'requirepeer',
  'require_auth',
  'ssl_min_protocol_version',
  'ssl_max_protocol_version',
  'krbsrvname',
  'gsslib',
  'gssdelegation',
  'service',
  'target_session_attrs',
  'load_balance_hosts',
]);

/**
 * The URL as libpq takes it, without its password, which goes in PGPASSWORD: never on a command
 * line others can read. node-pg's own parameters are translated (`sslmode=no-verify`: libpq's
 * `sslmode=require`, which encrypts without verifying; `ssl=1`: likewise, as libpq reads `ssl=true`) or dropped (`uselibpqcompat`, which
 * only makes node-pg read sslmode as libpq does). Exported for its test.
 */
export function connectionOf(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const given = new URLSearchParams(u.search);
  const kept = new URLSearchParams();
  for (const [name, value] of given) {
    if (name === 'sslmode' && value === 'no-verify') kept.append(name, 'require');
    else if (LIBPQ_PARAMETERS.has(name)) kept.append(name, value);
  }
  // ssl=true (or 1) without an sslmode: libpq reads ssl=true as sslmode=require, and knows no ssl=1.
  const ssl = given.get('ssl');
  if (!kept.has('sslmode') && (ssl === 'true' || ssl === '1')) kept.set('sslmode', 'require');
  u.search = kept.toString();
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/**
 * Runs a PostgreSQL tool on a database, calling `onLine` for each line it prints on
 * stderr (its --verbose progress); fails with the tool's last lines when it fails.
 */
export function runPgTool(
  bin: string,
  args: string[],
  url: string,
  onLine: (line: string) => void,
  /** Aborted: the tool is stopped (SIGTERM), and the promise rejects. */
  signal?: AbortSignal,
): Promise<void> {
  const { dbname, env } = connectionOf(url);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [...args, `--dbname=${dbname}`], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
      signal,
    });
    const tail: string[] = [];
    let pending = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        onLine(line);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else {
        const errors = tail.filter((l) => /error|erreur|fatal/i.test(l));
        reject(
          new Error(
            `${path.basename(bin)} failed (exit ${code}):\n${(errors.length ? errors : tail).join('\n')}`,
          ),
        );
      }
    });
  });
}

/**
 * What pg_restore writes reading a dump (`args` before the file), or a refusal naming the file
 * when it is not a dump pg_restore can read.
 */
function readDump(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(findPgTool('pg_restore'), [...args, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve(out);
      reject(
        new DomainError(
          'backup_unreadable',
          `Le fichier ${file} n'est pas une sauvegarde lisible (format personnalisé de pg_dump) : ${err.trim()}`,
        ),
      );
    });
  });
}

/** The table data entries of a custom-format dump, to measure a restore's progress. */
export async function dumpTableCount(file: string): Promise<number> {
  const list = await readDump(file, ['--list']);
  return list.split('\n').filter((l) => / TABLE DATA /.test(l)).length;
}

/**
 * The migrations applied in the database a dump was made of (drizzle's `created_at` of each, in
 * order), read from the dump's data of drizzle.__drizzle_migrations; none for a dump without it.
 */
export async function dumpMigrations(file: string): Promise<number[]> {
  const out = await readDump(file, [
    '--data-only',
    '--schema=drizzle',
    '--table=__drizzle_migrations',
    '--file=-',
  ]);
  // COPY drizzle.__drizzle_migrations (id, hash, created_at) FROM stdin; rows; \.
  const rows: { id: number; when: number }[] = [];
  let columns: string[] | undefined;
  for (const line of out.split('\n')) {
    const copy = /^COPY drizzle\.__drizzle_migrations \(([^)]*)\) FROM stdin;$/.exec(line);
    if (copy) columns = copy[1]!.split(',').map((c) => c.trim());
    else if (line === '\\.') columns = undefined;
    else if (columns) {
      const cells = line.split('\t');
      rows.push({
        id: Number(cells[columns.indexOf('id')]),
        when: Number(cells[columns.indexOf('created_at')]),
      });
    }
  }
  return rows.sort((a, b) => a.id - b.id).map((r) => r.when);
}
