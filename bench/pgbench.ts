import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** A Debian tool, or a clear message saying which package brings it. */
export function findTool(name: string, pkg: string): string {
  const versions = fs.existsSync('/usr/lib/postgresql')
    ? fs
        .readdirSync('/usr/lib/postgresql')
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const candidates = [`/usr/bin/${name}`, ...versions.map((v) => `/usr/lib/postgresql/${v}/bin/${name}`)];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    process.stderr.write(`this benchmark needs ${name}: apt-get install -y ${pkg}\n`);
    process.exit(1);
  }
  return found;
}

export interface PgbenchRun {
  bin: string;
  /** postgres://user:password@host:port/database */
  url: string;
  script: string;
  clients: number;
  threads: number;
  seconds: number;
  /** -D variables of the script. */
  vars: Record<string, string | number>;
}

/** Runs pgbench for a while; returns the transactions it completed and their rate. */
export function runPgbench(run: PgbenchRun): { processed: number; tps: number } {
  const { username, password, hostname, port, pathname } = new URL(run.url);
  const out = execFileSync(
    run.bin,
    [
      ...['-n', '-c', String(run.clients), '-j', String(run.threads), '-T', String(run.seconds)],
      ...['-f', run.script],
      ...Object.entries(run.vars).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
      ...['-h', hostname, '-p', port, '-U', decodeURIComponent(username), pathname.slice(1)],
    ],
    { env: { ...process.env, PGPASSWORD: decodeURIComponent(password) }, encoding: 'utf8' },
  );
  const tps = /^tps = ([\d.]+) \(without initial connection time\)$/m.exec(out);
  const processed = /^number of transactions actually processed: (\d+)/m.exec(out);
  if (!tps || !processed) throw new Error(`unexpected pgbench output:\n${out}`);
  return { processed: Number(processed[1]), tps: Number(tps[1]) };
}

/**
 * How long the disk under `dir` takes to flush one 8 kB write (pg_test_fsync's fdatasync, the
 * method PostgreSQL uses on Linux), in microseconds. A durable commit waits for one such flush:
 * where flushes are dear, a batch of redemptions sharing one commit gains on single-row
 * updates; where they are nearly free, both sides are bound by the CPU instead. Printed with
 * the rates so that runs on different machines, or on days when the disk differs, can be read.
 */
export function flushMicros(dir: string): number {
  const bin = findTool('pg_test_fsync', 'postgresql-15');
  const out = execFileSync(bin, ['-s', '1', '-f', `${dir}/pg_test_fsync.tmp`], { encoding: 'utf8' });
  const line = /^\s+fdatasync\s+[\d.]+ ops\/sec\s+(\d+) usecs\/op$/m.exec(out);
  if (!line) throw new Error(`unexpected pg_test_fsync output:\n${out}`);
  return Number(line[1]);
}
