import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A PostgreSQL server found running on a data directory through its `postmaster.pid`
 * (first line the pid, fourth the port), as PostgreSQL itself does.
 */
export interface RunningPostmaster {
  pid: number;
  port: number;
}

export function postmasterOf(dir: string): RunningPostmaster | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return undefined;
  // A stale file whose pid now belongs to another program must not get that program killed.
  const cmdline = readProc(pid, 'cmdline');
  if (cmdline !== undefined && !cmdline.split('\0').includes(dir)) return undefined;
  return { pid, port };
}

/** Alive and not a zombie: a killed server whose parent never reaps it is gone all the same. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = readProc(pid, 'stat');
  // The state follows the command name in parentheses, which may itself hold spaces.
  return stat === undefined || stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Stops a server this process did not start (one left behind by a killed app): fast
 * shutdown, then immediate shutdown, then SIGKILL, each given some time.
 */
export async function terminate(pid: number): Promise<void> {
  for (const [signal, ms] of [
    ['SIGINT', 10_000],
    ['SIGQUIT', 3000],
    ['SIGKILL', 3000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (const until = Date.now() + ms; Date.now() < until; await sleep(50)) {
      if (!processAlive(pid)) return;
    }
  }
  throw new Error(`Le serveur PostgreSQL laissé en marche (processus ${pid}) n’a pas pu être arrêté.`);
}
