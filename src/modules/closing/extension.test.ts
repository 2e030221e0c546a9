import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import * as passes from '../passes/service.js';
import * as redemptions from '../redemptions/service.js';

// A programme's usage end moved by an amendment (Pas-de-Calais extended its passes in 2023):
// the passes already handed out are valid until the end as amended, not the one in force on
// the day they were handed out.
let t: TestApp;
let c: Circulation;
let codes: string[];
let agent: Client;
let caller: redemptions.Caller;
const T0 = businessDate();
const SHORT_END = addDays(T0, 40);
const LONG_END = addDays(T0, 120);
let n = 0;

const amend = async (number: string, usageEnd: string) => {
  const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
    effectiveOn: T0,
    legal: { ...hautsDeFranceDemoCampaign.creation.legal, number, decidedOn: T0 },
    changes: { calendar: { distributionEnd: addDays(T0, 20), usageEnd } },
  });
  expect(res.statusCode, res.body).toBe(201);
};
const validUntilAtDesk = async (code: string) => {
  const res = await agent.request('GET', `/api/v1/passes/${code}?placeId=${caller.placeId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().validUntil as string;
};

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  ({ codes } = await handedOutBooklets(t, c, 1));
  agent = await signIn(t.app, 'lieu@hautsdefrance.test');
  caller = {
    placeId: c.organisations['Médiathèque Louis Aragon']!,
    userId: null,
    keyId: null,
    label: 'test de prolongation',
  };
});
afterAll(() => t.close());

describe('a usage end moved by an amendment', () => {
  it('moves the validity of the passes already handed out, shortened as extended', async () => {
    const before = await validUntilAtDesk(codes[0]!);
    expect(before).not.toBe(SHORT_END);
    await amend('FIN-AVANCEE', SHORT_END);
    expect(await validUntilAtDesk(codes[0]!)).toBe(SHORT_END);
    await amend('PROLONGATION', LONG_END);
    expect(await validUntilAtDesk(codes[0]!)).toBe(LONG_END);
  });

  it('lets a pass handed out before the extension pay a session after the former end', async () => {
    const day = addDays(SHORT_END, 45);
    // The daily expiry, run past the former end and its tolerance: the pass is still valid.
    expect(await passes.expireOverdue(t.database.db, day)).toBe(0);
    const redeemed = await redemptions.redeem(
      t.database.db,
      caller,
      {
        code: codes[1]!,
        nonce: `prolongation-${n++}`,
        theme: STANDARD_SERVICES[1],
        durationMinutes: 60,
        format: 'individual',
      },
      24,
      new Date(`${day}T10:00:00Z`),
    );
    expect(redeemed.replayed).toBe(false);
    const { rows } = await t.database.pool.query(
      `SELECT status, count(*)::int AS n FROM passes WHERE code = ANY($1) GROUP BY status ORDER BY 1`,
      [codes],
    );
    expect(rows).toEqual([
      { status: 'active', n: codes.length - 1 },
      { status: 'redeemed', n: 1 },
    ]);
  });

  it('may not end the usage before a session already paid, nor the distribution before a hand-out', async () => {
    const session = addDays(SHORT_END, 45);
    for (const [changes, field, message] of [
      [
        { usageEnd: addDays(session, -1) },
        'changes.calendar.usageEnd',
        `Une séance du ${frenchDate(session)} a déjà été payée par un pass de ce dispositif`,
      ],
      [
        { distributionEnd: addDays(T0, -1) },
        'changes.calendar.distributionEnd',
        `Un carnet a déjà été remis le ${frenchDate(T0)}`,
      ],
    ] as const) {
      const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
        effectiveOn: T0,
        legal: { ...hautsDeFranceDemoCampaign.creation.legal, number: 'TROP-TOT', decidedOn: T0 },
        changes: { calendar: changes },
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('calendar_before_activity');
      expect(res.json().errors).toEqual([{ field, message: expect.stringContaining(message) }]);
    }
    // Nothing recorded: the pass keeps the end as extended.
    expect(await validUntilAtDesk(codes[0]!)).toBe(LONG_END);
  });
});
