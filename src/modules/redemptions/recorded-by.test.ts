import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets, placeKey } from '../../test/circulation.js';
import { redeemAt } from '../../test/payments.js';
import { UNKNOWN_RECORDER } from './service.js';

/**
 * A place's coordinator sees who recorded each session (the mediator signed in, or the API key
 * of the place's software), in its list and its CSV, and its sessions of a period by theme and
 * by mediator. The platform stored it and showed it nowhere.
 */
let t: TestApp;
let c: Circulation;
let agent: Client;
let mediatheque: string;
let keyLabel: string;
let agentName: string;
const today = businessDate();

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  agent = await signIn(t.app, 'lieu@hautsdefrance.test');
  const { codes } = await handedOutBooklets(t, c, 1);
  const key = await placeKey(t, mediatheque);
  keyLabel = (await t.database.pool.query('SELECT label FROM api_keys ORDER BY created_at DESC LIMIT 1'))
    .rows[0].label;
  agentName = (
    await t.database.pool.query(`SELECT display_name FROM users WHERE email = 'lieu@hautsdefrance.test'`)
  ).rows[0].display_name;
  const session = (code: string, theme: string) => ({
    code,
    nonce: `recorded-by-${code}`,
    theme,
    durationMinutes: 60,
    format: 'individual',
  });
  for (const [i, theme] of [STANDARD_SERVICES[0], STANDARD_SERVICES[1]].entries()) {
    const res = await agent.request('POST', '/api/v1/redemptions', {
      ...session(codes[i]!, theme!),
      placeId: mediatheque,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const byKey = await t.app.inject({
    method: 'POST',
    url: '/api/v1/redemptions',
    headers: { authorization: `Bearer ${key}` },
    payload: session(codes[2]!, STANDARD_SERVICES[0]!),
  });
  expect(byKey.statusCode, byKey.body).toBe(201);
  // Neither a person nor a key: as the demo's data and an operator's loading record it.
  await redeemAt(t, mediatheque, codes[3]!);
});
afterAll(() => t?.close());

describe('who recorded a place’s sessions', () => {
  it('is in the place’s list: the person’s name, or the key’s, or said unknown', async () => {
    const res = await agent.request('GET', `/api/v1/places/${mediatheque}/redemptions?limit=4`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().redemptions.map((r: { recordedBy: string }) => r.recordedBy)).toEqual([
      UNKNOWN_RECORDER,
      `Clé API « ${keyLabel} »`,
      agentName,
      agentName,
    ]);
  });

  it('is in the CSV of the place’s sessions of a period, a French CSV', async () => {
    const res = await agent.request(
      'GET',
      `/api/v1/places/${mediatheque}/redemptions.csv?from=${today}&to=${today}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="seances-mediatheque-louis-aragon-${today}-${today}.csv"`,
    );
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).split('\r\n');
    expect(lines[0]!.split(';')).toContain('Enregistré par');
    // The place's name first, on every line: the files of an association's sites merge into one sheet.
    expect(lines[0]!.split(';')[0]).toBe('Lieu');
    for (const l of lines.slice(1, -1)) expect(l.split(';')[0]).toBe('Médiathèque Louis Aragon');
    expect(lines.filter((l) => l.includes(`Clé API « ${keyLabel} »`))).toHaveLength(1);
    // Said as the list says it, never an empty cell.
    expect(lines.filter((l) => l.includes(`;${UNKNOWN_RECORDER};`))).toHaveLength(1);
    expect(lines.filter((l) => l.includes(agentName)).length).toBeGreaterThanOrEqual(2);
    expect(lines.some((l) => /;10,00(;|$)/.test(l))).toBe(true);
  });

  it('gives the period’s sessions by theme and by mediator', async () => {
    const res = await agent.request(
      'GET',
      `/api/v1/places/${mediatheque}/activity?from=${today}&to=${today}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      from: string;
      to: string;
      byTheme: { theme: string; sessions: number; minutes: number; valueCents: number }[];
      byRecorder: { recordedBy: string; sessions: number; minutes: number; valueCents: number }[];
    };
    const live = await t.database.pool.query(
      `SELECT theme, count(*)::int AS n FROM redemptions
        WHERE place_id = $1 AND cancelled_at IS NULL
          AND redeemed_at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Paris'
        GROUP BY theme`,
      [mediatheque, today],
    );
    expect(Object.fromEntries(body.byTheme.map((r) => [r.theme, r.sessions]))).toEqual(
      Object.fromEntries(live.rows.map((r) => [r.theme, r.n])),
    );
    const key = body.byRecorder.find((r) => r.recordedBy === `Clé API « ${keyLabel} »`)!;
    expect(key).toMatchObject({ sessions: 1, minutes: 60, valueCents: 1_000 });
    expect(body.byRecorder.find((r) => r.recordedBy === UNKNOWN_RECORDER)).toMatchObject({ sessions: 1 });
    expect(body.byRecorder.every((r) => r.recordedBy)).toBe(true);
    expect(body.byRecorder.find((r) => r.recordedBy === agentName)!.sessions).toBeGreaterThanOrEqual(2);
  });

  it('counts a session cancelled since for nothing in the CSV, and totals what the period is owed', async () => {
    // Found by a mediator who cancelled a participant gone at the break: the cancelled line kept
    // its 10,00 €, and the column added up to 10 € more than the place was owed.
    const { redemptions } = (
      await agent.request('GET', `/api/v1/places/${mediatheque}/redemptions?limit=1`)
    ).json();
    const cancelled = await agent.request('POST', `/api/v1/redemptions/${redemptions[0].id}/cancel`, {});
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const res = await agent.request(
      'GET',
      `/api/v1/places/${mediatheque}/redemptions.csv?from=${today}&to=${today}`,
    );
    const rows = res.body
      .slice(1)
      .split('\r\n')
      .filter(Boolean)
      .map((l: string) => l.split(';'));
    const head = rows[0]!;
    const due = head.indexOf('Montant dû (€)');
    expect(due).toBeGreaterThan(0);
    const cancelledRows = rows.slice(1, -1).filter((r: string[]) => r[head.indexOf('Annulé le')] !== '');
    expect(cancelledRows.map((r: string[]) => r[due])).toEqual(['0,00']);
    const live = await t.database.pool.query(
      `SELECT coalesce(sum(face_value_cents), 0)::int AS cents FROM redemptions
        WHERE place_id = $1 AND cancelled_at IS NULL
          AND redeemed_at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Paris'`,
      [mediatheque, today],
    );
    const total = rows.at(-1)!;
    expect(total[1]).toBe('Total');
    expect(total[due]).toBe((live.rows[0].cents / 100).toFixed(2).replace('.', ','));
  });

  it('is the place’s own: the funder’s staff find neither the CSV nor the breakdown', async () => {
    for (const path of ['redemptions.csv', 'activity'])
      expect(
        (await c.funder.request('GET', `/api/v1/places/${mediatheque}/${path}?from=${today}&to=${today}`))
          .statusCode,
      ).toBe(404);
  });
});
