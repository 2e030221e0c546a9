/** Beyond this, a clean-up that hangs ends the process anyway. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * Until the returned function is called, SIGINT and SIGTERM stop a command cleanly instead of
 * ending the process at once: `cleanup` runs (stop the embedded PostgreSQL this process
 * started, remove a partial file), then the process exits with code 1. A signal sent again
 * meanwhile is ignored; a clean-up that hangs ends the process after 10 s.
 *
 * Without it, a command stopped by a process manager or Ctrl-C left the embedded server
 * running for good, with its `pg.owner` file (the backup and restore commands, and
 * `withDatabase` of the command line, open the database themselves).
 */
export function onInterrupt(
  cleanup: () => Promise<void> | void,
  say: (msg: string) => void = (msg) => process.stdout.write(`${msg}\n`),
): () => void {
  let stopping = false;
  const interrupted = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal} reçu : arrêt en cours…`);
    setTimeout(() => {
      process.stderr.write('L’arrêt prend trop de temps : le processus s’arrête quand même.\n');
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    void Promise.resolve()
      .then(cleanup)
      .catch((err: unknown) => process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`))
      .finally(() => process.exit(1));
  };
  process.on('SIGINT', interrupted).on('SIGTERM', interrupted);
  return () => {
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
  };
}

/** A promise that never settles: what a command awaits once a signal's clean-up owns the exit. */
export const never = () => new Promise<never>(() => {});
