import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { firstWorkingDay } from '../../core/french-holidays.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { dayAfterMonth, nextMonth, previousMonth } from '../../core/statement.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from './service.js';

/**
 * Monthly statements (issue 12, point 2): one per place and programme, every live redemption
 * on exactly one, a cancellation before its statement on none, a cancellation after it as an
 * adjustment on the next; numbered without gaps per funder; a second run issues nothing.
 */
let t: TestApp;
let c: Circulation;
let placeId: string;
let codes: string[];
const month = businessDate().slice(0, 7);
const next = nextMonth(month);

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  placeId = c.organisations['Médiathèque Louis Aragon']!;
  ({ codes } = await handedOutBooklets(t, c, 1));
});
afterAll(() => t.close());

const caller = () => ({ placeId, userId: null, keyId: null, label: 'test' });
const redeem = async (code: string) =>
  (
    await redemptions.redeem(
      t.database.db,
      caller(),
      { code, nonce: randomUUID(), theme: STANDARD_SERVICES[0], durationMinutes: 60, format: 'individual' },
      24,
    )
  ).redemption;
const cancel = (id: number) => redemptions.cancel(t.database.db, { caller: caller() }, id, 24);

async function statementOf(m: string) {
  const { rows } = await t.database.pool.query(
    `SELECT * FROM statements WHERE program_id = $1 AND place_id = $2 AND month = $3::date`,
    [c.programId, placeId, `${m}-01`],
  );
  return rows[0];
}

async function linesOf(statementId: string) {
  const { rows } = await t.database.pool.query(
    'SELECT redemption_id::int AS id, kind, amount_cents::int AS cents FROM statement_lines WHERE statement_id = $1',
    [statementId],
  );
  return rows as { id: number; kind: string; cents: number }[];
}

async function sequences() {
  const { rows } = await t.database.pool.query(
    'SELECT sequence, number, month FROM statements WHERE funder_id = $1 ORDER BY sequence',
    [c.funderId],
  );
  return rows;
}

describe('monthly statements', () => {
  let kept: { id: number; faceValueCents: number }[];
  let cancelledBefore: { id: number };

  it("put every live redemption of the place's month on its statement, and none cancelled before", async () => {
    kept = [await redeem(codes[0]!), await redeem(codes[1]!), await redeem(codes[2]!)];
    cancelledBefore = await redeem(codes[3]!);
    await cancel(cancelledBefore.id);

    const result = await statements.run(t.database.db, { month }, dayAfterMonth(month));
    expect(result.funders.find((f) => f.funderId === c.funderId)?.issued).toBeGreaterThan(0);
    const s = await statementOf(month);
    // The demo's past months are on their own statements already.
    const { rows: live } = await t.database.pool.query(
      `SELECT id::int, face_value_cents FROM redemptions r
        WHERE place_id = $1 AND program_id = $2 AND cancelled_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM statement_lines l JOIN statements s ON s.id = l.statement_id
                           WHERE l.redemption_id = r.id AND s.month < $3::date)`,
      [placeId, c.programId, `${month}-01`],
    );
    const lines = await linesOf(s.id);
    expect(lines.map((l) => l.id).sort()).toEqual(live.map((r) => r.id).sort());
    expect(lines.every((l) => l.kind === 'redemption')).toBe(true);
    for (const k of kept) expect(lines.map((l) => l.id)).toContain(k.id);
    expect(lines.map((l) => l.id)).not.toContain(cancelledBefore.id);
    expect(s.status).toBe('issued');
    expect(s.redemptions_count).toBe(live.length);
    expect(Number(s.total_cents)).toBe(live.reduce((t, r) => t + r.face_value_cents, 0));
  });

  it('are numbered without gaps per funder', async () => {
    const all = await sequences();
    expect(all.map((s) => s.sequence)).toEqual(all.map((_, i) => i + 1));
    expect(all[0].number).toMatch(/^\d{4}-000001$/);
  });

  it('are issued once: a second run of the month issues nothing', async () => {
    const before = await sequences();
    const again = await statements.run(t.database.db, { month }, dayAfterMonth(month));
    expect(again.funders.every((f) => f.issued === 0)).toBe(true);
    expect(await sequences()).toEqual(before);
  });

  it("carry a cancellation after the statement as an adjustment on the place's next statement", async () => {
    const later = await redeem(codes[4]!);
    await cancel(kept[0]!.id);
    await statements.run(t.database.db, { month: next }, dayAfterMonth(next));
    const s = await statementOf(next);
    const lines = await linesOf(s.id);
    expect(lines).toEqual(
      expect.arrayContaining([
        { id: kept[0]!.id, kind: 'adjustment', cents: -kept[0]!.faceValueCents },
        { id: later.id, kind: 'redemption', cents: later.faceValueCents },
      ]),
    );
    expect(Number(s.adjustments_cents)).toBe(-kept[0]!.faceValueCents);
    expect(Number(s.total_cents)).toBe(later.faceValueCents - kept[0]!.faceValueCents);
    // Every redemption is in at most one line of each kind, and an adjustment only follows a line.
    const { rows } = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM statement_lines a
        WHERE a.kind = 'adjustment'
          AND NOT EXISTS (SELECT 1 FROM statement_lines l WHERE l.redemption_id = a.redemption_id AND l.kind = 'redemption')`,
    );
    expect(rows[0].n).toBe(0);
    const all = await sequences();
    expect(all.map((s) => s.sequence)).toEqual(all.map((_, i) => i + 1));
  });

  it('are run by the job on the first working day of the month, for the past month', async () => {
    expect(await statements.runIfDue(t.database.db, '2027-01-01')).toBeNull(); // a holiday
    expect(await statements.runIfDue(t.database.db, '2027-01-05')).toBeNull(); // not the first working day
    const due = await statements.runIfDue(t.database.db, firstWorkingDay(`${next}-01`));
    expect(due?.month).toBe(month);
  });

  it('refuse a month that is not YYYY-MM, naming the field', async () => {
    await expect(statements.run(t.database.db, { month: '2026-13' })).rejects.toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'month' }],
    });
  });

  it('refuse a month not over, or not begun, naming the field and the day it may be issued, and issue nothing', async () => {
    const before = await sequences();
    const midNext = `${next}-15`;
    await expect(statements.run(t.database.db, { month: next }, midNext)).rejects.toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'month', message: expect.stringMatching(/n'est pas terminé .* à partir du 1er /) }],
    });
    await expect(statements.run(t.database.db, { month: nextMonth(next) }, midNext)).rejects.toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'month' }],
    });
    expect(await sequences()).toEqual(before);
  });

  const cli = (month: string) =>
    promisify(execFile)(
      path.resolve('node_modules/.bin/tsx'),
      ['src/cli.ts', 'statements', 'run', '--month', month, '--funder', c.funderId],
      { env: { ...process.env, DATABASE_URL: t.database.url } },
    );

  it('run from the command line, for one funder', async () => {
    const past = previousMonth(businessDate());
    // Said by the funder's name, as its people know it.
    expect((await cli(past)).stdout).toContain(`Région Hauts-de-France, ${past} : 0 relevé émis.`);
  }, 60_000);

  it('refuse from the command line the month in progress', async () => {
    const before = await sequences();
    const failed = await cli(month).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).not.toBe(0);
    expect(failed?.stderr).toMatch(/n'est pas terminé/);
    expect(await sequences()).toEqual(before);
  }, 60_000);
});
