import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchDate, parisStartOf } from '../../core/dates.js';
import { formatEuros } from '../../core/money.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { dayAfterMonth } from '../../core/statement.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import { pdfText } from '../../test/pdf.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from './service.js';

/**
 * A statement as people use it (issue 12, point 2): the place downloads it as PDF and CSV
 * (codes masked), contests it within 15 days with a reason, the funder answers; each step in
 * the audit trail and the outbox; another funder's people find nothing. And the payables.
 */
let t: TestApp;
let c: Circulation;
let place: Client;
let statementId: string;
let placeId: string;
const month = businessDate().slice(0, 7);

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  placeId = c.organisations['Médiathèque Louis Aragon']!;
  const { codes } = await handedOutBooklets(t, c, 1);
  for (const code of codes.slice(0, 3)) {
    await redemptions.redeem(
      t.database.db,
      { placeId, userId: null, keyId: null, label: 'test' },
      { code, nonce: randomUUID(), theme: STANDARD_SERVICES[0], durationMinutes: 90, format: 'collective' },
      24,
    );
  }
  await statements.run(t.database.db, { month }, dayAfterMonth(month));
  place = await signIn(t.app, 'lieu@hautsdefrance.test');
  const list = (await place.request('GET', `/api/v1/places/${placeId}/statements`)).json();
  statementId = list.statements.find((s: { month: string }) => s.month === month).id;
});
afterAll(() => t.close());

async function outbox(template: string) {
  const { rows } = await t.database.pool.query(
    'SELECT recipient FROM notification_outbox WHERE template = $1 ORDER BY recipient',
    [template],
  );
  return rows.map((r) => r.recipient);
}

async function journal(action: string) {
  const { rows } = await t.database.pool.query(
    'SELECT object_id FROM audit_entries WHERE action = $1 AND funder_id = $2',
    [action, c.funderId],
  );
  return rows.map((r) => r.object_id);
}

describe('the demo', () => {
  it("has the past months' statements of its campaign, numbered without gaps, one contested", async () => {
    const { rows } = await t.database.pool.query(
      `SELECT s.sequence, s.status, s.month < date_trunc('month', now()) AS past FROM statements s
        WHERE s.funder_id = $1 ORDER BY s.sequence`,
      [c.funderId],
    );
    expect(rows.filter((r) => r.past).length).toBeGreaterThan(3);
    expect(rows.map((r) => r.sequence)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.filter((r) => r.status === 'contested')).toHaveLength(1);
  });

  it('says when the list stops short of every statement matching, rather than cutting it silently', async () => {
    const url = `/api/v1/funders/${c.funderId}/statements`;
    const all = (await c.funder.request('GET', url)).json();
    expect(all.statements.length).toBeGreaterThan(3);
    expect(all.truncated).toBe(false);
    const first = (await c.funder.request('GET', `${url}?limit=2`)).json();
    expect(first.truncated).toBe(true);
    expect(first.statements.map((s: { id: string }) => s.id)).toEqual(
      all.statements.slice(0, 2).map((s: { id: string }) => s.id),
    );
    const exact = (await c.funder.request('GET', `${url}?limit=${all.statements.length}`)).json();
    expect(exact).toMatchObject({ truncated: false });
    expect(exact.statements).toHaveLength(all.statements.length);
    // Filtered by place: only that place's statements.
    const mine = (await c.funder.request('GET', `${url}?placeId=${placeId}`)).json();
    expect(mine.statements.length).toBeGreaterThan(0);
    expect(mine.statements.every((s: { placeId: string }) => s.placeId === placeId)).toBe(true);
    const tooMany = await c.funder.request('GET', `${url}?limit=501`);
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().errors[0].field).toBe('querystring.limit');
  });

  it('refuses a month of the year 0, which no calendar has, naming the field', async () => {
    const res = await c.funder.request('GET', `/api/v1/funders/${c.funderId}/statements?month=0000-01`);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'querystring.month' });
  });
});

