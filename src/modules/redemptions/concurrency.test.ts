import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_SERVICES } from '../../core/session.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { demoCampaign, handedOutBooklets, placeKey } from '../../test/circulation.js';

let t: TestApp;
let baseUrl: string;
let codes: string[];
let keys: string[];
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const c = await demoCampaign(t);
  ({ codes } = await handedOutBooklets(t, c, 2));
  keys = await Promise.all(
    ['Médiathèque Louis Aragon', 'Centre social Arras Ouest'].map((name) =>
      placeKey(t, c.organisations[name]!),
    ),
  );
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

interface Attempt {
  key: string;
  body: { code: string; nonce: string; theme: string; durationMinutes: number; format: string };
}

async function send(a: Attempt) {
  const res = await fetch(`${baseUrl}/api/v1/redemptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${a.key}` },
    body: JSON.stringify(a.body),
  });
  return { status: res.status, body: await res.json() };
}

async function redeemedValue(): Promise<number> {
  const { rows } = await t.database.pool.query(
    `SELECT coalesce(sum(amount_cents), 0)::bigint AS v FROM ledger_postings WHERE account = 'redeemed'`,
  );
  return Number(rows[0].v);
}

describe('redemption under concurrent load, through HTTP', () => {
  it('gives exactly one success per pass, and a retried nonce the first answer without a new row', async () => {
    expect(codes).toHaveLength(20);
    const attempts: Attempt[] = Array.from({ length: 200 }, (_, i) => ({
      key: keys[i % keys.length]!,
      body: {
        code: codes[i % codes.length]!,
        nonce: `concurrent-load-${i}`,
        theme: STANDARD_SERVICES[0],
        durationMinutes: 60,
        format: 'individual',
      },
    }));
    const redeemedBefore = await redeemedValue();
    const results = await Promise.all(attempts.map(send));
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    expect(created).toHaveLength(20);
    expect(refused).toHaveLength(180);
    expect(new Set(refused.map((r) => r.body.code))).toEqual(new Set(['already_redeemed']));
    expect(new Set(created.map((r) => r.body.code)).size).toBe(20);

    const rowsBefore = await t.database.pool.query('SELECT count(*)::int AS n FROM redemptions');
    const winners = attempts.filter((_, i) => results[i]!.status === 201);
    const retried = await Promise.all(winners.map(send));
    expect(retried.map((r) => r.status)).toEqual(winners.map(() => 200));
    expect(retried.map((r) => r.body.id)).toEqual(created.map((r) => r.body.id));
    const rowsAfter = await t.database.pool.query('SELECT count(*)::int AS n FROM redemptions');
    expect(rowsAfter.rows[0].n).toBe(rowsBefore.rows[0].n);

    expect((await redeemedValue()) - redeemedBefore).toBe(20 * 1000);
    const redeemed = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM passes WHERE code = ANY($1) AND status = 'redeemed'`,
      [codes],
    );
    expect(redeemed.rows[0].n).toBe(20);
  });
});
