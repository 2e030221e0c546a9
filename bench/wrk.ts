import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface WrkRun {
  bin: string;
  port: number;
  clients: number;
  threads: number;
  seconds: number;
  /** Read by redeem.lua: CODES (a file, one code a line), API_KEYS and THEMES (each '|'-separated). */
  env: Record<string, string>;
}

export interface WrkResult {
  created: number;
  others: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  /** Lines of the codes file used or skipped: the next run starts after them. */
  consumed: number;
  exhausted: boolean;
}

const lua = fileURLToPath(new URL('./redeem.lua', import.meta.url));

/**
 * Runs wrk with redeem.lua against the server. Asynchronously: in bench:redeem the server
 * answering wrk runs on this process's event loop.
 */
export async function runWrk(run: WrkRun): Promise<WrkResult> {
  const { stdout } = await promisify(execFile)(
    run.bin,
    [
      ...['-t', String(run.threads), '-c', String(run.clients), '-d', `${run.seconds}s`, '-s', lua],
      `http://127.0.0.1:${run.port}`,
    ],
    { env: { ...process.env, ...run.env, THREADS: String(run.threads) }, encoding: 'utf8' },
  );
  const m =
    /^RESULT created=(\d+) others=(\d+) duration_us=(\d+) p50_us=(\d+) p99_us=(\d+) consumed=(\d+) exhausted=(\d+)$/m.exec(
      stdout,
    );
  if (!m) throw new Error(`unexpected wrk output:\n${stdout}`);
  const [created, others, durationUs, p50Us, p99Us, consumed, exhausted] = m.slice(1).map(Number) as number[];
  return {
    created: created!,
    others: others!,
    seconds: durationUs! / 1e6,
    p50Ms: p50Us! / 1000,
    p99Ms: p99Us! / 1000,
    consumed: consumed!,
    exhausted: exhausted === 1,
  };
}
