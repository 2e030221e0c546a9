import { createHash } from 'node:crypto';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors.js';
import type { Queryable } from '../db/client.js';

/*
 * Fixed-window counters in PostgreSQL (`rate_windows`), shared by every instance: a window
 * opens at a key's first hit and closes windowMs later. Keys are stored hashed: the table
 * needs to tell them apart, not to name them.
 */

/** A key's count in its current window. */
export interface Window {
  key: string;
  hits: number;
  resetAt: Date;
}

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * One more hit for each key; returns each key's hits in its current window and that window's end.
 * With `once`, the hits count only if `once` (itself a key with its own window) is new in its
 * window: else nothing is counted and nothing returned. Decided in the same statement, so that
 * of two requests naming the same `once` at the same moment exactly one counts.
 */
export async function hit(db: Queryable, keys: string[], windowMs: number, once?: string): Promise<Window[]> {
  const byHash = new Map(keys.map((k) => [hashOf(k), k]));
  const ends = sql`now() + ${Math.round(windowMs)}::integer * interval '1 millisecond'`;
  const bump = sql`
    hits = CASE WHEN w.reset_at <= now() THEN 1 ELSE w.hits + 1 END,
    reset_at = CASE WHEN w.reset_at <= now() THEN excluded.reset_at ELSE w.reset_at END`;
  const seen = once
    ? sql`WITH seen AS (
        INSERT INTO rate_windows AS w (key_hash, hits, reset_at) VALUES (${hashOf(once)}, 1, ${ends})
        ON CONFLICT (key_hash) DO UPDATE SET ${bump}
        RETURNING hits)`
    : sql``;
  const { rows } = await db.execute<{ keyHash: string; hits: number; resetAt: string }>(sql`
    ${seen}
    INSERT INTO rate_windows AS w (key_hash, hits, reset_at)
    SELECT k, 1, ${ends}
      FROM unnest(${sql.param([...byHash.keys()])}::text[]) k
     ${once ? sql`WHERE (SELECT hits FROM seen) = 1` : sql``}
    ON CONFLICT (key_hash) DO UPDATE SET ${bump}
    RETURNING key_hash AS "keyHash", hits, reset_at AS "resetAt"`);
  return rows.map((r) => ({ key: byHash.get(r.keyHash)!, hits: r.hits, resetAt: new Date(r.resetAt) }));
}

/** Forgets a key's window: what was counted in it no longer counts. */
export async function forget(db: Queryable, key: string): Promise<void> {
  await db.execute(sql`DELETE FROM rate_windows WHERE key_hash = ${hashOf(key)}`);
}

/** Forgets the windows that have closed: what was counted in them no longer counts. */
export async function purgeClosed(db: Queryable): Promise<number> {
  const result = await db.execute(sql`DELETE FROM rate_windows WHERE reset_at <= now()`);
  return result.rowCount ?? 0;
}

/**
 * A store for @fastify/rate-limit on these windows, so that a route's limit per address
 * holds across instances rather than per process. Each route counts apart.
 */
export function rateLimitStore(db: Queryable): FastifyRateLimitStoreCtor {
  return class RateWindowStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly route = '',
    ) {}

    incr(key: string, done: Parameters<FastifyRateLimitStore['incr']>[1], timeWindow: number) {
      hit(db, [`route ${this.route} ${key}`], timeWindow).then(
        ([w]) => done(null, { current: w!.hits, ttl: Math.max(0, w!.resetAt.getTime() - Date.now()) }),
        (error: Error) => done(error),
      );
    }

    child(params: Parameters<FastifyRateLimitStore['child']>[0]) {
      // The plugin passes the route's merged limit settings, the route itself under routeInfo
      // (its typings say the route options): either way, the route's method and URL name it.
      const route = (params as { routeInfo?: typeof params }).routeInfo ?? params;
      return new RateWindowStore(params, `${[route.method].flat().join(',')} ${route.url}`);
    }
  };
}

/**
 * A route's limit counted per signed-in account, not per address: after the session is known
 * (preHandler), so that anonymous requests, refused before it, count for nobody, and that the
 * other people behind an office's shared address do not use up an account's allowance. For
 * routes only a signed-in person reaches; an account refused by the service spends its own.
 */
export const perAccount = (max: number, timeWindow: string) => ({
  max,
  timeWindow,
  hook: 'preHandler' as const,
  keyGenerator: (req: FastifyRequest) => `account ${req.actor?.userId ?? req.ip}`,
});

/** « 42 secondes », « 1 minute », « 15 minutes »: how long a refusal says to wait (rounded up). */
export function waitLabel(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
  if (seconds < 60) return unit(seconds, 'seconde');
  if (seconds < 3600) return unit(Math.ceil(seconds / 60), 'minute');
  return unit(Math.ceil(seconds / 3600), 'heure');
}

/**
 * A route's limit reached (@fastify/rate-limit's refusal): it says how long to wait, what is
 * left of the window, rather than only « patientez » (a person retried at once, refused again),
 * and gives it as `retryAfterS` with the Retry-After header, like the services' own limits.
 */
export function limitReached(ttlMs: number): DomainError {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  return new DomainError(
    'rate_limited',
    `Trop de tentatives. Veuillez patienter ${waitLabel(seconds)} avant de réessayer.`,
    [],
    { retryAfterS: seconds },
  );
}
