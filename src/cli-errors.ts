import { DomainError } from './core/errors.js';
import { isDatabaseUnavailable } from './db/unavailable.js';
import { safeError } from './http/logging.js';

/**
 * What the command line prints when a command fails: always a sentence that says what
 * went wrong (never `undefined`, never an empty AggregateError), with the stack only
 * for errors nobody foresaw.
 */
export function describeFailure(err: unknown): string {
  if (err instanceof DomainError) {
    return `${err.detail}${err.errors.map((e) => `\n  ${e.field}: ${e.message}`).join('')}`;
  }
  if (err === undefined || err === null) {
    return 'The command failed without an explanation (an error with no message was thrown).';
  }
  if (!(err instanceof Error)) return `The command failed: ${String(err)}`;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    return `${messageOf(err)}\nThe HTTP port is taken or not allowed: set PORT (and HOST) to a free one.`;
  }
  if (isDatabaseUnavailable(err)) {
    return `Cannot reach the database: ${messageOf(err)}\nCheck that PostgreSQL runs and that DATABASE_URL points to it.`;
  }
  const message = messageOf(err);
  // Errors of our own making (a start that cannot proceed) explain themselves.
  if (err.constructor === Error && !code) return message;
  // An unforeseen one goes to a terminal or a process manager's log: scrubbed like the server's.
  const safe = safeError(err);
  return `${safe.message}\n${String(safe.stack ?? '')
    .split('\n')
    .slice(1)
    .join('\n')}`;
}

/** The message, or what the error carries instead (the errors of an AggregateError, its code). */
function messageOf(err: Error): string {
  if (err.message) return err.message;
  if (err instanceof AggregateError && err.errors.length) {
    return err.errors.map((e) => (e instanceof Error ? messageOf(e) : String(e))).join('; ');
  }
  const code = (err as NodeJS.ErrnoException).code;
  return code ? `${err.name} (${code})` : err.name;
}
