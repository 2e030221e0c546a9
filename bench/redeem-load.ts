/**
 * The load generator of bench:redeem, run in its own process (forked by bench/redeem.ts)
 * so that it is scheduled apart from the server's event loop. C closed-loop clients over
 * keep-alive connections each post the next unused code with a fresh nonce, through a
 * warm-up and then a measured window; a request counts in the window it completes in.
 */
import http from 'node:http';
import { STANDARD_SERVICES } from '../src/core/session.js';

export interface LoadJob {
  port: number;
  apiKey: string;
  codes: string[];
  clients: number;
  warmupMs: number;
  measureMs: number;
}

export interface LoadResult {
  /** 201s completed inside the measured window, and the window's actual length. */
  measured: number;
  measuredMs: number;
  /** Latencies (ms) of the requests completed inside the measured window. */
  latencies: number[];
  /** Every response of the run, warm-up and tail included, by status. */
  statuses: Record<string, number>;
  /** A few bodies of non-201 responses or transport errors, to say what went wrong. */
  failures: string[];
  /** Codes consumed in all (every one must have been redeemed). */
  sent: number;
  exhausted: boolean;
}

function post(agent: http.Agent, job: LoadJob, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port: job.port,
        method: 'POST',
        path: '/api/v1/redemptions',
        headers: {
          authorization: `Bearer ${job.apiKey}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.clients });
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  const latencies: number[] = [];
  let next = 0;
  let measured = 0;
  let exhausted = false;
  const start = performance.now();
  const from = start + job.warmupMs;
  const until = from + job.measureMs;
  let lastDone = from;

  async function client(c: number) {
    for (;;) {
      const now = performance.now();
      if (now >= until) return;
      const i = next++;
      const code = job.codes[i];
      if (code === undefined) {
        exhausted = true;
        return;
      }
      const body = JSON.stringify({
        code,
        nonce: `bench-${process.pid}-${c}-${i}`,
        theme: STANDARD_SERVICES[i % STANDARD_SERVICES.length],
        durationMinutes: 60,
        format: i % 4 === 3 ? 'collective' : 'individual',
      });
      let status: number;
      let text = '';
      try {
        ({ status, body: text } = await post(agent, job, body));
      } catch (error) {
        status = 0;
        text = String(error);
      }
      const done = performance.now();
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status !== 201) {
        if (failures.length < 5) failures.push(`${status} ${text.slice(0, 300)}`);
      } else if (done >= from && done < until) {
        measured++;
        latencies.push(done - now);
        lastDone = done;
      }
    }
  }

  await Promise.all(Array.from({ length: job.clients }, (_, c) => client(c)));
  agent.destroy();
  // Out of codes before the end: the window is as long as the last counted completion.
  const measuredMs = exhausted ? lastDone - from : job.measureMs;
  return {
    measured,
    measuredMs,
    latencies,
    statuses,
    failures,
    sent: Math.min(next, job.codes.length),
    exhausted,
  };
}

if (process.send) {
  process.once('message', (job: LoadJob) => {
    runLoad(job).then(
      (result) => process.send!({ ok: true, result }, () => process.disconnect()),
      (error) => process.send!({ ok: false, error: String(error) }, () => process.disconnect()),
    );
  });
}
