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
