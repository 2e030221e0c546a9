import type { Db } from '../../db/client.js';
import { isConcurrentUpdate, pgCodeOf } from '../../db/sqlstate.js';
import * as repo from './repo.js';

/**
 * Redemptions gathered into batches (docs/architecture.md, "Redemption is exactly-once"). Under load,
 * the requests that arrive while the database is busy with the previous batch go together
 * in one statement: one transaction, one round trip and one commit for all of them, which
 * is what lets a server keep up with its database. A request that finds the database idle
 * leaves at once, alone, so nobody waits for a batch to fill.
 *
 * A batch never holds one code, or one place's nonce, twice, nor one that a running batch
 * holds: such a request waits for the next batch, where it meets the first one's answer
 * (already redeemed, or the replay of its nonce).
 */
export class RedemptionBatcher {
  #queue: Waiting[] = [];
  #running = 0;
  #scheduled = false;
  /** Codes and place nonces of the items in running batches. */
  readonly #busy = new Set<string>();

  constructor(
    private readonly db: Db,
    /** Batches in flight at once, each on its own connection. */
    private readonly concurrency = 2,
    private readonly maxBatch = 64,
  ) {}

  redeem(call: repo.RedeemCall): Promise<repo.RedeemRow | undefined> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ call, keys: keysOf(call), resolve, reject });
      this.#schedule();
    });
  }

  #schedule() {
    if (this.#scheduled || this.#running >= this.concurrency || this.#queue.length === 0) return;
    this.#scheduled = true;
    // The requests read from the sockets in this turn of the event loop join one batch.
    setImmediate(() => {
      this.#scheduled = false;
      this.#flush();
    });
  }

  #flush() {
    while (this.#running < this.concurrency) {
      const batch = this.#take();
      if (batch.length === 0) return;
      this.#running++;
      void this.#run(batch).finally(() => {
        this.#running--;
        for (const w of batch) for (const k of w.keys) this.#busy.delete(k);
        this.#schedule();
      });
    }
  }

  /** The queued requests, in order of arrival, that share no code or nonce with a running one. */
  #take(): Waiting[] {
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    for (const w of this.#queue) {
      if (batch.length < this.maxBatch && !w.keys.some((k) => this.#busy.has(k))) {
        for (const k of w.keys) this.#busy.add(k);
        batch.push(w);
      } else {
        rest.push(w);
      }
    }
    this.#queue = rest;
    return batch;
  }

  async #run(batch: Waiting[]) {
    if (batch.length === 1) return settle(batch[0]!, this.db);
    // In code order, so that the batches of two servers lock their passes in the same order.
    batch.sort((a, b) => (a.call.code < b.call.code ? -1 : a.call.code > b.call.code ? 1 : 0));
    const answered = new Map<number, repo.RedeemRow>();
    try {
      for (const row of await repo.redeemBatch(
        this.db,
        batch.map((w) => w.call),
      ))
        answered.set(row.item - 1, row);
    } catch (error) {
      // Nothing of this batch was written. Another server used one of these nonces at the
      // same instant, two batches crossed, or PostgreSQL refused what one item carries (a
      // NUL in a nonce, a value a constraint forbids): each item is asked again alone, so
      // that only the item at fault fails. When the database itself failed (connection lost,
      // server shutting down or out of resources), every request of the batch is told.
      if (!answerableAlone(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
    }
    await Promise.all(
      batch.map((w, i) => {
        const row = answered.get(i);
        return row ? w.resolve(row) : settle(w, this.db);
      }),
    );
  }
}

interface Waiting {
  call: repo.RedeemCall;
  keys: string[];
  resolve(row: repo.RedeemRow | undefined): void;
  reject(error: unknown): void;
}

const keysOf = (c: repo.RedeemCall) => [`code ${c.code}`, `nonce ${c.placeId} ${c.nonce}`];

/** One request on its own: redeem_pass answers it, naming the reason of a refusal. */
async function settle(w: Waiting, db: Db) {
  try {
    w.resolve(await redeemOne(db, w.call));
  } catch (error) {
    w.reject(error);
  }
}

/**
 * Failures another try settles: the nonce taken at the same instant for another code (a
 * unique violation), or a transaction PostgreSQL gave up for another (deadlock, serialization).
 */
const isRace = (error: unknown) => pgCodeOf(error) === '23505' || isConcurrentUpdate(error);

// Connection exceptions, insufficient resources, operator intervention, system errors:
// the database failed, not an item.
const DATABASE_FAULT = /^(08|53|57|58|XX)/;

/** Whether PostgreSQL answered the batch with an error some of its items may not share. */
function answerableAlone(error: unknown): boolean {
  const code = pgCodeOf(error);
  return code !== undefined && !DATABASE_FAULT.test(code);
}

async function redeemOne(db: Db, call: repo.RedeemCall) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await repo.redeem(db, call);
    } catch (error) {
      // A race another try settles: it then sees the first answer, or finds the pass free.
      if (!isRace(error) || attempt === 3) throw error;
      // A transaction given up for another: the other one first takes the locks it waited for.
      // Tried again at once, this one may take them back first and meet the same deadlock.
      if (isConcurrentUpdate(error)) await pause(attempt * (10 + Math.random() * 20));
    }
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const batchers = new WeakMap<Db, RedemptionBatcher>();

/** The batcher of a database handle: one per server, shared by all its requests. */
export function batcherFor(db: Db): RedemptionBatcher {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new RedemptionBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher;
}
