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
  clients: number;
  /** Fresh codes for this run, more than it can use. */
  codes: string[];
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

/** One run on the agent's connections, kept open from one run to the next. */
export async function runLoad(agent: http.Agent, job: LoadJob): Promise<LoadResult> {
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
        nonce: `bench-${code}`,
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

// Forked: runs each job it is sent, answers with its result, and leaves on 'done'.
if (process.send) {
  let agent: http.Agent | undefined;
  process.on('message', (job: LoadJob | 'done') => {
    if (job === 'done') {
      agent?.destroy();
      process.disconnect();
      return;
    }
    agent ??= new http.Agent({ keepAlive: true, maxSockets: job.clients });
    runLoad(agent, job).then(
      (result) => process.send!({ ok: true, result }),
      (error) => process.send!({ ok: false, error: String(error) }),
    );
  });
}
