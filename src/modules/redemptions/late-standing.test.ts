import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import * as places from '../places/service.js';
import * as redemptions from './service.js';

/**
 * A session recorded on a later day is judged with the place's standing as of the session's day
 * (the funder's decisions, kept in full): a place suspended, or withdrawn, since is still paid for
 * the sessions it gave while it was approved, within the tolerance; not for those given after.
 * "Today" is injected: the decisions' day, the redemption's `at`, the check's `today`.
 */
let t: TestApp;
let c: Circulation;
let codes: string[];
let caller: redemptions.Caller;
const T0 = businessDate();
const SUSPENDED_ON = addDays(T0, 3);
const WITHDRAWN_ON = addDays(T0, 6);
const noon = (day: string) => new Date(`${day}T10:00:00Z`);

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  ({ codes } = await handedOutBooklets(t, c, 1));
  const mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  caller = { placeId: mediatheque, userId: null, keyId: null, label: 'test de séance tardive' };
  await places.decide(
    t.database.db,
    null,
    c.programId,
    mediatheque,
    { decision: 'suspended', reason: 'Contrôle en cours' },
    SUSPENDED_ON,
  );
});
afterAll(() => t.close());

let n = 0;
const redeemAt = (code: string, day: string, sessionOn?: string) =>
  redemptions
    .redeem(
      t.database.db,
      caller,
      {
        code,
        nonce: `seance-tardive-lieu-${n++}`,
        theme: STANDARD_SERVICES[1],
        durationMinutes: 60,
        format: 'individual',
        sessionOn,
      },
      24,
      noon(day),
    )
    .then(
      (r) => ({ ok: true as const, id: r.redemption.id }),
      (e: { code: string; status: number }) => ({ ok: false as const, code: e.code, status: e.status }),
    );
/** What check() says of the pass for that session: its status, or the refusal it throws. */
const checkAt = (code: string, day: string, sessionOn?: string) =>
  redemptions.check(t.database.db, caller, code, day, sessionOn).then(
    (r) => r.status as string,
    (e: { code: string }) => e.code,
  );

describe('a late session of a place suspended or withdrawn since', () => {
  it('records a session given while the place was approved, though it is suspended today', async () => {
    const day = addDays(SUSPENDED_ON, 2);
    expect(await checkAt(codes[0]!, day, addDays(T0, 1))).toBe('redeemable');
    expect(await redeemAt(codes[0]!, day, addDays(T0, 1))).toMatchObject({ ok: true });
    // The day before the suspension is still a day the place was approved.
    expect(await checkAt(codes[1]!, day, addDays(SUSPENDED_ON, -1))).toBe('redeemable');
    expect(await redeemAt(codes[1]!, day, addDays(SUSPENDED_ON, -1))).toMatchObject({ ok: true });
  });

  it('refuses, as today, a session given once the place was suspended', async () => {
    const day = addDays(SUSPENDED_ON, 2);
    for (const sessionOn of [SUSPENDED_ON, addDays(SUSPENDED_ON, 1)]) {
      expect(await checkAt(codes[2]!, day, sessionOn)).toBe('place_suspended');
      expect(await redeemAt(codes[2]!, day, sessionOn)).toMatchObject({
        ok: false,
        code: 'place_suspended',
        status: 409,
      });
    }
    // A session of the day: today's rule, unchanged.
    expect(await checkAt(codes[2]!, day)).toBe('place_suspended');
    expect(await redeemAt(codes[2]!, day)).toMatchObject({ ok: false, code: 'place_suspended' });
  });

  it('records, once the qualification is withdrawn, a session given before the suspension', async () => {
    await places.decide(
      t.database.db,
      null,
      c.programId,
      caller.placeId,
      { decision: 'revoked', reason: 'Fin du partenariat' },
      WITHDRAWN_ON,
    );
    const day = addDays(WITHDRAWN_ON, 1);
    expect(await checkAt(codes[3]!, day, addDays(T0, 2))).toBe('redeemable');
    expect(await redeemAt(codes[3]!, day, addDays(T0, 2))).toMatchObject({ ok: true });
    // Suspended then, refused as such; withdrawn then, or today, the programme's passes are unknown here.
    expect(await checkAt(codes[4]!, day, SUSPENDED_ON)).toBe('place_suspended');
    expect(await redeemAt(codes[4]!, day, SUSPENDED_ON)).toMatchObject({
      ok: false,
      code: 'place_suspended',
    });
    for (const sessionOn of [WITHDRAWN_ON, undefined]) {
      expect(await checkAt(codes[4]!, day, sessionOn)).toBe('unknown_code');
      expect(await redeemAt(codes[4]!, day, sessionOn)).toMatchObject({
        ok: false,
        code: 'unknown_code',
        status: 404,
      });
    }
  });
});
