import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchDate } from '../../core/dates.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';
import { pastUsageEndMessage } from './service.js';

/*
 * A usage end moved into the past (a day typed wrong, a year off) is acted on at the next
 * hourly run: the passes never handed out are cancelled, those handed out expire once the
 * tolerance for late sessions is over, and neither comes back. The funder is told so, with the
 * figures, and must confirm before the amendment is recorded.
 */
let t: TestApp;
let c: Circulation;
const today = businessDate();
const { legal } = hautsDeFranceDemoCampaign.creation;
let number = 0;

const amend = (usageEnd: string, extra: Record<string, unknown> = {}) =>
  c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
    effectiveOn: today,
    legal: { ...legal, number: `FIN-PASSEE-${number++}`, decidedOn: today },
    changes: { calendar: { distributionEnd: usageEnd, usageEnd } },
    ...extra,
  });
const timeline = async () =>
  (await c.funder.request('GET', `/api/v1/programs/${c.programId}`)).json().timeline as { id: string }[];
const journal = async () =>
  (
    await t.database.pool.query(
      `SELECT summary FROM audit_entries WHERE action = 'program.amend' AND object_id = $1 ORDER BY id`,
      [c.programId],
    )
  ).rows.map((r) => r.summary);

/** What the next run would do, counted here from the passes and their booklets. */
const atStake = async () =>
  (
    await t.database.pool.query(
      `SELECT count(*) FILTER (WHERE b.status IN ('stock', 'allocated'))::int AS "neverHandedOut",
              count(*) FILTER (WHERE b.status = 'handed_out' AND p.status = 'active')::int AS "handedOutUnused"
         FROM passes p JOIN booklets b ON b.id = p.booklet_id
        WHERE p.program_id = $1 AND p.status IN ('issued', 'active')`,
      [c.programId],
    )
  ).rows[0] as { neverHandedOut: number; handedOutUnused: number };
const count = (n: number) => new Intl.NumberFormat('fr-FR').format(n);
// The demo's hand-outs and sessions are all before today: yesterday is the latest end they allow.
const yesterday = addDays(today, -1);

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
});
afterAll(() => t.close());

describe('a usage end moved into the past', () => {
  it('is refused until confirmed, saying what the next run will do, and records nothing', async () => {
    const before = await timeline();
    const stake = await atStake();
    expect(stake.neverHandedOut).toBeGreaterThan(0);
    expect(stake.handedOutUnused).toBeGreaterThan(0);
    const res = await amend(yesterday);
    expect(res.statusCode, res.body).toBe(409);
    const problem = res.json();
    expect(problem.code).toBe('usage_end_in_past');
    expect(problem.errors).toEqual([{ field: 'confirmPastUsageEnd', message: problem.detail }]);
    expect(problem.detail).toContain(`La fin d’utilisation (${frenchDate(yesterday)}) est passée`);
    expect(problem.detail).toContain(`${count(stake.neverHandedOut)} pass jamais remis seront annulés`);
    // Late sessions may still be recorded until the tolerance is over.
    expect(problem.detail).toContain(
      `${count(stake.handedOutUnused)} pass remis et non utilisés expireront après le ${frenchDate(addDays(yesterday, 31))}`,
    );
    expect(problem.detail).toMatch(/Confirmez/);
    expect(await timeline()).toEqual(before);
  });

  it('is recorded once confirmed, the confirmation in the journal', async () => {
    const before = (await timeline()).length;
    const res = await amend(yesterday, { confirmPastUsageEnd: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(await timeline()).toHaveLength(before + 1);
    expect((await journal()).at(-1)).toMatchObject({ confirmedPastUsageEnd: true });
  });

  it('asks nothing for a usage end today or ahead, nor for one that moves later', async () => {
    // Restoring the usage end ahead: an extension, nothing is cancelled.
    const ahead = await amend(addDays(today, 60));
    expect(ahead.statusCode, ahead.body).toBe(201);
    const onToday = await amend(today);
    expect(onToday.statusCode, onToday.body).toBe(201);
    expect((await journal()).at(-1)).not.toHaveProperty('confirmedPastUsageEnd');
  });
});

describe('what the message says once the tolerance is over too', () => {
  it('says the passes handed out expire at the next run', () => {
    const message = pastUsageEndMessage(
      { usageEnd: '2026-01-31', lastRecordingDay: '2026-03-03', today: '2026-04-01' },
      { neverHandedOut: 1200, handedOutUnused: 35 },
    );
    expect(message).toContain('La fin d’utilisation (31 janvier 2026) est passée.');
    expect(message).toContain(`${(1200).toLocaleString('fr-FR')} pass jamais remis seront annulés`);
    expect(message).toContain('35 pass remis et non utilisés expireront dès la prochaine heure');
  });
});
