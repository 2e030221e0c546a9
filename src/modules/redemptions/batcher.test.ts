import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import { waitForLockWaits } from '../../test/locks.js';
import * as audit from '../audit/service.js';
import { RedemptionBatcher } from './batcher.js';
import type { RedeemCall } from './repo.js';
import * as service from './service.js';

let t: TestApp;
let placeId: string;
let codes: string[];
let unhanded: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const c = await demoCampaign(t);
  placeId = c.organisations['Médiathèque Louis Aragon']!;
  ({ codes } = await handedOutBooklets(t, c, 5));
  const { rows } = await t.database.pool.query(
    `SELECT p.code FROM passes p JOIN booklets b ON b.id = p.booklet_id
      WHERE p.program_id = $1 AND p.status = 'active' AND b.status <> 'handed_out' LIMIT 1`,
    [c.programId],
  );
  unhanded = rows[0].code;
});
afterAll(() => t.close());

function call(code: string, nonce: string): RedeemCall {
  const at = new Date();
  const session = { theme: STANDARD_SERVICES[1], durationMinutes: 45, format: 'collective' };
  return {
    placeId,
    code,
    nonce,
    ...session,
    userId: null,
    keyId: null,
    actorLabel: 'test',
    at,
    today: businessDate(),
    proof: audit.redemptionProof({
      at: at.toISOString(),
      actorUserId: null,
      actorLabel: 'test',
      placeId,
      apiKeyId: null,
      ...session,
    }),
  };
}

async function rows(sql: string, values: unknown[] = []) {
  return (await t.database.pool.query(sql, values)).rows;
}

