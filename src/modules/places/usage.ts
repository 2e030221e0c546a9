import type { FastifyReply, FastifyRequest } from 'fastify';
import { businessDate } from '../../core/dates.js';
import type { Db } from '../../db/client.js';
import type { App } from '../../http/app.js';
import * as repo from './repo.js';

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

  /** Adds what was counted since the last flush; flushes run one after the other. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write()).catch(() => {});
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
  const timer = setInterval(() => void recorder.flush(), FLUSH_MS);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await recorder.flush();
  });
}
