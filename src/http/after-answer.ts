import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.js';

/**
 * Work a route finishes once its answer is on its way, for answers whose delay must not tell
 * what the work found: a password reset asked for an address with an account writes a link
 * and an e-mail, one without writes nothing, and both are answered at once, alike. A server
 * waits for the work under way when it closes; a test waits for it with `settled`.
 */
export class AfterAnswer {
  readonly #pending = new Set<Promise<void>>();

  /** Runs `work` after this turn of the event loop (the answer is sent in it); a failure is logged. */
  start(log: FastifyBaseLogger, what: string, work: () => Promise<void>) {
    const running: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) => log.error({ err: error }, `${what} failed after its answer`))
      .finally(() => this.#pending.delete(running));
    this.#pending.add(running);
  }

  /** Resolves once the work started so far has ended. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}

const byDatabase = new WeakMap<Db, AfterAnswer>();

/** The work after answers of a database handle: one per server, as its routes share it. */
export function afterAnswerFor(db: Db): AfterAnswer {
  let found = byDatabase.get(db);
  if (!found) {
    found = new AfterAnswer();
    byDatabase.set(db, found);
  }
  return found;
}
