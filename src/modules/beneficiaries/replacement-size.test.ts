import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_SERVICES } from '../../core/session.js';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
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

  it('hands a larger booklet once the agent confirms, its passes beyond the loss cancelled and named', async () => {
    // A front desk holding booklets of 10 only: 3 passes lost.
    const { serials, codes, prescriber, missionLocale } = await handedOutBooklets(t, c, 1);
    const lost = serials[0]!;
    const place = c.organisations['Médiathèque Louis Aragon']!;
    for (const [i, code] of codes.slice(0, 7).entries()) {
      await redemptions.redeem(
        t.database.db,
        { placeId: place, userId: null, keyId: null, label: 'test' },
        {
          code,
          nonce: `surplus-${i}`,
          theme: STANDARD_SERVICES[0],
          durationMinutes: 60,
          format: 'individual',
        },
        24,
      );
    }
    await prescriber.request('POST', `/api/v1/booklets/${lost}/block`, { reason: 'lost' });
    const ten = await spare(10);
    const replace = (confirmSurplus?: boolean) =>
      prescriber.request('POST', `/api/v1/organisations/${missionLocale}/replacements`, {
        blockedSerial: lost,
        serial: ten,
        ...(confirmSurplus === undefined ? {} : { confirmSurplus }),
      });
    const sums = async () => {
      const { rows } = await t.database.pool.query<{ account: string; cents: string }>(
        `SELECT account, sum(amount_cents)::bigint AS cents FROM ledger_postings WHERE program_id = $1 GROUP BY account`,
        [c.programId],
      );
      return Object.fromEntries(rows.map((r) => [r.account, Number(r.cents)]));
    };
    const before = await sums();

    const asked = await replace();
    expect(asked.statusCode).toBe(409);
    expect(asked.json().detail).toMatch(/plus que 3 pass non utilisés/);
    expect(asked.json().detail).toMatch(/ses 7 derniers pass seront annulés/);
    expect(asked.json().surplus).toBe(7);

    const given = await replace(true);
    expect(given.statusCode, given.body).toBe(201);
    const cancelled = given.json().cancelledCodes as string[];
    expect(cancelled).toHaveLength(7);
    const { rows } = await t.database.pool.query<{ code: string; status: string }>(
      `SELECT p.code, p.status FROM passes p JOIN booklets b ON b.id = p.booklet_id WHERE b.serial = $1`,
      [ten],
    );
    expect(rows.filter((r) => r.status === 'active')).toHaveLength(3);
    const struck = rows.filter((r) => r.status === 'cancelled').map((r) => r.code);
    expect(struck.sort()).toEqual(cancelled.map((code) => code.replace(/[^0-9A-Z]/g, '')).sort());
    // The desk's list of handed-out booklets says so: 3 passes to use, 7 struck out (it read
    // « 0 sur 10 », and the agent told the person 10).
    const list = await prescriber.request('GET', `/api/v1/organisations/${missionLocale}/handed-out`);
    expect(list.json().booklets.find((b: { serial: string }) => b.serial === ten)).toMatchObject({
      passes: 10,
      passesUsed: 0,
      passesStruck: 7,
    });
    expect(list.json().booklets.find((b: { serial: string }) => b.serial === lost)).toMatchObject({
      status: 'blocked',
      passesStruck: 0,
    });

    // The 7 passes' value leaves circulation: cancelled, as for a block; the ledger balances.
    const after = await sums();
    expect((after.cancelled ?? 0) - (before.cancelled ?? 0)).toBe(7 * 1000);
    expect(Object.values(after).reduce((t, v) => t + v, 0)).toBe(0);
    // A struck-out pass is refused at the desk.
    const refused = await redemptions
      .redeem(
        t.database.db,
        { placeId: place, userId: null, keyId: null, label: 'test' },
        {
          code: struck[0]!,
          nonce: 'surplus-barre',
          theme: STANDARD_SERVICES[0],
          durationMinutes: 60,
          format: 'individual',
        },
        24,
      )
      .then(
        () => null,
        (e: { code?: string }) => e.code,
      );
    // As a pass struck out, not as a lost booklet's: the new booklet is neither lost nor stolen.
    expect(refused).toBe('cancelled');
    const agent = await signIn(t.app, 'benevole@hautsdefrance.test');
    const checked = await agent.request('GET', `/api/v1/passes/${struck[1]}?placeId=${place}`);
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({ status: 'cancelled', message: expect.stringMatching(/annulé/) });
    expect(checked.json().message).not.toMatch(/perdu|volé|bloqué/);
    const { rows: journal } = await t.database.pool.query(
      `SELECT summary FROM audit_entries WHERE action = 'booklet.surplus_cancel' AND object_id = $1`,
      [ten],
    );
    expect(journal).toEqual([{ summary: { replacesSerial: lost, cancelledPasses: 7 } }]);

    // The replacement lost in turn, one of its 3 passes used: 2 are lost, not its 7 struck out
    // as well (a booklet of 10 would have gone out for 9, beyond the allowance).
    const usable = rows.filter((r) => r.status === 'active').map((r) => r.code);
    await redemptions.redeem(
      t.database.db,
      { placeId: place, userId: null, keyId: null, label: 'test' },
      {
        code: usable[0]!,
        nonce: 'surplus-perdu',
        theme: STANDARD_SERVICES[0],
        durationMinutes: 60,
        format: 'individual',
      },
      24,
    );
    const blocked = await prescriber.request('POST', `/api/v1/booklets/${ten}/block`, { reason: 'lost' });
    expect(blocked.json()).toMatchObject({ cancelledPasses: 2 });
    const again = await prescriber.request('POST', `/api/v1/organisations/${missionLocale}/replacements`, {
      blockedSerial: ten,
      serial: await spare(10),
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().detail).toMatch(/plus que 2 pass non utilisés/);
    expect(again.json().surplus).toBe(8);

    // An installation upgraded from before the booklet kept the count (migration 0077) reads
    // it from each block's journal entry: 3 and 2, not the 9 passes its booklet has cancelled.
    const steps = fs
      .readFileSync(new URL('../../db/migrations/0077_booklets_lost_passes.sql', import.meta.url), 'utf8')
      .split('--> statement-breakpoint');
    const client = await t.database.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE booklets DROP CONSTRAINT booklets_lost_passes');
      await client.query('ALTER TABLE booklets DROP COLUMN lost_passes');
      for (const step of steps) await client.query(step);
      const upgraded = await client.query(
        'SELECT serial, lost_passes FROM booklets WHERE serial = ANY($1) ORDER BY serial',
        [[lost, ten]],
      );
      expect(Object.fromEntries(upgraded.rows.map((r) => [r.serial, r.lost_passes]))).toEqual({
        [lost]: 3,
        [ten]: 2,
      });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
  it('says one pass in the singular, and suggests only a size of booklet the desk holds', async () => {
    const { serials, codes, prescriber, missionLocale } = await handedOutBooklets(t, c, 1);
    const place = c.organisations['Médiathèque Louis Aragon']!;
    await redemptions.redeem(
      t.database.db,
      { placeId: place, userId: null, keyId: null, label: 'test' },
      {
        code: codes[0]!,
        nonce: 'singulier-0',
        theme: STANDARD_SERVICES[0],
        durationMinutes: 60,
        format: 'individual',
      },
      24,
    );
    await prescriber.request('POST', `/api/v1/booklets/${serials[0]}/block`, { reason: 'lost' });
    const ten = await spare(10);
    const held = async () =>
      (
        await t.database.pool.query<{ size: number }>(
          `SELECT DISTINCT size FROM booklets WHERE holder_id = $1 AND program_id = $2 AND status = 'allocated' AND size <= 9`,
          [missionLocale, c.programId],
        )
      ).rows.map((r) => r.size);
    // The desk holds no booklet of 9 passes or fewer: none is suggested (the programme's own
    // sizes were, a size the desk did not have).
    await t.database.pool.query(
      `UPDATE booklets SET holder_id = NULL, status = 'stock' WHERE holder_id = $1 AND program_id = $2 AND status = 'allocated' AND size <= 9`,
      [missionLocale, c.programId],
    );
    expect(await held()).toEqual([]);
    const asked = await prescriber.request('POST', `/api/v1/organisations/${missionLocale}/replacements`, {
      blockedSerial: serials[0],
      serial: ten,
    });
    expect(asked.statusCode, asked.body).toBe(409);
    expect(asked.json().detail).toMatch(/plus que 9 pass non utilisés/);
    // One sentence that reads: it glued « ou confirmez : » after « assez petit : ».
    expect(asked.json().detail).toBe(
      'Le carnet perdu n’avait plus que 9 pass non utilisés : ce carnet en donnerait 10. Votre structure n’a aucun carnet de ce dispositif assez petit. Pour remettre celui-ci, confirmez : son dernier pass sera annulé, à barrer avant de le remettre.',
    );
    expect(asked.json().surplus).toBe(1);
  });
});
