import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_SERVICES } from '../../core/session.js';
import { newAccount } from '../../test/accounts.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets, placeKey } from '../../test/circulation.js';
import { render } from '../notifications/templates/index.js';

/*
 * A small association closing, or one that no longer has a mediator, could not say « Nous ne
 * prenons plus les pass de ce programme » itself: only its funder could suspend or withdraw it,
 * and its desk went on taking passes meanwhile. Its admin now says so, with a reason: a new entry
 * of its history (`left`), which the desk reads at once as a withdrawal.
 */
let t: TestApp;
let c: Circulation;
let mediatheque: string;
let key: string;
let codes: string[];
let admin: Client;
let agent: Client;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  ({ codes } = await handedOutBooklets(t, c, 1));
  key = await placeKey(t, mediatheque);
  admin = await signIn(t.app, 'lieu@hautsdefrance.test');
  agent = await signIn(t.app, 'benevole@hautsdefrance.test');
});
afterAll(() => t.close());

let nonces = 0;
const redeem = (code: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/redemptions',
    headers: { authorization: `Bearer ${key}` },
    payload: {
      code,
      nonce: `leave-test-${nonces++}`,
      theme: STANDARD_SERVICES[1],
      durationMinutes: 60,
      format: 'individual',
    },
  });
const leave = (who: Client, body: Record<string, unknown>, placeId = mediatheque, programId = c.programId) =>
  who.request('POST', `/api/v1/places/${placeId}/programs/${programId}/leave`, body);
const REASON = 'Notre médiatrice part en février et l’association ferme le point numérique.';

