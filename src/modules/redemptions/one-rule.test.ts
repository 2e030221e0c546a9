import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import { actorByEmail } from '../auth/service.js';
import * as blocking from '../blocking/service.js';
import * as passes from '../passes/service.js';
import { RedemptionBatcher } from './batcher.js';
import * as service from './service.js';

/**
 * One rule, one place. Whether a pass is redeemable is decided by one SQL function, and a
 * ledger movement or an audit entry is written by one SQL function each: replacing that
 * function here changes what every path does — the pass check, the single redemption and
 * the batch, and the TypeScript services' postings and entries.
 */
let t: TestApp;
let c: Circulation;
let caller: service.Caller;
let codes: string[];
let serials: string[];
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  const placeId = c.organisations['Médiathèque Louis Aragon']!;
  caller = { placeId, userId: null, keyId: null, label: 'test' };
  ({ codes, serials } = await handedOutBooklets(t, c, 2));
});
afterAll(() => t.close());

const q = async (sql: string, values: unknown[] = []) => (await t.database.pool.query(sql, values)).rows;

/** Puts `body` (plpgsql, may call `<name>_original`) in place of the function `name`. */
async function replace(name: string, body: (call: string) => string): Promise<() => Promise<void>> {
  const [f] = await q(
    `SELECT pg_get_function_arguments(oid) AS args, pg_get_function_identity_arguments(oid) AS ident,
            pg_get_function_result(oid) AS result,
            array_to_string(proargnames, ', ') AS names
       FROM pg_proc WHERE proname = $1 AND pronamespace = 'public'::regnamespace`,
    [name],
  );
  if (!f) throw new Error(`no function ${name}`);
  await q(`ALTER FUNCTION ${name} RENAME TO ${name}_original`);
  await q(
    `CREATE FUNCTION ${name}(${f.args}) RETURNS ${f.result} LANGUAGE plpgsql AS $fn$
     BEGIN ${body(`${name}_original(${f.names})`)} END $fn$`,
  );
  return async () => {
    // The identity arguments: `args` may carry DEFAULTs (ledger_post's p_place), which DROP refuses.
    await q(`DROP FUNCTION ${name}(${f.ident})`);
    await q(`ALTER FUNCTION ${name}_original RENAME TO ${name}`);
  };
}

const input = (code: string, nonce: string) => ({
  code,
  nonce,
  // A theme the Médiathèque declares (demo/places.ts).
  theme: STANDARD_SERVICES[7],
  durationMinutes: 60,
  format: 'individual' as const,
});

describe('whether a pass is redeemable', () => {
  it('is decided by pass_redeemability for the check, the single redemption and the batch', async () => {
    const restore = await replace('pass_redeemability', () => `RETURN 'not_yet_valid';`);
    try {
      const checked = await service.check(t.database.db, caller, codes[0]!);
      expect(checked.status).toBe('not_yet_valid');
      const batcher = new RedemptionBatcher(t.database.db);
      const alone = await batcher.redeem({
        ...input(codes[0]!, 'rule-alone'),
        placeId: caller.placeId,
        userId: null,
        keyId: null,
        actorLabel: 'test',
        at: new Date(),
        today: businessDate(),
        // Refused before any entry is written: no writer proof is needed.
        proof: '',
      });
      expect(alone?.outcome).toBe('not_yet_valid');
      const together = await Promise.allSettled(
        [1, 2, 3].map((i) => service.redeem(t.database.db, caller, input(codes[i]!, `rule-batch-${i}`), 24)),
      );
      for (const r of together)
        expect(r).toMatchObject({ status: 'rejected', reason: { code: 'not_yet_valid' } });
      expect(await q(`SELECT count(*)::int AS n FROM redemptions WHERE nonce LIKE 'rule-%'`)).toEqual([
        { n: 0 },
      ]);
    } finally {
      await restore();
    }
    const redeemed = await service.redeem(t.database.db, caller, input(codes[1]!, 'rule-after'), 24);
    expect(redeemed.replayed).toBe(false);
  });
});

describe('the rule on the hot path', () => {
  it('is inlined into the conditional update: a batch pays no function call per pass', async () => {
    const plan = await q(
      `EXPLAIN (VERBOSE, COSTS OFF)
       UPDATE passes ps SET status = 'redeemed' FROM booklets b
        WHERE ps.code = 'X' AND b.id = ps.booklet_id
          AND pass_redeemability(ps.status, ps.valid_from, ps.valid_until, b.status,
                (SELECT pp.standing FROM program_places pp WHERE pp.program_id = ps.program_id),
                true, current_date) = 'redeemable'`,
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('CASE WHEN');
    expect(text).not.toContain('pass_redeemability');
  });
});

describe('ledger postings and audit entries', () => {
  it('are written by ledger_post and audit_append, from SQL and from TypeScript alike', async () => {
    const db = t.database.db;
    const prescriber = (await actorByEmail(db, 'prescripteur@hautsdefrance.test'))!;
    await q('CREATE TABLE probe (fn text NOT NULL)');
    const probe = (fn: string) => (call: string) => `INSERT INTO probe VALUES ('${fn}'); PERFORM ${call};`;
    const restoreLedger = await replace('ledger_post', probe('ledger_post'));
    const restoreAudit = await replace('audit_append', probe('audit_append'));
    const seen: Record<string, Record<string, number>> = {};
    async function path(name: string, run: () => Promise<unknown>) {
      await q('TRUNCATE probe');
      await run();
      const rows = await q('SELECT fn, count(*)::int AS n FROM probe GROUP BY fn ORDER BY fn');
      seen[name] = Object.fromEntries(rows.map((r) => [r.fn, r.n]));
    }
    let first: service.Redeemed | undefined;
    try {
      await path('funding (TypeScript)', async () => {
        const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/fundings`, {
          payer: 'Région Hauts-de-France',
          amountCents: 10_000,
          receivedOn: businessDate(),
          reference: 'probe',
          confirmOverShare: true,
        });
        expect(res.statusCode).toBe(201);
      });
      await path('redemption alone (SQL)', async () => {
        first = await service.redeem(db, caller, input(codes[4]!, 'probe-alone'), 24);
      });
      await path('batch of three (SQL)', () =>
        Promise.all([5, 6, 7].map((i) => service.redeem(db, caller, input(codes[i]!, `probe-${i}`), 24))),
      );
      await path('cancellation (TypeScript)', () => service.cancel(db, { caller }, first!.redemption.id, 24));
      await path('block (TypeScript)', () => blocking.block(db, prescriber, serials[1]!, 'lost'));
      await path('expiry (TypeScript)', () => passes.expireOverdue(db, '2028-02-01'));
    } finally {
      await restoreAudit();
      await restoreLedger();
    }
    expect(seen['batch of three (SQL)']).toEqual({ audit_append: 1, ledger_post: 1 });
    for (const [name, calls] of Object.entries(seen)) {
      expect(calls.ledger_post, name).toBeGreaterThan(0);
      expect(calls.audit_append, name).toBeGreaterThan(0);
    }
    expect(Object.keys(seen)).toHaveLength(6);
  });
});
