import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_SERVICES } from '../../core/session.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import * as passes from '../passes/service.js';
import * as redemptions from '../redemptions/service.js';

/**
 * A replacement gives back what was lost, no more (found by a tester at a front desk): a
 * booklet of 10 lost with 5 passes used was replaced by a new one of 10, and the person held
 * 15 passes where the programme allows 10.
 */
let t: TestApp;
let c: Circulation;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
});
afterAll(() => t.close());

/** A booklet of the programme in the Mission locale's stock, of this size. */
async function spare(size: number) {
  const { rows } = await t.database.pool.query<{ serial: string }>(
    `SELECT serial FROM booklets WHERE program_id = $1 AND status = 'stock' AND size = $2 ORDER BY serial LIMIT 1`,
    [c.programId, size],
  );
  if (!rows[0]) {
    const issued = await c.funder.request('POST', `/api/v1/programs/${c.programId}/issues`, {
      bookletCount: 1,
      bookletSize: size,
    });
    expect(issued.statusCode, issued.body).toBe(201);
    return spare(size);
  }
  const res = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
    prescriberId: c.organisations['Mission locale du Grand Amiénois'],
    firstSerial: rows[0].serial,
    lastSerial: rows[0].serial,
  });
  expect(res.statusCode, res.body).toBe(201);
  return rows[0].serial;
}

describe('the replacement of a lost booklet', () => {
  it('holds at most the passes the lost booklet had left', async () => {
    const { serials, codes, prescriber, missionLocale } = await handedOutBooklets(t, c, 1);
    const lost = serials[0]!;
    expect(codes).toHaveLength(10);
    const place = c.organisations['Médiathèque Louis Aragon']!;
    for (const [i, code] of codes.slice(0, 5).entries()) {
      await redemptions.redeem(
        t.database.db,
        { placeId: place, userId: null, keyId: null, label: 'test' },
        {
          code,
          nonce: `remplacement-${i}`,
          theme: STANDARD_SERVICES[0],
          durationMinutes: 60,
          format: 'individual',
        },
        24,
      );
    }
    await prescriber.request('POST', `/api/v1/booklets/${lost}/block`, { reason: 'lost' });
    const replace = (serial: string) =>
      prescriber.request('POST', `/api/v1/organisations/${missionLocale}/replacements`, {
        blockedSerial: lost,
        serial,
      });

    const ten = await spare(10);
    const refused = await replace(ten);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'replacement_exceeds_loss',
      errors: [{ field: 'serial', message: expect.stringContaining('5 pass') }],
    });
    // Nothing changed: the booklet of 10 is still in stock, the lost one not replaced.
    const { rows } = await t.database.pool.query(
      'SELECT status, replaces_id FROM booklets WHERE serial = $1',
      [ten],
    );
    expect(rows[0]).toEqual({ status: 'allocated', replaces_id: null });

    const five = await spare(5);
    const replaced = await replace(five);
    expect(replaced.statusCode, replaced.body).toBe(201);
    expect((await passes.bookletCodes(t.database.db, five)).length).toBe(5);
  });
});
