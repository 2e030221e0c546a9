import type { FastifyReply, FastifyRequest } from 'fastify';
import { businessDate } from '../../core/dates.js';
import type { Db } from '../../db/client.js';
import type { App } from '../../http/app.js';
import { onUnroutedAnswer } from '../../http/problem.js';
import * as repo from './repo.js';
import { authenticateKey, presentedKey } from './service.js';

/** How often a server adds its counts to the database, and how many refusals a key keeps. */
const FLUSH_MS = 10_000;
export const KEPT_ERRORS = 20;

interface Tally {
  calls: number;
  errors: number;
  lastAt: Date;
}
interface Refused {
  keyId: string;
  at: Date;
  method: string;
  route: string;
  status: number;
  code: string;
}

/**
 * Counts the calls each API key makes, in memory, and adds them to the database every few
 * seconds in one statement: a redemption made with a key pays a map update, not a write.
 * Counts of a server that dies between two flushes are lost (at most FLUSH_MS of them): the
 * page tells a place whether its software works, it is not a bill.
 */
export class KeyUsageRecorder {
  private tallies = new Map<string, Tally>();
  private refused: Refused[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private lookups = new Set<Promise<void>>();

  constructor(private readonly db: Db) {}

  record(keyId: string, status: number, method: string, route: string, code: string | null) {
    const now = new Date();
    let tally = this.tallies.get(keyId);
    if (!tally) this.tallies.set(keyId, (tally = { calls: 0, errors: 0, lastAt: now }));
    tally.calls++;
    tally.lastAt = now;
    if (status >= 400) {
      tally.errors++;
      // Bounded between flushes: a key answered 429 in a loop keeps its latest refusals only.
      if (this.refused.length >= KEPT_ERRORS * 10) this.refused.shift();
      this.refused.push({ keyId, at: now, method, route, status, code: code ?? `http_${status}` });
    }
  }

  /**
   * Records an answer once its key is found (`caller`, looked up after the answer); a bearer
   * that is no key records nothing. A flush waits for the lookups under way.
   */
  recordOnceKnown(
    caller: Promise<{ keyId: string }>,
    status: number,
    method: string,
    route: string,
    code: string | null,
  ) {
    const lookup = caller
      .then(
        ({ keyId }) => this.record(keyId, status, method, route, code),
        () => {},
      )
      .finally(() => this.lookups.delete(lookup));
    this.lookups.add(lookup);
  }

  /** Adds what was counted since the last flush; flushes run one after the other. */
  flush(): Promise<void> {
    this.flushing = this.flushing
      .then(() => Promise.all([...this.lookups]))
      .then(() => this.write())
      .catch(() => {});
    return this.flushing;
  }

  private async write() {
    if (this.tallies.size === 0 && this.refused.length === 0) return;
    const rows = [...this.tallies].map(([keyId, t]) => ({ keyId, ...t }));
    const refused = this.refused;
    this.tallies = new Map();
    this.refused = [];
    await this.db.transaction(async (tx) => {
      await repo.addKeyUsage(tx, businessDate(), rows);
      await repo.keysUsedAt(tx, rows);
      await repo.addKeyErrors(tx, refused, KEPT_ERRORS);
    });
  }
}

const recorders = new WeakMap<Db, KeyUsageRecorder>();
/** This server's recorder for the database (the routes flush it before they read). */
export function recorderFor(db: Db): KeyUsageRecorder {
  let recorder = recorders.get(db);
  if (!recorder) recorders.set(db, (recorder = new KeyUsageRecorder(db)));
  return recorder;
}

/** Counts every answer given to a call made with an API key; flushes on a timer and on close. */
export function installKeyUsage(app: App, db: Db) {
  const recorder = recorderFor(db);
  app.decorateRequest('problemCode', null);
  app.addHook('onResponse', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.apiKey) return;
    recorder.record(
      req.apiKey.keyId,
      reply.statusCode,
      req.method,
      req.routeOptions.url ?? req.url,
      req.problemCode,
    );
  });
  // A call refused before any route is found (a code too long for the router, a bad URL) runs
  // no hook, yet it is the key's call and the place must see it: it is matched to the key's
  // route by the address's shape, recorded under the route's pattern (never the address, which
  // may hold a code), once its key is looked up. A wrong key there costs no guess: the answer
  // is the same whatever the key.
  const keyRoutes: { method: string; url: string; shape: RegExp }[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.config?.apiKey) return;
    for (const method of [route.method].flat())
      keyRoutes.push({ method, url: route.url, shape: shapeOf(route.url) });
  });
  onUnroutedAnswer(app, (req, reply) => {
    const presented = presentedKey(req.headers.authorization);
    if (presented === undefined) return;
    const path = req.url.split('?')[0]!;
    const route = keyRoutes.find((r) => r.method === req.method && r.shape.test(path));
    if (!route) return;
    recorder.recordOnceKnown(
      authenticateKey(db, presented),
      reply.statusCode,
      req.method,
      route.url,
      req.problemCode,
    );
  });
  const timer = setInterval(() => void recorder.flush(), FLUSH_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await recorder.flush();
  });
}

/** A route's pattern as a regular expression: each `:parameter` is any one path segment. */
function shapeOf(url: string): RegExp {
  const segments = url
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}$`);
}
