import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from './client.js';

/** Rows fetched at a time: a few hundred kilobytes of objects, whatever the table's size. */
const BATCH_ROWS = 5000;

let cursors = 0;

/**
 * Hands a query's rows to `each` a batch at a time, read through a cursor, so that a table of
 * millions of rows never sits whole in the server's memory (a national funder's redemptions
 * did: 2.8 kB of objects per row). A cursor lives in a transaction: the rows are those of the
 * transaction's snapshot, and the caller may run other queries in it between two batches.
 * On an error the transaction's rollback closes the cursor.
 */
export async function forEachBatch<T>(
  tx: Tx,
  query: SQL,
  each: (rows: T[]) => void | Promise<void>,
): Promise<void> {
  const cursor = sql.raw(`batch_${++cursors}`);
  await tx.execute(sql`DECLARE ${cursor} NO SCROLL CURSOR FOR ${query}`);
  for (;;) {
    const { rows } = await tx.execute(sql`FETCH ${sql.raw(String(BATCH_ROWS))} FROM ${cursor}`);
    if (rows.length > 0) await each(rows as T[]);
    if (rows.length < BATCH_ROWS) break;
  }
  await tx.execute(sql`CLOSE ${cursor}`);
}
