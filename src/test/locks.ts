import type pg from 'pg';

/**
 * Waits until `n` backends of this database wait for a lock: a test that holds a row can then
 * let go knowing that every request it raced is past its checks and queued behind the row.
 */
export async function waitForLockWaits(pool: pg.Pool, n: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if ((rows[0]?.n ?? 0) >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${n} lock waits expected, never seen`);
}

/**
 * Runs `requests` while this test holds one row (`lockSql` selects it FOR UPDATE) and lets go
 * once all of them wait for it: every request is then past its authorisation and checks, and
 * they meet only at the lock under test, in turn, whatever the machine's speed.
 */
export async function behindHeldRow<T extends readonly unknown[]>(
  pool: pg.Pool,
  lockSql: string,
  params: unknown[],
  requests: () => [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const holder = await pool.connect();
  let all: Promise<unknown[]> | undefined;
  try {
    await holder.query('BEGIN');
    await holder.query(lockSql, params);
    const started = requests();
    all = Promise.all(started);
    await waitForLockWaits(pool, started.length);
  } finally {
    // Let go in every case, or the requests would wait for ever and the connection stay locked.
    await holder.query('ROLLBACK');
    holder.release();
  }
  return (await all) as unknown as T;
}