describe('redemptions gathered into batches', () => {
  it('answers every request of a burst as if it came alone, in one transaction', async () => {
    const batcher = new RedemptionBatcher(t.database.db);
    const fresh = codes.slice(0, 10);
    const [twice, replayed, other] = codes.slice(10, 13) as [string, string, string];
    const answers = await Promise.all([
      ...fresh.map((code, i) => batcher.redeem(call(code, `burst-${i}`))),
      batcher.redeem(call(twice, 'burst-twice-1')),
      batcher.redeem(call(twice, 'burst-twice-2')),
      batcher.redeem(call(replayed, 'burst-same-nonce')),
      batcher.redeem(call(other, 'burst-same-nonce')),
      batcher.redeem(call(unhanded, 'burst-unhanded')),
      batcher.redeem(call('ZZZZZZZZZZZZZZ', 'burst-unknown')),
    ]);

    const outcomes = answers.map((a) => a?.outcome);
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill('redeemed'));
    // The same code twice: the second meets the first one's redemption.
    expect(outcomes.slice(10, 12)).toEqual(['redeemed', 'already_redeemed']);
    // The same nonce twice, for two codes: the second is refused, naming the first redemption.
    expect(outcomes.slice(12, 14)).toEqual(['redeemed', 'nonce_reused']);
    expect(answers[13]!.redemption_id).toBe(answers[12]!.redemption_id);
    expect(answers[13]!.code).toBe(replayed);
    expect(outcomes[14]).toBe('not_handed_out');
    expect(answers[15]).toBeUndefined();

    const stored = await rows(
      `SELECT r.id, r.nonce, r.theme, r.duration_minutes, r.format, p.code, p.status, r.xmin::text AS tx
         FROM redemptions r JOIN passes p ON p.id = r.pass_id WHERE r.nonce LIKE 'burst-%'`,
    );
    expect(stored).toHaveLength(12);
    expect(new Set(stored.map((r) => r.id)).size).toBe(12);
    for (const r of stored) {
      expect(r).toMatchObject({ theme: STANDARD_SERVICES[1], duration_minutes: 45, format: 'collective' });
      expect(r.status).toBe('redeemed');
    }
    // The ten fresh codes went to the database together: one transaction, one commit.
    const fromBurst = stored.filter((r) => /^burst-\d+$/.test(r.nonce));
    expect(new Set(fromBurst.map((r) => r.tx)).size).toBe(1);
    expect((await rows(`SELECT status FROM passes WHERE code = $1`, [other]))[0].status).toBe('active');

    // Each redemption moved exactly its value from outstanding to redeemed, and was journalled.
    const ids = stored.map((r) => String(r.id));
    const postings = await rows(
      `SELECT account, sum(amount_cents)::int AS cents, count(*)::int AS n FROM ledger_postings
        WHERE at = ANY($1::timestamptz[]) GROUP BY account ORDER BY account`,
      [answers.filter((a) => a?.outcome === 'redeemed').map((a) => a!.redeemed_at)],
    );
    expect(postings).toEqual([
      { account: 'outstanding', cents: -12 * 1000, n: 12 },
      { account: 'redeemed', cents: 12 * 1000, n: 12 },
    ]);
    const journal = await rows(
      `SELECT summary->>'redemptionId' AS id FROM audit_entries WHERE action = 'pass.redeem'
        AND summary->>'redemptionId' = ANY($1::text[])`,
      [ids],
    );
    expect(journal.map((j) => j.id).sort()).toEqual([...ids].sort());
  });

  it('replays a nonce from an earlier batch without writing anything', async () => {
    const batcher = new RedemptionBatcher(t.database.db);
    const before = await rows(`SELECT count(*)::int AS n FROM redemptions`);
    const [first, again] = await Promise.all([
      batcher.redeem(call(codes[0]!, 'burst-0')),
      batcher.redeem(call(codes[1]!, 'burst-1')),
    ]);
    expect([first?.outcome, again?.outcome]).toEqual(['replay', 'replay']);
    expect(first?.code).toBe(codes[0]);
    expect(await rows(`SELECT count(*)::int AS n FROM redemptions`)).toEqual(before);
  });

  it('tells a refused item alone, and redeems the others of its batch', async () => {
    const batcher = new RedemptionBatcher(t.database.db);
    const [good, bad] = codes.slice(24, 26) as [string, string];
    // The API refuses such a duration before it gets here; the database's constraint refuses it here.
    const answers = await Promise.allSettled([
      batcher.redeem(call(good, 'fault-good')),
      batcher.redeem({ ...call(bad, 'fault-bad'), durationMinutes: 1000 }),
    ]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected']);
    expect((answers[0] as PromiseFulfilledResult<unknown>).value).toMatchObject({ outcome: 'redeemed' });
    expect(String((answers[1] as PromiseRejectedResult).reason)).toMatch(/redemptions_duration/);
    const written = await rows(`SELECT nonce FROM redemptions WHERE nonce LIKE 'fault-%'`);
    expect(written).toEqual([{ nonce: 'fault-good' }]);
    const statuses = await rows(`SELECT code, status FROM passes WHERE code = ANY($1::text[])`, [
      [good, bad],
    ]);
    expect(Object.fromEntries(statuses.map((s) => [s.code, s.status]))).toEqual({
      [good]: 'redeemed',
      [bad]: 'active',
    });
  });

  it('answers a nonce PostgreSQL cannot store alone, and redeems the ten sent with it', async () => {
    const caller: service.Caller = { placeId, userId: null, keyId: null, label: 'test' };
    const input = (code: string, nonce: string) => ({
      code,
      nonce,
      theme: STANDARD_SERVICES[5],
      durationMinutes: 30,
      format: 'individual' as const,
    });
    const valid = codes.slice(30, 40);
    const answers = await Promise.allSettled([
      ...valid
        .slice(0, 5)
        .map((code, i) => service.redeem(t.database.db, caller, input(code, `nul-ok-${i}`), 24)),
      service.redeem(t.database.db, caller, input(codes[40]!, 'nul-\u0000-nonce'), 24),
      ...valid
        .slice(5)
        .map((code, i) => service.redeem(t.database.db, caller, input(code, `nul-ok-${i + 5}`), 24)),
    ]);
    const refused = answers.splice(5, 1)[0] as PromiseRejectedResult;
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill('fulfilled'));
    expect(refused.status).toBe('rejected');
    expect(refused.reason).toMatchObject({ status: 422, code: 'validation_failed' });
    expect(refused.reason.errors).toEqual([{ field: 'nonce', message: expect.any(String) }]);
    const stored = await rows(`SELECT count(*)::int AS n FROM redemptions WHERE nonce LIKE 'nul-ok-%'`);
    expect(stored[0].n).toBe(10);
    const untouched = await rows(`SELECT status FROM passes WHERE code = $1`, [codes[40]]);
    expect(untouched[0].status).toBe('active');
  });

  it('retries a redemption chosen as a deadlock victim, like a serialization failure', async () => {
    const code = codes[41]!;
    const other = await t.database.pool.connect();
    try {
      // Another transaction writes, uncommitted, a redemption with the same place and nonce
      // (for another pass), which the redemption's own row then waits for (the unique index),
      // and then waits for the pass the redemption holds.
      await other.query('BEGIN');
      // The redemption, waiting first with the default 1 s, is the one to find the deadlock
      // and be chosen as its victim, even on a loaded machine where both timers fire late.
      await other.query("SET LOCAL deadlock_timeout = '10s'");
      await other.query(
        `INSERT INTO redemptions (funder_id, program_id, pass_id, place_id, nonce, theme, duration_minutes,
                                  format, face_value_cents, redeemed_at)
         SELECT funder_id, program_id, id, $2, 'deadlock-victim', 'x', 60, 'individual', face_value_cents, now()
           FROM passes WHERE code = $1`,
        [codes[42], placeId],
      );
      const redeemed = new RedemptionBatcher(t.database.db).redeem(call(code, 'deadlock-victim'));
      await waitForLockWaits(t.database.pool, 1);
      const crossing = other.query('UPDATE passes SET redeemed_at = redeemed_at WHERE code = $1', [code]);
      await crossing; // PostgreSQL breaks the cycle by aborting the redemption's transaction
      await other.query('ROLLBACK');
      expect(await redeemed).toMatchObject({ outcome: 'redeemed', code });
    } finally {
      other.release();
    }
  });

  it('keeps one answer per nonce when two servers batch the same nonce at once', async () => {
    const [a, b] = [new RedemptionBatcher(t.database.db), new RedemptionBatcher(t.database.db)];
    const [x, y, z] = codes.slice(20, 23) as [string, string, string];
    const answers = await Promise.all([
      a.redeem(call(x, 'two-servers')),
      a.redeem(call(z, 'two-servers-other')),
      b.redeem(call(y, 'two-servers')),
      b.redeem(call(codes[23]!, 'two-servers-more')),
    ]);
    const [ax, , by] = answers;
    // One pass is redeemed; the other request, a different code under the same nonce, is refused.
    expect([ax?.outcome, by?.outcome].sort()).toEqual(['nonce_reused', 'redeemed']);
    expect(ax?.redemption_id).toBe(by?.redemption_id);
    expect(answers[1]?.outcome).toBe('redeemed');
    expect(answers[3]?.outcome).toBe('redeemed');
    const stored = await rows(`SELECT count(*)::int AS n FROM redemptions WHERE nonce = 'two-servers'`);
    expect(stored[0].n).toBe(1);
    const statuses = await rows(`SELECT status FROM passes WHERE code = ANY($1::text[]) ORDER BY status`, [
      [x, y],
    ]);
    expect(statuses.map((s) => s.status)).toEqual(['active', 'redeemed']);
  });
});
