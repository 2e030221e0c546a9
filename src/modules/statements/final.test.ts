import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { dayAfterMonth, statementPeriod } from '../../core/statement.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import { redeemAt } from '../../test/payments.js';
import { pdfText } from '../../test/pdf.js';
import { render } from '../notifications/templates/index.js';
import * as statements from './service.js';

/*
 * A place that stops (an association closing, a place withdrawn from the programme) waited for
 * the 1st of next month for its last sessions to be stated: its treasurer could not close her
 * accounts, nor the funder settle it. The funder's admin issues its final statement now: one
 * statement of the monthly run's kind, the run of the month then finding nothing left for it.
 */
let t: TestApp;
let c: Circulation;
let mediatheque: string;
let viewer: Client;
let otherFunder: Client;
const month = businessDate().slice(0, 7);
const today = businessDate();

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
  otherFunder = await signIn(t.app, 'financeur@pasdecalais.test');
});
afterAll(() => t.close());

const issue = (who: Client, body: Record<string, unknown>) =>
  who.request('POST', `/api/v1/funders/${c.funderId}/statements/final`, body);

async function unstated(placeId: string) {
  const { rows } = await t.database.pool.query<{ id: number }>(
    `SELECT r.id::int FROM redemptions r
      WHERE r.place_id = $1 AND r.program_id = $2 AND r.cancelled_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM statement_lines l WHERE l.redemption_id = r.id AND l.kind = 'redemption')
      ORDER BY r.id`,
    [placeId, c.programId],
  );
  return rows.map((r) => r.id);
}

async function sequences() {
  const { rows } = await t.database.pool.query<{ sequence: number }>(
    'SELECT sequence FROM statements WHERE funder_id = $1 ORDER BY sequence',
    [c.funderId],
  );
  return rows.map((r) => r.sequence);
}

describe("a place's final statement", () => {
  let redeemed: number[];

  it('is refused while the place still takes the programme’s passes, naming the place, and issues nothing', async () => {
    const { codes } = await handedOutBooklets(t, c, 1);
    for (const code of codes.slice(0, 3)) await redeemAt(t, mediatheque, code);
    redeemed = await unstated(mediatheque);
    expect(redeemed.length).toBeGreaterThanOrEqual(3);
    const before = await sequences();
    const res = await issue(c.funder, { placeId: mediatheque, programId: c.programId });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'place_still_redeeming',
      errors: [{ field: 'placeId', message: expect.stringMatching(/prend encore les pass/) }],
    });
    expect(await sequences()).toEqual(before);
  });

  it('is the funder’s admins’: its read-only seat is refused, another funder finds nothing', async () => {
    const body = { placeId: mediatheque, programId: c.programId };
    expect((await issue(viewer, body)).statusCode).toBe(403);
    expect((await issue(otherFunder, body)).statusCode).toBe(404);
  });

  it('states every redemption not yet stated, as one numbered statement, told to the place and journalled', async () => {
    const suspended = await c.funder.request(
      'POST',
      `/api/v1/programs/${c.programId}/places/${mediatheque}/decisions`,
      { decision: 'suspended', reason: 'L’association ferme ses portes.' },
    );
    expect(suspended.statusCode).toBe(201);
    const before = await sequences();

    const res = await issue(c.funder, { placeId: mediatheque, programId: c.programId });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({ placeId: mediatheque, month, finalOn: today, status: 'issued' });
    // The next number of the funder's sequence: no gap.
    expect(await sequences()).toEqual([...before, before.length + 1]);
    expect(s.number).toBe(`${month.slice(0, 4)}-${String(before.length + 1).padStart(6, '0')}`);
    const { rows: lines } = await t.database.pool.query(
      'SELECT redemption_id::int AS id, kind FROM statement_lines WHERE statement_id = $1 ORDER BY redemption_id',
      [s.id],
    );
    expect(lines.map((l) => l.id)).toEqual(redeemed);
    expect(lines.every((l) => l.kind === 'redemption')).toBe(true);
    expect(s.redemptionsCount).toBe(redeemed.length);
    expect(await unstated(mediatheque)).toEqual([]);

    // The monthly run's message to the place's admins, saying it is final and what it covers.
    const { rows: mails } = await t.database.pool.query(
      `SELECT params FROM notification_outbox WHERE template = 'statement_ready' AND params->>'statementNumber' = $1`,
      [s.number],
    );
    expect(mails.length).toBeGreaterThan(0);
    const mail = render('statement_ready', mails[0].params, { publicUrl: 'https://pass.test' });
    expect(mail.subject).toBe(`Relevé final n° ${s.number} disponible`);
    expect(mail.text).toContain(
      `Le relevé final n° ${s.number} de Médiathèque Louis Aragon, ${statementPeriod(month, today)}`,
    );
    const { rows: journal } = await t.database.pool.query(
      `SELECT summary FROM audit_entries WHERE action = 'statement.issue_final' AND object_id = $1`,
      [s.id],
    );
    expect(journal[0]?.summary).toMatchObject({ number: s.number, placeId: mediatheque });

    const pdf = await c.funder.request('GET', `/api/v1/statements/${s.id}/pdf`);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(`Relevé final n° ${s.number}`);
    expect(text).toContain(`Période : ${statementPeriod(month, today)} (relevé final)`);
  });

  it('leaves nothing to the run of its month for the place', async () => {
    const before = await sequences();
    await statements.run(t.database.db, { month, funderId: c.funderId }, dayAfterMonth(month));
    const { rows } = await t.database.pool.query(
      `SELECT number FROM statements WHERE place_id = $1 AND program_id = $2 AND sequence > $3`,
      [mediatheque, c.programId, before.length],
    );
    expect(rows).toEqual([]);
  });

  it('is refused a second time in the month, saying when what is added will be stated', async () => {
    const res = await issue(c.funder, { placeId: mediatheque, programId: c.programId });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'final_statement_exists', errors: [{ field: 'placeId' }] });
  });

  it('is refused when nothing is left to state, naming the place', async () => {
    // A place on the funder's roster that never redeemed its passes.
    const { rows } = await t.database.pool.query<{ id: string }>(
      `WITH o AS (INSERT INTO organisations (funder_id, kind, name) VALUES (NULL, 'place', 'Espace fermé') RETURNING id)
       INSERT INTO funder_places (funder_id, place_id) SELECT $1, o.id FROM o RETURNING place_id AS id`,
      [c.funderId],
    );
    const before = await sequences();
    const res = await issue(c.funder, { placeId: rows[0]!.id, programId: c.programId });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'nothing_to_state',
      errors: [{ field: 'placeId', message: expect.stringMatching(/Rien à relever pour « Espace fermé »/) }],
    });
    expect(await sequences()).toEqual(before);
  });

  it('refuses a place or a programme the funder does not have, naming the field', async () => {
    const stranger = '00000000-0000-4000-8000-000000000099';
    expect((await issue(c.funder, { placeId: stranger, programId: c.programId })).json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'placeId' }],
    });
    expect((await issue(c.funder, { placeId: mediatheque, programId: stranger })).json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'programId' }],
    });
  });
});
