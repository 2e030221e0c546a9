import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_SERVICES } from '../../core/session.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import { actorByEmail } from '../auth/service.js';
import * as blocking from '../blocking/service.js';
import * as service from './service.js';

/**
 * Cancelling a redemption and blocking its booklet, each in its own transaction on its own
 * connection, interleaved: whichever commits second must see what the first did, so that a
 * blocked booklet never keeps a usable pass (nor its value outstanding).
 */
let t: TestApp;
let c: Circulation;
let caller: service.Caller;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  const placeId = c.organisations['Médiathèque Louis Aragon']!;
  caller = { placeId, userId: null, keyId: null, label: 'test' };
});
afterAll(() => t.close());

async function redeemedBooklet(nonce: string) {
  const { serials, codes } = await handedOutBooklets(t, c, 1);
  const { redemption } = await service.redeem(
    t.database.db,
    caller,
    { code: codes[0]!, nonce, theme: STANDARD_SERVICES[0], durationMinutes: 60, format: 'individual' },
    24,
  );
  return { serial: serials[0]!, code: codes[0]!, redemptionId: redemption.id };
}

/** A transaction on its own connection that stays open until `commit` is called. */
function openTransaction(
  work: (tx: Parameters<Parameters<typeof t.database.db.transaction>[0]>[0]) => Promise<unknown>,
) {
  let commit!: () => void;
  const released = new Promise<void>((resolve) => {
    commit = resolve;
  });
  let done!: () => void;
  const worked = new Promise<void>((resolve) => {
    done = resolve;
  });
  const finished = t.database.db.transaction(async (tx) => {
    await work(tx);
    done();
    await released;
  });
  return { worked, commit, finished };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function stateOf(code: string) {
  const { rows } = await t.database.pool.query(
    `SELECT p.status AS pass, b.status AS booklet,
            (SELECT coalesce(sum(amount_cents), 0)::int FROM ledger_postings
              WHERE program_id = p.program_id AND account = 'outstanding') AS outstanding,
            (SELECT coalesce(sum(face_value_cents), 0)::int FROM passes
              WHERE program_id = p.program_id AND status = 'active') AS active_value
       FROM passes p JOIN booklets b ON b.id = p.booklet_id WHERE p.code = $1`,
    [code],
  );
  return rows[0];
}

describe('cancelling a redemption while its booklet is being blocked', () => {
  it('waits for the block, then sends the pass to cancelled, not back into circulation', async () => {
    const { serial, code, redemptionId } = await redeemedBooklet('interleave-block-first');
    const prescriber = (await actorByEmail(t.database.db, 'prescripteur@hautsdefrance.test'))!;

    const block = openTransaction((tx) => blocking.block(tx, prescriber, serial, 'lost'));
    await block.worked;
    const cancel = service.cancel(t.database.db, { caller }, redemptionId, 24);
    await settle(300);
    block.commit();
    await block.finished;
    await cancel;

    const state = await stateOf(code);
    expect(state).toMatchObject({ pass: 'cancelled', booklet: 'blocked' });
    // Outstanding value is exactly the value of the passes still usable.
    expect(state.outstanding).toBe(state.active_value);
  });

  it('lets a block that comes second see the pass the cancellation returned, and cancel it', async () => {
    const { serial, code, redemptionId } = await redeemedBooklet('interleave-cancel-first');
    const prescriber = (await actorByEmail(t.database.db, 'prescripteur@hautsdefrance.test'))!;

    const cancel = openTransaction((tx) => service.cancel(tx, { caller }, redemptionId, 24));
    await cancel.worked;
    const block = blocking.block(t.database.db, prescriber, serial, 'stolen');
    await settle(300);
    cancel.commit();
    await cancel.finished;
    const blocked = await block;

    expect(blocked.cancelledPasses).toBe(10);
    const state = await stateOf(code);
    expect(state).toMatchObject({ pass: 'cancelled', booklet: 'blocked' });
    expect(state.outstanding).toBe(state.active_value);
  });
});