describe('a place that stops taking a programme’s passes', () => {
  it('is its admin’s decision: its volunteers get 403, the funder and other places 404', async () => {
    expect((await leave(agent, { reason: REASON })).statusCode).toBe(403);
    expect((await leave(c.funder, { reason: REASON })).statusCode).toBe(404);
    const boulogne = (
      await t.database.pool.query(
        "SELECT id FROM organisations WHERE name = 'Espace numérique de Boulogne-sur-Mer'",
      )
    ).rows[0].id;
    const pdc = (
      await t.database.pool.query("SELECT id FROM funders WHERE name = 'Département du Pas-de-Calais'")
    ).rows[0].id;
    const stranger = await newAccount(t, {
      funderId: pdc,
      email: 'admin@boulogne-depart.test',
      role: 'place_admin',
      organisationId: boulogne,
    });
    expect((await leave(stranger, { reason: REASON })).statusCode).toBe(404);
    // Its own place, a programme it does not take: nothing to stop.
    expect((await leave(stranger, { reason: REASON }, boulogne)).statusCode).toBe(409);
    expect((await redeem(codes[0]!)).statusCode).toBe(201);
  });

  it('asks a reason, naming the field, and records nothing without one', async () => {
    const blank = await leave(admin, { reason: '   ' });
    expect(blank.statusCode).toBe(422);
    expect(blank.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const long = await leave(admin, { reason: 'x'.repeat(1001) });
    expect(long.statusCode).toBe(422);
    expect(long.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const { rows } = await t.database.pool.query(
      "SELECT count(*)::int AS n FROM place_qualifications WHERE place_id = $1 AND decision = 'left'",
      [mediatheque],
    );
    expect(rows[0].n).toBe(0);
  });

  it('is refused at the desk from that moment, as for a withdrawn place; what was recorded stays owed', async () => {
    const res = await leave(admin, { reason: REASON });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ decision: 'left' });

    // As for any place that does not take the programme: the unknown code's answer, which tells
    // nothing of the pass (redemptions/not-accepted.test.ts).
    const refused = await redeem(codes[1]!);
    expect(refused.statusCode, refused.body).toBe(404);
    expect(refused.json()).toMatchObject({ code: 'unknown_code' });
    const check = await t.app.inject({
      url: `/api/v1/passes/${codes[2]}`,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(check.statusCode).toBe(404);
    expect(check.json()).toMatchObject({ code: 'unknown_code' });

    // The session given before is owed: the funder may now issue the place's final statement.
    const final = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/statements/final`, {
      placeId: mediatheque,
      programId: c.programId,
    });
    expect(final.statusCode, final.body).toBe(201);
  });

  it('is a new entry of the history, shown to the place and to the funder with its reason', async () => {
    const own = (await admin.request('GET', `/api/v1/places/${mediatheque}/decisions`)).json();
    expect(own.map((d: { decision: string }) => d.decision)).toEqual(['approved', 'left']);
    expect(own.at(-1)).toMatchObject({ decision: 'left', reason: REASON, decidedBy: expect.any(String) });
    expect((await admin.request('GET', `/api/v1/places/${mediatheque}/programs`)).json()).toEqual([]);
    const page = (
      await c.funder.request('GET', `/api/v1/funders/${c.funderId}/places/${mediatheque}`)
    ).json();
    expect(page.programs).toEqual([]);
    expect(page.decisions.at(-1)).toMatchObject({ decision: 'left', reason: REASON });
    // Once is enough: nothing left to stop.
    const again = await leave(admin, { reason: REASON });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'invalid_decision', errors: [{ field: 'programId' }] });
  });

  it('is in the funder’s audit trail, and its admins are told by e-mail', async () => {
    const { rows } = await t.database.pool.query(
      `SELECT funder_id, summary FROM audit_entries WHERE action = 'place.leave' AND object_id = $1`,
      [mediatheque],
    );
    expect(rows).toEqual([
      {
        funder_id: c.funderId,
        summary: expect.objectContaining({ programId: c.programId, reason: REASON }),
      },
    ]);
    const sent = await t.database.pool.query(
      `SELECT recipient, params FROM notification_outbox WHERE template = 'place_left_program' AND params->>'placeId' = $1`,
      [mediatheque],
    );
    expect(sent.rows.map((r) => r.recipient)).toContain('financeur@hautsdefrance.test');
    expect(sent.rows.map((r) => r.recipient)).not.toContain('lecteur@hautsdefrance.test');
    const text = render('place_left_program', sent.rows[0].params, { publicUrl: 'https://pass.test' }).text;
    expect(text).toContain('Médiathèque Louis Aragon a cessé de prendre les pass du dispositif');
    expect(text).toContain(`Motif : ${REASON}`);
    expect(text).toContain('relevé final');
    expect(text).toContain(`/financeur/lieux/${mediatheque}`);
  });

  it('cannot be undone by the funder alone: the place applies again, then the funder decides', async () => {
    const approve = await c.funder.request(
      'POST',
      `/api/v1/programs/${c.programId}/places/${mediatheque}/decisions`,
      {
        decision: 'approved',
      },
    );
    expect(approve.statusCode, approve.body).toBe(409);
    expect(approve.json()).toMatchObject({ code: 'place_left_program', errors: [{ field: 'decision' }] });
    // The funder's decisions never include the place's own.
    const forged = await c.funder.request(
      'POST',
      `/api/v1/programs/${c.programId}/places/${mediatheque}/decisions`,
      {
        decision: 'left',
        reason: 'Le lieu part',
      },
    );
    expect(forged.statusCode).toBe(422);

    // The place applies again through the usual path; its application is the funder's to answer.
    const published = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/questionnaire`, {
      passMark: 0,
      questions: [{ label: 'Le lieu a-t-il un médiateur ?', kind: 'yes_no', yesPoints: 1, noPoints: 0 }],
    });
    expect(published.statusCode, published.body).toBe(201);
    const applied = await admin.request('POST', `/api/v1/places/${mediatheque}/applications`, {
      programId: c.programId,
      questionnaireVersion: published.json().version,
      answers: [{ questionId: 'q1', choiceId: 'oui' }],
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const after = await c.funder.request(
      'POST',
      `/api/v1/programs/${c.programId}/places/${mediatheque}/decisions`,
      {
        decision: 'approved',
      },
    );
    expect(after.json().code).not.toBe('place_left_program');
  });
});
