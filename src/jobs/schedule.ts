import type { FastifyBaseLogger } from 'fastify';

/** While a task keeps failing, at most one line this often says so. */
export const STILL_FAILING_EVERY_MS = 60_000;

/**
 * A task run less often than this that fails is tried again this much later, not a whole
 * period later: an hourly job that met a database still starting would otherwise wait an hour.
 */
export const RETRY_AFTER_FAILURE_MS = 60_000;

/**
 * Runs a background task now and then every `everyMs`, never two at once, logging its
 * failures instead of crashing the server; a failed run of a task slower than a minute is tried
 * again a minute later (`RETRY_AFTER_FAILURE_MS`). Returns a stop function that waits for the
 * run in progress. Tasks must be safe to run on several instances at the same time.
 *
 * A run of failures (PostgreSQL stopped: sealing fails four times a second) is logged as its
 * first failure at `error`, then at most one `still failing` line a minute at `error`, and
 * one `info` line when the task works again: an outage is a few lines, not megabytes, and the
 * rate of level-50 lines stays a measure of what goes wrong.
 */
export function every(
  everyMs: number,
  name: string,
  task: () => Promise<unknown>,
  log: Pick<FastifyBaseLogger, 'error' | 'info'>,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let failures = 0;
  let since = 0;
  let reported = 0;
  const failed = (error: unknown) => {
    const now = Date.now();
    failures++;
    if (failures === 1) {
      since = now;
      reported = now;
      log.error({ err: error }, `${name} failed`);
    } else if (now - reported >= STILL_FAILING_EVERY_MS) {
      reported = now;
      const sinceIso = new Date(since).toISOString();
      log.error(
        { err: error, failures, since: sinceIso },
        `${name} still failing (${failures} times since ${sinceIso})`,
      );
    }
  };
  const succeeded = () => {
    if (failures === 0) return;
    log.info(
      { failures, since: new Date(since).toISOString(), forMs: Date.now() - since },
      `${name} works again (after ${failures} failure${failures === 1 ? '' : 's'})`,
    );
    failures = 0;
  };
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = () => {
    if (busy) return;
    busy = true;
    running = task()
      .then(succeeded, (error) => {
        failed(error);
        if (everyMs > RETRY_AFTER_FAILURE_MS && !stopped) {
          clearTimeout(retry);
          retry = setTimeout(run, RETRY_AFTER_FAILURE_MS);
          retry.unref();
        }
      })
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  run();
  return async () => {
    stopped = true;
    clearInterval(timer);
    clearTimeout(retry);
    await running;
  };
}
