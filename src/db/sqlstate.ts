/** The SQLSTATE of an error PostgreSQL answered (directly, or wrapped by Drizzle). */
export function pgCodeOf(error: unknown): string | undefined {
  for (const e of [error, (error as { cause?: unknown })?.cause]) {
    const { code, severity } = (e ?? {}) as { code?: unknown; severity?: unknown };
    if (typeof code === 'string' && typeof severity === 'string') return code;
  }
  return undefined;
}

/**
 * Two transactions met on the same rows and PostgreSQL gave up one of them (a deadlock, or a
 * serialization failure): nothing of it was written, and the same request sent again succeeds.
 */
export const isConcurrentUpdate = (error: unknown) => ['40P01', '40001'].includes(pgCodeOf(error) ?? '');

/** The unique index or constraint a write ran into (23505), if that is what PostgreSQL answered. */
export function uniqueViolated(error: unknown): string | undefined {
  if (pgCodeOf(error) !== '23505') return undefined;
  for (const e of [error, (error as { cause?: unknown })?.cause]) {
    const { constraint } = (e ?? {}) as { constraint?: unknown };
    if (typeof constraint === 'string') return constraint;
  }
  return undefined;
}