describe('a statement', () => {
  it('is announced to the place by e-mail, in the run that issued it', async () => {
    expect(await outbox('statement_ready')).toContain('lieu@hautsdefrance.test');
  });

  it('downloads as CSV and PDF, codes masked, each download journalled', async () => {
    const csv = await place.request('GET', `/api/v1/statements/${statementId}/csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toContain('Thème');
    expect(csv.body).toMatch(/••••-••••-••[0-9A-Z]{2}-[0-9A-Z]{2}/);
    expect(csv.body).not.toMatch(/\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}\b/);
    // The session's format in the desk's words.
    expect(csv.body).toContain(';Collective;');
    const pdf = await place.request('GET', `/api/v1/statements/${statementId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const shown = (await place.request('GET', `/api/v1/statements/${statementId}`)).json();
    // Numbers run per funder: a place paid by two gets two « 2026-000001 ». The funder's name
    // keeps their files apart in the place's downloads.
    for (const [res, format] of [
      [pdf, 'pdf'],
      [csv, 'csv'],
    ] as const)
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="releve-${shown.number}-region-hauts-de-france-mediatheque-louis-aragon.${format}"`,
      );
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(`Relevé n° ${shown.number}`);
    expect(text).toContain(`Total dû : ${formatEuros(shown.totalCents).replace(/\s/g, ' ')}`);
    expect(text).toMatch(/••••-••••-••[0-9A-Z]{2}-[0-9A-Z]{2}/);
    expect((await journal('statement.download')).filter((id) => id === statementId)).toHaveLength(2);
  });

  it('writes a place named like a formula as text in the CSV, so that no spreadsheet runs it', async () => {
    // A place's name is typed by people: `=1+1` reaches the spreadsheet as the text « =1+1 ».
    // The statement keeps the name the place had when it was issued (migration 0061): the
    // statement is given that name here, as if the place had borne it then.
    const rename = (name: string) =>
      t.database.pool.query('UPDATE statements SET place_name = $1 WHERE id = $2', [name, statementId]);
    await rename('=1+1');
    try {
      const csv = await place.request('GET', `/api/v1/statements/${statementId}/csv`);
      expect(csv.statusCode).toBe(200);
      const [header, line] = csv.body.replace(/^\uFEFF/, '').split('\r\n');
      const cells = line!.split(';');
      expect(cells[header!.split(';').indexOf('Lieu')]).toBe("'=1+1");
      // The amount the statement wrote stays a number.
      expect(cells.at(-1)).toMatch(/^\d+,\d\d$/);
    } finally {
      await rename('Médiathèque Louis Aragon');
    }
  });

  it('is not found for another funder and its places', async () => {
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await other.request('GET', `/api/v1/statements/${statementId}`)).statusCode).toBe(404);
    expect((await other.request('GET', `/api/v1/statements/${statementId}/pdf`)).statusCode).toBe(404);
    const funder = await signIn(t.app, 'lecteur@hautsdefrance.test');
    expect((await funder.request('GET', `/api/v1/statements/${statementId}/csv`)).statusCode).toBe(200);
  });

  it('is contested by the place with a reason, then answered by the funder, each step journalled and e-mailed', async () => {
    const empty = await place.request('POST', `/api/v1/statements/${statementId}/contest`, { reason: ' ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0].field).toBe('reason');
    const contested = await place.request('POST', `/api/v1/statements/${statementId}/contest`, {
      // A list, as people write them in the reason's box: its lines kept.
      reason: 'Il manque :\n- la séance du 3 ;\n- celle du 4.',
    });
    expect(contested.statusCode, contested.body).toBe(200);
    expect(contested.json().status).toBe('contested');
    expect(await outbox('statement_contested')).toContain('financeur@hautsdefrance.test');
    const again = await place.request('POST', `/api/v1/statements/${statementId}/contest`, {
      reason: 'Encore une fois.',
    });
    expect(again.statusCode).toBe(409);
    // The refusal names the statement's state in French, as the pages show it.
    expect(again.json()).toMatchObject({
      code: 'statement_status',
      detail: 'Ce relevé est « contesté » : cette action n’est plus possible.',
    });
    // The funder's list shows what the place wrote, to answer it.
    const funderList = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/statements`)).json();
    expect(funderList.statements.find((x: { id: string }) => x.id === statementId).contest).toMatchObject({
      reason: 'Il manque :\n- la séance du 3 ;\n- celle du 4.',
      contestedBy: 'Thomas Petit',
      answer: null,
    });

    const viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
    expect(
      (
        await viewer.request('POST', `/api/v1/statements/${statementId}/answer`, {
          reason: 'Vu, rien à changer.',
        })
      ).statusCode,
    ).toBe(403);
    const answered = await c.funder.request('POST', `/api/v1/statements/${statementId}/answer`, {
      reason: 'Cette séance a été annulée par le lieu le jour même.',
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json().status).toBe('issued');
    expect(answered.json().events.map((e: { event: string }) => e.event)).toEqual([
      'issue',
      'contest',
      'answer',
    ]);
    expect(await outbox('statement_answered')).toContain('lieu@hautsdefrance.test');
    const twice = await c.funder.request('POST', `/api/v1/statements/${statementId}/answer`, {
      reason: 'Déjà répondu, une seconde fois.',
    });
    expect(twice.statusCode).toBe(409);
    // Answered meanwhile (a colleague, another tab): said so, not only the statement's state.
    expect(twice.json().detail).toMatch(/^Une réponse a déjà été donnée à cette contestation, le /);
    // The place's list shows its reason and the funder's answer.
    const placeList = (await place.request('GET', `/api/v1/places/${placeId}/statements`)).json();
    expect(placeList.statements.find((x: { id: string }) => x.id === statementId).contest).toMatchObject({
      reason: 'Il manque :\n- la séance du 3 ;\n- celle du 4.',
      answer: 'Cette séance a été annulée par le lieu le jour même.',
      answeredAt: expect.any(String),
    });
    expect(await journal('statement.contest')).toContain(statementId);
    expect(await journal('statement.answer')).toContain(statementId);
  });

  it('may be contested until the end of the 15th day in Paris, as the e-mail and the page say', async () => {
    const { rows } = await t.database.pool.query('SELECT created_at FROM statements WHERE id = $1', [
      statementId,
    ]);
    const lastDay = addDays(businessDate(rows[0].created_at), 15);
    // What the place was told: the e-mail's date, and the page's (from the list's contestableUntil).
    const { rows: mails } = await t.database.pool.query(
      `SELECT params->>'contestBy' AS "contestBy" FROM notification_outbox
        WHERE template = 'statement_ready' AND params->>'statementNumber' = (SELECT number FROM statements WHERE id = $1)`,
      [statementId],
    );
    expect(mails.map((m) => m.contestBy)).toContain(lastDay);
    const listed = (await place.request('GET', `/api/v1/places/${placeId}/statements`)).json();
    const until = new Date(
      listed.statements.find((x: { id: string }) => x.id === statementId).contestableUntil,
    );
    expect(businessDate(until)).toBe(lastDay);
    const { actorByEmail } = await import('../auth/service.js');
    const actor = await actorByEmail(t.database.db, 'lieu@hautsdefrance.test');
    const nextDay = parisStartOf(addDays(lastDay, 1));
    // The next day at 00:01, Paris time: too late.
    await expect(
      statements.contest(
        t.database.db,
        actor!,
        statementId,
        { reason: 'Trop tard ?' },
        new Date(nextDay.getTime() + 60_000),
      ),
    ).rejects.toMatchObject({ code: 'contest_window_closed' });
    // The last day at 23:30, Paris time: still in time.
    const late = await statements.contest(
      t.database.db,
      actor!,
      statementId,
      { reason: 'Le soir du dernier jour.' },
      new Date(nextDay.getTime() - 30 * 60_000),
    );
    expect(late.status).toBe('contested');
  });
});

describe('the payables', () => {
  it('show per place and programme what is owed, in a statement and paid, today and as of a past date', async () => {
    const now = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payables`)).json();
    const row = now.rows.find(
      (r: { placeId: string; programId: string }) => r.placeId === placeId && r.programId === c.programId,
    );
    const { rows } = await t.database.pool.query(
      `SELECT sum(face_value_cents)::int AS v FROM redemptions WHERE place_id = $1 AND program_id = $2 AND cancelled_at IS NULL`,
      [placeId, c.programId],
    );
    // The demo paid the Médiathèque's statements but its contested latest one (demo/payments.ts):
    // owed + paid is still every live redemption, and nothing of it is approved or sent.
    expect(row.owedCents + row.paidCents).toBe(rows[0].v);
    expect(row.paidCents).toBeGreaterThan(0);
    expect(row.inStatementCents).toBe(row.owedCents);
    expect(row).toMatchObject({ approvedCents: 0, sentCents: 0 });
    // The Centre social's statements wait in an approved run.
    const centre = now.rows.find(
      (r: { placeId: string; placeName: string }) => r.placeName === 'Centre social Arras Ouest',
    );
    expect(centre.approvedCents).toBeGreaterThan(0);
    const past = (
      await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payables?asOf=2020-01-01`)
    ).json();
    expect(past.rows).toEqual([]);
    const bad = await c.funder.request('GET', `/api/v1/funders/${c.funderId}/payables?asOf=2020-13-01`);
    expect(bad.statusCode).toBe(422);
  });

  it('are refused as of a day to come, naming the field; today (Europe/Paris) is taken', async () => {
    const today = businessDate();
    const url = (asOf: string) => `/api/v1/funders/${c.funderId}/payables?asOf=${asOf}`;
    const now = await c.funder.request('GET', url(today));
    expect(now.statusCode).toBe(200);
    expect(now.json().asOf).toBe(today);
    for (const day of [addDays(today, 1), '2999-12-31']) {
      const res = await c.funder.request('GET', url(day));
      expect(res.statusCode, day).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({
        code: 'validation_failed',
        errors: [
          {
            field: 'querystring.asOf',
            message: `La date de situation ne peut pas être dans le futur (nous sommes le ${frenchDate(today)}).`,
          },
        ],
      });
    }
  });
});
