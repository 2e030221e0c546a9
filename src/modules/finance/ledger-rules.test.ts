import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';

/**
 * The ledger's rules held by the database itself, whoever writes: someone with direct
 * access, or a future bug in the application. Postings are written here as raw SQL.
 */
let t: TestApp;
let c: Circulation;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
});
afterAll(() => t.close());

function insertMovement(db: pg.Pool | pg.PoolClient, legs: [account: string, cents: number][]) {
  const movement = randomUUID();
  return db.query(
    `INSERT INTO ledger_postings (funder_id, program_id, movement, account, amount_cents)
     SELECT $1, $2, $3, a, x FROM unnest($4::text[], $5::bigint[]) AS l(a, x)`,
    [c.funderId, c.programId, movement, legs.map((l) => l[0]), legs.map((l) => l[1])],
  );
}

async function unactivated(): Promise<number> {
  const { rows } = await t.database.pool.query(
    `SELECT coalesce(sum(amount_cents), 0)::bigint AS n FROM ledger_postings
      WHERE program_id = $1 AND account = 'unactivated'`,
    [c.programId],
  );
  return Number(rows[0].n);
}

describe('ledger accounts', () => {
  it('are a closed set: a misspelt account is refused', async () => {
    await expect(
      insertMovement(t.database.pool, [
        ['redeemed', 100],
        ['outstandng', -100],
      ]),
    ).rejects.toThrow(/ledger_postings_account/);
    await expect(
      insertMovement(t.database.pool, [
        ['unactivated', 100],
        ['payer:', -100],
      ]),
    ).rejects.toThrow(/ledger_postings_account/);
    await expect(
      insertMovement(t.database.pool, [
        ['unactivated', 100],
        ['Payer:ANCT', -100],
      ]),
    ).rejects.toThrow(/ledger_postings_account/);
  });

  it('take payers in the payer:<name> form', async () => {
    await expect(
      insertMovement(t.database.pool, [
        ['unactivated', 100],
        ['payer:État (ANCT)', -100],
      ]),
    ).resolves.toBeDefined();
  });
});

describe('the unactivated balance', () => {
  it('can never go below zero', async () => {
    const left = await unactivated();
    await expect(
      insertMovement(t.database.pool, [
        ['outstanding', left + 1],
        ['unactivated', -(left + 1)],
      ]),
    ).rejects.toThrow(/unactivated/);
    expect(await unactivated()).toBe(left);
  });

  it('cannot be spent twice by two transactions each taking the last money', async () => {
    await insertMovement(t.database.pool, [
      ['unactivated', 5000],
      ['payer:Région Hauts-de-France', -5000],
    ]);
    const left = await unactivated();
    const [a, b] = [await t.database.pool.connect(), await t.database.pool.connect()];
    try {
      await a.query('BEGIN');
      await b.query('BEGIN');
      await insertMovement(a, [
        ['outstanding', left],
        ['unactivated', -left],
      ]);
      const second = insertMovement(b, [
        ['outstanding', left],
        ['unactivated', -left],
      ]).then(
        () => 'written',
        (e: Error) => e.message,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await a.query('COMMIT');
      expect(await second).toMatch(/unactivated/);
    } finally {
      await a.query('ROLLBACK').catch(() => {});
      await b.query('ROLLBACK').catch(() => {});
      a.release();
      b.release();
    }
    expect(await unactivated()).toBe(0);
  });
});

describe('the value of passes cancelled or expired', () => {
  it('can be taken back (a funding reversed once none circulates), never below zero', async () => {
    const balance = async (account: string) => {
      const { rows } = await t.database.pool.query(
        `SELECT coalesce(sum(amount_cents), 0)::bigint AS n FROM ledger_postings WHERE program_id = $1 AND account = $2`,
        [c.programId, account],
      );
      return Number(rows[0].n);
    };
    // A booklet's passes cancelled (blocked); none expired yet in the demo's campaign.
    await insertMovement(t.database.pool, [
      ['cancelled', 1000],
      ['outstanding', -1000],
    ]);
    const cancelled = await balance('cancelled');
    expect(cancelled).toBeGreaterThanOrEqual(1000);
    expect(await balance('expired')).toBe(0);
    await expect(
      insertMovement(t.database.pool, [
        ['unactivated', 1],
        ['expired', -1],
      ]),
    ).rejects.toThrow(/expired balance .* would be negative/);
    await expect(
      insertMovement(t.database.pool, [
        ['unactivated', cancelled + 1],
        ['cancelled', -(cancelled + 1)],
      ]),
    ).rejects.toThrow(/cancelled balance .* would be negative/);
    await insertMovement(t.database.pool, [
      ['unactivated', cancelled],
      ['cancelled', -cancelled],
    ]);
    expect(await balance('cancelled')).toBe(0);
  });
});
