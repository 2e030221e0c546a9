import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';

/**
 * A statement's paid date is its own (migration 0039): the pay step writes the bank's booking
 * day on it once, the database refuses rewriting it, and the statements paid before the
 * migration get it from the transfer that paid them.
 */
const MIGRATION = path.resolve(import.meta.dirname, '../../db/migrations/0039_statement_payment_seam.sql');

let t: TestApp;
const q = (text: string, values: unknown[] = []) => t.database.pool.query(text, values);

/** The demo's paid statements (the Médiathèque's, paid by the demo's bank import) and their dates. */
const paidDates = async () =>
  (await q(`SELECT number, paid_on AS "paidOn" FROM statements WHERE status = 'paid' ORDER BY number`)).rows;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
});

afterAll(async () => {
  await t?.close();
});

describe('a statement’s paid date', () => {
  it('is written by the pay step: the transfer’s booking day', async () => {
    const { rows } = await q(`
      SELECT s.number, s.paid_on AS "statementPaidOn", tr.paid_on AS "transferPaidOn"
        FROM statements s JOIN payment_transfer_statements l ON l.statement_id = s.id AND l.live
        JOIN payment_transfers tr ON tr.id = l.transfer_id
       WHERE s.status = 'paid'`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.statementPaidOn).toBe(r.transferPaidOn);
    const unpaid = await q(
      `SELECT count(*)::int AS n FROM statements WHERE status <> 'paid' AND paid_on IS NOT NULL`,
    );
    expect(unpaid.rows[0].n).toBe(0);
  });

  it('is never rewritten, nor set on a statement not paid', async () => {
    const [paid] = (await paidDates()) as { number: string }[];
    await expect(
      q(`UPDATE statements SET paid_on = '2020-01-01' WHERE number = $1`, [paid!.number]),
    ).rejects.toThrow(/paid date is written once/);
    await expect(
      q(
        `UPDATE statements SET paid_on = '2020-01-01' WHERE id = (SELECT id FROM statements WHERE status <> 'paid' LIMIT 1)`,
      ),
    ).rejects.toThrow(/written once|statements_paid_on/);
  });

  it('of statements paid before the migration comes from their transfer', async () => {
    const before = await paidDates();
    // As before 0039: paid statements without the date on their row.
    const client = await t.database.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE statements DISABLE TRIGGER statements_paid_on');
      await client.query('UPDATE statements SET paid_on = NULL');
      const backfill = fs.readFileSync(MIGRATION, 'utf8').split('--> statement-breakpoint')[1]!;
      // The migration backfills before it creates the paid date's trigger.
      await client.query(backfill);
      await client.query('ALTER TABLE statements ENABLE TRIGGER statements_paid_on');
      const { rows } = await client.query(
        `SELECT number, paid_on AS "paidOn" FROM statements WHERE status = 'paid' ORDER BY number`,
      );
      expect(rows).toEqual(before);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  });
});
