import type { FastifyBaseLogger } from 'fastify';

/**
 * Runs a background task now and then every `everyMs`, never two at once, logging its
 * failures instead of crashing the server. Returns a stop function that waits for the
 * run in progress. Tasks must be safe to run on several instances at the same time.
 */
export function every(
  everyMs: number,
  name: string,
  task: () => Promise<unknown>,
  log: FastifyBaseLogger,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const run = () => {
    if (busy) return;
    busy = true;
    running = task()
      .catch((error) => log.error({ err: error }, `${name} failed`))
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
