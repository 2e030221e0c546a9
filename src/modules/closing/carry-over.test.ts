import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import * as auth from '../auth/service.js';
import * as ledger from '../ledger/service.js';
import * as places from '../places/service.js';
import * as redemptions from '../redemptions/service.js';
import { decide } from './carry-over.js';
import { runEndOfProgrammes } from './end-of-programme.js';

// Issue 12, point 8: passes never handed out are carried over to a following programme when
// the funder decides so, else cancelled. "Today" is injected into the step and the redemptions.
let t: TestApp;
let c: Circulation;
let prescriber: Client;
let allocatedSerial: string;
let mediatheque: string;
const T0 = businessDate();
const U = addDays(T0, 40); // the usage end of the programmes that end
const ids: Record<string, string> = {};
const { creation } = hautsDeFranceDemoCampaign;
const legal = (number: string) => ({ ...creation.legal, number, decidedOn: T0 });

async function createProgram(name: string, state: Record<string, unknown>) {
  const res = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/programs`, {
    ...creation,
    legal: { ...creation.legal, number: `REPORT-${name}` },
    state: { ...creation.state, name, ...state },
  });
  expect(res.statusCode, res.body).toBe(201);
  ids[name] = res.json().id;
  return res.json().id as string;
}
const calendar = (distributionEnd: string, usageEnd: string) => ({
  calendar: { distributionStart: '2026-01-15', distributionEnd, usageEnd, closure: null },
});
const choose = (programId: string, target: string | null) =>
  c.funder.request('PUT', `/api/v1/programs/${programId}/carry-over`, { target });
const neverHandedOut = async (programId: string) =>
  (
    await t.database.pool.query(
      `SELECT count(*)::int AS n, coalesce(sum(p.face_value_cents) FILTER (WHERE p.status = 'active'), 0)::int AS value
         FROM passes p JOIN booklets b ON b.id = p.booklet_id
        WHERE p.program_id = $1 AND p.status IN ('issued', 'active') AND b.status IN ('stock', 'allocated')`,
      [programId],
    )
  ).rows[0] as { n: number; value: number };

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  ({ prescriber } = await handedOutBooklets(t, c, 1));
  const kept = await c.funder.request('POST', `/api/v1/programs/${c.programId}/allocations`, {
    prescriberId: c.organisations['Mission locale du Grand Amiénois'],
    count: 1,
  });
  allocatedSerial = kept.json().serials[0];
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  const amended = await c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
    effectiveOn: T0,
    legal: legal('REPORT-FIN'),
    changes: { calendar: { distributionEnd: T0, usageEnd: U } },
  });
  expect(amended.statusCode).toBe(201);
  await createProgram('Campagne suivante', calendar(addDays(T0, 400), addDays(T0, 500)));
  await createProgram('Campagne à 20 €', {
    faceValueCents: 2000,
    ...calendar(addDays(T0, 400), addDays(T0, 500)),
  });
  await createProgram('Campagne terminée', calendar(addDays(T0, 5), addDays(T0, 10)));
  await createProgram('Campagne étroite', {
    plannedPasses: 5,
    ...calendar(addDays(T0, 400), addDays(T0, 500)),
  });
  await createProgram('Campagne courte', calendar(T0, U));
  await createProgram('Campagne relais', {
    plannedPasses: 20,
    ...calendar(addDays(T0, 400), addDays(T0, 500)),
  });
  // The short campaign: one booklet of 10, funded, in the funder's stock.
  const short = ids['Campagne courte']!;
  expect(
    (await c.funder.request('POST', `/api/v1/programs/${short}/issues`, { bookletCount: 1, bookletSize: 10 }))
      .statusCode,
  ).toBe(201);
  const funded = await c.funder.request('POST', `/api/v1/programs/${short}/fundings`, {
    payer: 'Région Hauts-de-France',
    amountCents: 10_000,
    reference: 'REPORT-COURTE',
  });
  expect(funded.statusCode).toBe(201);
  await places.decide(t.database.db, null, ids['Campagne suivante']!, mediatheque, { decision: 'approved' });
});
afterAll(() => t.close());

describe('carrying passes never handed out over to a following programme', () => {
  it('offers the funder’s running programmes of the same value, by name', async () => {
    const res = await c.funder.request('GET', `/api/v1/programs/${c.programId}/carry-over`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toMatchObject({ stepOn: addDays(U, 1), open: true, target: null, done: null });
    const names = view.candidates.map((x: { name: string }) => x.name);
    expect(names).toContain('Campagne suivante');
    expect(names).not.toContain('Campagne à 20 €');
    expect(names).not.toContain('Campagne terminée');
    expect(JSON.stringify(view)).not.toContain(ids['Campagne suivante']);
  });

  it('tells the passes never handed out from those activated, whose value it gives', async () => {
    // Two booklets of 15 € passes issued, one funded: 20 passes never handed out, 10 worth 150 €.
    const half = await createProgram('Campagne à moitié financée', {
      faceValueCents: 1500,
      ...calendar(addDays(T0, 400), addDays(T0, 500)),
    });
    const issued = await c.funder.request('POST', `/api/v1/programs/${half}/issues`, {
      bookletCount: 2,
      bookletSize: 10,
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const funded = await c.funder.request('POST', `/api/v1/programs/${half}/fundings`, {
      payer: 'Région Hauts-de-France',
      amountCents: 15_000,
      reference: 'REPORT-MOITIE',
    });
    expect(funded.statusCode, funded.body).toBe(201);
    const view = (await c.funder.request('GET', `/api/v1/programs/${half}/carry-over`)).json();
    expect(view.neverHandedOut).toEqual({ passes: 20, activePasses: 10, valueCents: 15_000 });
  });

  it('refuses another funder’s programme, a different value, an ended target, a target without room', async () => {
    const other = await choose(c.programId, 'Pass numériques Pas-de-Calais');
    expect(other.statusCode).toBe(404);
    const pdc = await signIn(t.app, 'financeur@pasdecalais.test').catch(() => null);
    if (pdc)
      expect(
        (
          await pdc.request('PUT', `/api/v1/programs/${c.programId}/carry-over`, {
            target: 'Campagne suivante',
          })
        ).statusCode,
      ).toBe(404);

    const value = await choose(c.programId, 'Campagne à 20 €');
    expect(value.statusCode).toBe(409);
    expect(value.json()).toMatchObject({ code: 'carry_over_value_mismatch' });
    expect(value.json().errors[0].field).toBe('target');
    expect(value.json().detail).toMatch(/même valeur/);

    const ended = await choose(c.programId, 'Campagne terminée');
    expect(ended.json()).toMatchObject({ code: 'carry_over_target_not_running' });
    expect(ended.json().detail).toMatch(/en cours/);

    const narrow = await choose(c.programId, 'Campagne étroite');
    expect(narrow.json()).toMatchObject({ code: 'carry_over_no_room' });
    expect(narrow.json().errors[0].field).toBe('target');
  });

  it('records the choice, and its withdrawal, as audited entries', async () => {
    expect((await choose(c.programId, 'Campagne terminée')).statusCode).toBe(409);
    const chosen = await choose(c.programId, 'Campagne suivante');
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().target).toEqual({ name: 'Campagne suivante' });
    const withdrawn = await choose(c.programId, null);
    expect(withdrawn.json().target).toBeNull();
    expect((await choose(c.programId, 'Campagne suivante')).json().target).toEqual({
      name: 'Campagne suivante',
    });
    const { rows } = await t.database.pool.query(
      `SELECT action FROM audit_entries WHERE object_id = $1 AND action LIKE 'program.carry_over_%' ORDER BY at, id`,
      [c.programId],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'program.carry_over_decide',
      'program.carry_over_withdraw',
      'program.carry_over_decide',
    ]);
    const decisions = await t.database.pool.query(
      'SELECT count(*)::int AS n FROM carry_over_decisions WHERE program_id = $1',
      [c.programId],
    );
    expect(decisions.rows[0].n).toBe(3);
    // The short campaign goes to the relay, which has room today.
    expect((await choose(ids['Campagne courte']!, 'Campagne relais')).statusCode).toBe(200);
  });

  it('answers two admins choosing A → B and B → A at the same instant on the merits, not with a conflict', async () => {
    // Only one way can hold (a target must still run the day after its source's usage end);
    // each request locks both programmes, and the one that waits reads the other's answer.
    const [short, relay] = [ids['Campagne courte']!, ids['Campagne relais']!];
    for (let round = 0; round < 5; round++) {
      const [forward, back] = await Promise.all([
        choose(short, 'Campagne relais'),
        choose(relay, 'Campagne courte'),
      ]);
      expect(forward.statusCode, forward.body).toBe(200);
      expect(back.json(), back.body).toMatchObject({ status: 409, code: 'carry_over_target_not_running' });
    }
  });

  it('at the step, moves the booklets and their value from the old programme to the new', async () => {
    const target = ids['Campagne suivante']!;
    const pending = await neverHandedOut(c.programId);
    expect(pending.n).toBeGreaterThanOrEqual(10);
    const before = {
      old: await ledger.balancesOf(t.database.db, c.programId),
      next: await ledger.balancesOf(t.database.db, target),
    };
    // The relay fills up meanwhile: at the step it can no longer take the short campaign's passes.
    const relay = ids['Campagne relais']!;
    expect(
      (
        await c.funder.request('POST', `/api/v1/programs/${relay}/issues`, {
          bookletCount: 2,
          bookletSize: 10,
        })
      ).statusCode,
    ).toBe(201);

    await runEndOfProgrammes(t.database.db, U);
    expect((await neverHandedOut(c.programId)).n).toBe(pending.n);
    const run = await runEndOfProgrammes(t.database.db, addDays(U, 1));
    expect(run.carried).toBe(pending.n);
    expect((await neverHandedOut(c.programId)).n).toBe(0);
    expect((await neverHandedOut(target)).n).toBe(pending.n);

    const after = {
      old: await ledger.balancesOf(t.database.db, c.programId),
      next: await ledger.balancesOf(t.database.db, target),
    };
    expect(after.old.outstandingCents).toBe(before.old.outstandingCents - pending.value);
    expect(after.old.carriedOutCents).toBe(pending.value);
    expect(after.old.cancelledCents).toBe(before.old.cancelledCents);
    expect(after.next.outstandingCents).toBe(before.next.outstandingCents + pending.value);
    expect(after.next.carriedInCents).toBe(pending.value);
    for (const b of [after.old, after.next])
      expect(b.fundedCents + b.carriedInCents).toBe(b.unactivatedCents + b.activatedCents);

    const row = await t.database.pool.query(
      'SELECT passes, value_cents::int AS value, cardinality(booklet_ids) AS booklets FROM carry_overs WHERE from_program_id = $1',
      [c.programId],
    );
    expect(row.rows[0]).toMatchObject({ passes: pending.n, value: pending.value });
    expect(row.rows[0].booklets).toBeGreaterThan(0);
    // The carried booklets keep their serials: the old programme never gives them again.
    const again = await c.funder.request('POST', `/api/v1/programs/${c.programId}/issues`, {
      bookletCount: 1,
      bookletSize: 5,
    });
    expect(again.statusCode, again.body).toBe(201);
    // Once: the job runs again.
    expect((await runEndOfProgrammes(t.database.db, addDays(U, 2))).carried).toBe(0);

    const old = (
      await c.funder.request('GET', `/api/v1/programs/${c.programId}/closure?asOf=${addDays(U, 1)}`)
    ).json();
    expect(old.carryOver).toMatchObject({
      to: 'Campagne suivante',
      passes: pending.n,
      valueCents: pending.value,
      refusal: null,
    });
    expect(old.passes.carriedOut).toBe(pending.n);
    expect(old.money.carriedOutCents).toBe(pending.value);
    const next = (
      await c.funder.request('GET', `/api/v1/programs/${target}/closure?asOf=${addDays(U, 1)}`)
    ).json();
    expect(next.received).toEqual([
      {
        from: c.programId && expect.stringMatching(/campagne 2026/),
        carriedOn: addDays(U, 1),
        passes: pending.n,
        valueCents: pending.value,
      },
    ]);
    expect(next.passes.carriedIn).toBe(pending.n);
  });

  it('falls back to cancelling when the target can no longer take the passes, and says so', async () => {
    const short = ids['Campagne courte']!;
    expect(await neverHandedOut(short)).toEqual({ n: 0, value: 0 });
    const s = (
      await c.funder.request('GET', `/api/v1/programs/${short}/closure?asOf=${addDays(U, 1)}`)
    ).json();
    expect(s.passes.cancelled).toBe(10);
    expect(s.carryOver).toMatchObject({ to: 'Campagne relais', passes: 10 });
    expect(s.carryOver.refusal).toMatch(/plus de place/);
    const { rows } = await t.database.pool.query(
      `SELECT action, summary FROM audit_entries WHERE object_id = $1 AND action IN ('program.carry_over_refused', 'program.usage_end_cancel') ORDER BY action`,
      [short],
    );
    expect(rows.map((r) => r.action)).toEqual(['program.carry_over_refused', 'program.usage_end_cancel']);
    expect(rows[1].summary.refusal).toMatch(/plus de place/);
  });

  it('refuses a decision once the step has run', async () => {
    const admin = (await auth.actorByEmail(t.database.db, 'financeur@hautsdefrance.test'))!;
    await expect(decide(t.database.db, admin, c.programId, null, addDays(U, 1))).rejects.toMatchObject({
      code: 'carry_over_too_late',
    });
  });

  it('redeems a carried pass under the new programme’s rules and dates', async () => {
    const missionLocale = c.organisations['Mission locale du Grand Amiénois']!;
    const handed = await prescriber.request('POST', `/api/v1/organisations/${missionLocale}/hand-outs`, {
      serial: allocatedSerial,
      beneficiary: {
        firstName: 'Paulette',
        lastName: 'Reportée',
        birthDate: '1950-01-01',
        communeCode: '80021',
        audience: 'senior_60_plus',
      },
    });
    expect(handed.statusCode).toBe(201);
    const { rows } = await t.database.pool.query(
      `SELECT p.code, p.program_id AS "programId", p.valid_until::text AS "validUntil" FROM passes p JOIN booklets b ON b.id = p.booklet_id WHERE b.serial = $1 ORDER BY p.id`,
      [allocatedSerial],
    );
    expect(rows[0].programId).toBe(ids['Campagne suivante']);
    expect(rows[0].validUntil > U).toBe(true);
    const caller = { placeId: mediatheque, userId: null, keyId: null, label: 'test de report' };
    const session = { theme: STANDARD_SERVICES[1], durationMinutes: 60, format: 'individual' as const };
    const redeem = (code: string, day: string, nonce: string) =>
      redemptions
        .redeem(t.database.db, caller, { code, nonce, ...session }, 24, new Date(`${day}T10:00:00Z`))
        .then(
          async (r) => ({
            ok: true as const,
            programId: (
              await t.database.pool.query('SELECT program_id FROM redemptions WHERE id = $1', [
                r.redemption.id,
              ])
            ).rows[0].program_id as string,
            code: '',
          }),
          (e: { code: string }) => ({ ok: false as const, programId: '', code: e.code }),
        );
    // After the old programme's usage end, within the new one's: taken, as the new programme's pass.
    expect(await redeem(rows[0].code, addDays(U, 5), 'report-1')).toMatchObject({
      ok: true,
      programId: ids['Campagne suivante'],
    });
    // The old programme's passes handed out are refused that day: their validity ended with
    // its usage end as amended.
    const oldCode = (
      await t.database.pool.query(
        `SELECT code FROM passes WHERE program_id = $1 AND status = 'active' LIMIT 1`,
        [c.programId],
      )
    ).rows[0].code;
    expect(await redeem(oldCode, addDays(U, 5), 'report-2')).toMatchObject({ ok: false, code: 'expired' });
  });
});
