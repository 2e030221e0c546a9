import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';

// Issue 9, point 1: an amendment that closes a programme stops its passes being redeemed, at
// the desk and through the batch alike (the rule is the database's pass_redeemability).
let t: TestApp;
let c: Circulation;
let agent: Client;
let codes: string[];
let mediatheque: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  agent = await signIn(t.app, 'lieu@hautsdefrance.test');
  ({ codes } = await handedOutBooklets(t, c, 1));
});
afterAll(() => t.close());

const session = { theme: STANDARD_SERVICES[1], durationMinutes: 60, format: 'individual' };
const redeem = (code: string, nonce: string) =>
  agent.request('POST', '/api/v1/redemptions', { placeId: mediatheque, code, nonce, ...session });

describe('a programme closed by an amendment', () => {
  it('takes no more redemptions, alone or in a batch, and the desk says why', async () => {
    expect((await redeem(codes[0]!, 'before-closing')).statusCode).toBe(201);

    const today = businessDate();
    const closed = await c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
      effectiveOn: today,
      legal: { ...hautsDeFranceDemoCampaign.creation.legal, number: 'CLOS-1', decidedOn: today },
      changes: { status: 'closed' },
    });
    expect(closed.statusCode).toBe(201);

    const check = await agent.request('GET', `/api/v1/passes/${codes[1]}?placeId=${mediatheque}`);
    expect(check.json()).toMatchObject({ status: 'program_closed' });

    const alone = await redeem(codes[1]!, 'after-closing');
    expect(alone.statusCode).toBe(409);
    expect(alone.json()).toMatchObject({ code: 'program_closed' });
    expect(alone.json().detail).toMatch(/clôturé/);

    // Sent together, they go through the batcher in one statement.
    const together = await Promise.all(codes.slice(2, 8).map((code, i) => redeem(code, `closed-batch-${i}`)));
    expect(together.map((r) => r.json().code)).toEqual(Array(6).fill('program_closed'));

    const used = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM passes WHERE code = ANY($1) AND status = 'redeemed'`,
      [codes.slice(0, 8)],
    );
    expect(used.rows[0].n).toBe(1);
  });
});
