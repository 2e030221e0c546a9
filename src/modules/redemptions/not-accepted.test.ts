import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePassCode } from '../../core/pass-code.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { newAccount } from '../../test/accounts.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { demoCampaign, handedOutBooklets, placeKey, placeOfItsOwn } from '../../test/circulation.js';

/**
 * Issue 10, point 1: a place asking about a pass of a programme it does not take learns
 * nothing, not even that the code exists: the answer is the unknown code's, and it counts
 * as a guess. The Fab-lab de Beauvais takes none of the demo campaign's passes.
 */
let t: TestApp;
let codes: string[];
let fablab: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const c = await demoCampaign(t);
  fablab = c.organisations['Fab-lab de Beauvais']!;
  ({ codes } = await handedOutBooklets(t, c, 2));
});
afterAll(() => t.close());

let nonces = 0;
const redemption = (code: string) => ({
  code,
  nonce: `not-accepted-${nonces++}`,
  theme: STANDARD_SERVICES[0],
  durationMinutes: 60,
  format: 'individual',
});

function asKey(key: string, remoteAddress: string) {
  const headers = { authorization: `Bearer ${key}` };
  return {
    check: (code: string) => t.app.inject({ url: `/api/v1/passes/${code}`, headers, remoteAddress }),
    redeem: (code: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/redemptions',
        headers,
        remoteAddress,
        payload: redemption(code),
      }),
  };
}

/** What a place's software can tell apart: status, media type and body. */
const seen = (res: LightMyRequestResponse) => ({
  status: res.statusCode,
  type: res.headers['content-type'],
  body: res.json(),
});

describe('a pass of a programme the place does not take', () => {
  it('gets the unknown code’s answer when checked or redeemed, alone or in a batch, by key or session', async () => {
    const place = asKey(await placeKey(t, fablab), '192.0.2.10');
    const unknownCheck = seen(await place.check(generatePassCode()));
    expect(unknownCheck).toMatchObject({ status: 404, body: { code: 'unknown_code' } });
    expect(seen(await place.check(codes[0]!))).toEqual(unknownCheck);

    const unknownRedeem = seen(await place.redeem(generatePassCode()));
    expect(seen(await place.redeem(codes[1]!))).toEqual(unknownRedeem);
    // Sent at once, these go to the database together, through the batch redemption.
    const burst = await Promise.all(codes.slice(2, 8).map((code) => place.redeem(code)));
    for (const res of burst) expect(seen(res)).toEqual(unknownRedeem);
    expect(JSON.stringify(unknownCheck)).not.toContain('program_not_accepted');

    const agent = await newAccount(t, {
      funderId: (
        await t.database.pool.query('SELECT funder_id FROM funder_places WHERE place_id = $1', [fablab])
      ).rows[0].funder_id,
      email: 'animateur@fablab-beauvais.test',
      role: 'place_agent',
      organisationId: fablab,
    });
    const bySession = await agent.request('GET', `/api/v1/passes/${codes[8]}?placeId=${fablab}`);
    expect(seen(bySession)).toEqual(unknownCheck);

    const untouched = await t.database.pool.query(
      "SELECT count(*)::int AS n FROM passes WHERE code = ANY($1) AND status = 'active'",
      [codes.slice(0, 9)],
    );
    expect(untouched.rows[0].n).toBe(9);
  });

  it('counts as a guess: after 20 of them the place is shut out like a guesser', async () => {
    // A place of its own: the Fab-lab has spent guesses in the tests above.
    const place = asKey(await placeKey(t, await placeOfItsOwn(t, 'Lieu sans dispositif')), '192.0.2.20');
    const answers: number[] = [];
    for (let i = 0; i < 20; i++) {
      const code = codes[i % codes.length]!;
      answers.push((await (i % 2 ? place.redeem(code) : place.check(code))).statusCode);
    }
    expect(answers.every((s) => s === 404)).toBe(true);
    const next = await place.check(codes[0]!);
    expect(next.statusCode).toBe(429);
    expect(next.json().code).toBe('rate_limited');
  });
});
