import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBatch } from './batches.js';
import { createTestDatabase, type TestDatabase } from './test/database.js';

/*
 * The funder's archive reads its large tables through forEachBatch: every row once, in the
 * query's order, a bounded batch at a time, in the caller's snapshot.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('forEachBatch', () => {
  it('hands every row once, in order, in batches of at most 5,000, with queries between them', async () => {
    const batches: number[][] = [];
    const seen: number[] = [];
    await database.db.transaction(async (tx) => {
      await forEachBatch<{ n: number }>(
        tx,
        sql`SELECT n FROM generate_series(1, ${12_345}::int) n ORDER BY n`,
        async (rows) => {
          batches.push(rows.map((r) => r.n));
          // Another query in the same transaction, between two fetches (the archive's names).
          seen.push(Number((await tx.execute(sql`SELECT 1 AS one`)).rows[0]!.one));
        },
      );
    });
    expect(batches.map((b) => b.length)).toEqual([5000, 5000, 2345]);
    expect(batches.flat()).toEqual(Array.from({ length: 12_345 }, (_, i) => i + 1));
    expect(seen).toEqual([1, 1, 1]);
  });

  it('hands nothing for no row, and a batch of exactly 5,000 once', async () => {
    const sizes: number[] = [];
    await database.db.transaction(async (tx) => {
      await forEachBatch(tx, sql`SELECT 1 WHERE false`, (rows) => {
        sizes.push(rows.length);
      });
      await forEachBatch(tx, sql`SELECT n FROM generate_series(1, 5000) n`, (rows) => {
        sizes.push(rows.length);
      });
    });
    expect(sizes).toEqual([5000]);
  });

  it('reads the snapshot of a repeatable-read transaction, not rows written since', async () => {
    await database.pool.query('CREATE TABLE batch_rows (n int)');
    await database.pool.query('INSERT INTO batch_rows SELECT generate_series(1, 7000)');
    let total = 0;
    await database.db.transaction(
      async (tx) => {
        await tx.execute(sql`SELECT 1`); // the snapshot is taken here
        await database.pool.query('INSERT INTO batch_rows SELECT generate_series(7001, 9000)');
        await forEachBatch(tx, sql`SELECT n FROM batch_rows`, (rows) => {
          total += rows.length;
        });
      },
      { isolationLevel: 'repeatable read' },
    );
    expect(total).toBe(7000);
  });

  it('lets an error of the caller end the transaction, and the next one declares a cursor afresh', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await forEachBatch(tx, sql`SELECT n FROM generate_series(1, 10) n`, () => {
          throw new Error('the disk is full');
        });
      }),
    ).rejects.toThrow('the disk is full');
    let rows = 0;
    await database.db.transaction(async (tx) => {
      await forEachBatch(tx, sql`SELECT n FROM generate_series(1, 10) n`, (batch) => {
        rows += batch.length;
      });
    });
    expect(rows).toBe(10);
  });
});
