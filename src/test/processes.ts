import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Helpers for tests that run the real command line in child processes, the way an
 * operator or a process manager does, and hurt it the way faults do.
 */

/** A free port below the ephemeral range, so that no outgoing connection takes it meanwhile. */
export async function freeLowPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

export interface Launched {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/**
 * Starts `npm <args>` in a process group of its own (as a terminal or a process manager
 * would), so that its layers (npm, sh, tsx, node) can be found and killed together.
 */
export function launch(args: string[], env: NodeJS.ProcessEnv): Launched {
  const child = spawn('npm', args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

interface Proc {
  pid: number;
  comm: string;
  pgrp: number;
  state: string;
}

function processes(): Proc[] {
  const found: Proc[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      found.push({
        pid: Number(entry),
        comm: stat.slice(stat.indexOf('(') + 1, close),
        state: fields[0]!,
        pgrp: Number(fields[2]),
      });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** The live processes of a group: postgres' own, or the app's layers. */
export function groupProcesses(pgrp: number, which: 'app' | 'postgres' | 'all' = 'all'): number[] {
  return processes()
    .filter((p) => p.pgrp === pgrp && p.state !== 'Z')
    .filter((p) => which === 'all' || (which === 'postgres') === (p.comm === 'postgres'))
    .map((p) => p.pid);
}

/** kill -9 every layer of the app (npm, sh, tsx, node) but not the PostgreSQL it started. */
export function killApp(l: Launched): void {
  for (const pid of groupProcesses(l.child.pid!, 'app')) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export function alive(pid: number): boolean {
  return processes().some((p) => p.pid === pid && p.state !== 'Z');
}

/** The pid of the PostgreSQL server running on DATA_DIR/pg, if any. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return alive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function until<T>(
  what: string | (() => string),
  probe: () => Promise<T | undefined> | T | undefined,
  ms: number,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`${typeof what === 'string' ? what : what()}: not within ${ms} ms`);
    await sleep(100);
  }
}

/** Polls the health route until it answers 200. */
export async function healthy(port: number, ms: number, l?: Launched): Promise<void> {
  await until(
    () => `health on port ${port}${l ? `; output:\n${l.output()}` : ''}`,
    async () => {
      if (l && l.child.exitCode !== null) throw new Error(`exited ${l.child.exitCode}:\n${l.output()}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`, {
          signal: AbortSignal.timeout(2000),
        });
        return res.status === 200 || undefined;
      } catch {
        return undefined;
      }
    },
    ms,
  );
}

/** Ends whatever is left of a group: for a test's clean-up, after a failure. */
export function killGroup(pgrp: number): void {
  for (const pid of groupProcesses(pgrp)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}
