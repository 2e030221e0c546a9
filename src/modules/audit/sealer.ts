import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { seal } from './service.js';

/**
 * Seals the journal in the background, a few times a second. Several instances may
 * run one each: the sealing lock lets one work at a time, the others find nothing left.
 */
export function startSealer(db: Db, log: FastifyBaseLogger, everyMs = 250): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = seal(db)
      .catch((error) => log.error({ err: error }, 'audit sealing failed'))
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
