import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loggerOptions } from '../http/logging.js';
import { every } from './schedule.js';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-03T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A logger as the server's, writing its lines to an array. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, log: pino(loggerOptions('info', stream), stream) };
}

describe('a background task failing for a while (PostgreSQL stopped)', () => {
  it('logs the first failure, then at most one line a minute, and one when it works again', async () => {
    const { lines, log } = capture();
    let calls = 0;
    const failFor = 500; // 125 s at 250 ms
    const stop = every(
      250,
      'audit sealing',
      async () => {
        calls++;
        if (calls <= failFor) throw new Error('the database system is shutting down');
      },
      log,
    );
    await vi.advanceTimersByTimeAsync(130_000);
    await stop();
    expect(calls).toBeGreaterThan(failFor);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [50, 'audit sealing failed'],
      [50, 'audit sealing still failing (241 times since 2026-12-03T10:00:00.000Z)'],
      [50, 'audit sealing still failing (481 times since 2026-12-03T10:00:00.000Z)'],
      [30, 'audit sealing works again (after 500 failures)'],
    ]);
    expect((lines[0]!.err as { message: string }).message).toBe('the database system is shutting down');
    expect(lines[3]).toMatchObject({ failures: 500, since: '2026-12-03T10:00:00.000Z' });
  });

  it('logs a new run of failures as a new first failure', async () => {
    const { lines, log } = capture();
    const outcomes = [false, false, true, true, false, true];
    const stop = every(
      1_000,
      'e-mail sending',
      async () => {
        if (outcomes.shift() === false) throw new Error('connect ECONNREFUSED');
      },
      log,
    );
    await vi.advanceTimersByTimeAsync(6_500);
    await stop();
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [50, 'e-mail sending failed'],
      [30, 'e-mail sending works again (after 2 failures)'],
      [50, 'e-mail sending failed'],
      [30, 'e-mail sending works again (after 1 failure)'],
    ]);
  });
});

describe('an hourly task whose run fails (the database still starting)', () => {
  it('tries again a minute later rather than an hour later, then keeps its hour', async () => {
    const { log } = capture();
    const runs: number[] = [];
    const stop = every(
      3_600_000,
      'end of programmes',
      async () => {
        runs.push(Date.now());
        if (runs.length <= 2) throw new Error('timeout exceeded when trying to connect');
      },
      log,
    );
    await vi.advanceTimersByTimeAsync(3_600_000);
    await stop();
    const start = new Date('2026-12-03T10:00:00Z').getTime();
    // Fails at start, again a minute later, works at two minutes; then the hour as before.
    expect(runs.map((t) => t - start)).toEqual([0, 60_000, 120_000, 3_600_000]);
  });
});
