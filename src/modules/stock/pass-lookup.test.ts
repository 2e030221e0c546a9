import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePassCode } from '../../core/pass-code.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets, redeemCodes } from '../../test/circulation.js';

/*
 * The platform's helpdesk on the phone: « j’ai lu le code de mon carnet, le lieu l’a refusé ».
 * The operator had no lookup of a pass: the funder's pass story needs the funder's id, which a
 * code does not give, and said `cancelled` of a blocked booklet's pass without when, why or by
 * whom. « Trouver un pass » finds the code across funders and says, in French, what happened to
 * it and what the person can do; never who the person is.
 */
let t: TestApp;
let c: Circulation;
let operator: Client;
let used: { code: string; serial: string };
let blocked: { code: string; serial: string };
let aragon: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  operator = await signIn(t.app, 'admin@pass-numerique.test');
  const { serials, codes, prescriber } = await handedOutBooklets(t, c, 2);
  const size = codes.length / 2;
  used = { code: codes[0]!, serial: serials[0]! };
  blocked = { code: codes[size]!, serial: serials[1]! };
  aragon = c.organisations['Médiathèque Louis Aragon']!;
  const place = await signIn(t.app, 'lieu@hautsdefrance.test');
  await redeemCodes(place, aragon, [used.code], `assistance-${used.serial}`);
  const block = await prescriber.request('POST', `/api/v1/booklets/${blocked.serial}/block`, {
    reason: 'stolen',
  });
  expect(block.statusCode, block.body).toBe(200);
});
afterAll(() => t.close());

const lookUp = (client: Client, typed: string) =>
  client.request('GET', `/api/v1/admin/passes/${encodeURIComponent(typed)}`);

/** A code as read aloud and typed by the operator: lower case, spaces instead of dashes. */
const asHeard = (code: string) =>
  ` ${code
    .replaceAll('-', '')
    .toLowerCase()
    .replace(/(.{4})/g, '$1 ')} `;

describe('a pass found by the platform’s helpdesk', () => {
  it('tells, in French, the funder, programme, booklet, who handed it out, and where it was used', async () => {
    const res = await lookUp(operator, asHeard(used.code));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      funderName: 'Région Hauts-de-France',
      status: 'redeemed',
      statusLabel: 'Utilisé',
      faceValueCents: 1000,
      booklet: {
        serial: used.serial,
        status: 'handed_out',
        statusLabel: 'Remis',
        handedOutByName: 'Mission locale du Grand Amiénois',
        block: null,
      },
    });
    expect(body.programName).toMatch(/campagne 2026/);
    expect(body.booklet.handedOutOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.sessions).toEqual([
      expect.objectContaining({ placeName: 'Médiathèque Louis Aragon', cancelledAt: null }),
    ]);
    expect(body.advice.join(' ')).toMatch(/déjà été utilisé/);
    // Nothing of the person: no name, no birth date, no pseudonymous id.
    expect(JSON.stringify(body)).not.toMatch(/Paulette|birth|naissance|beneficiary|19\d\d-\d\d-\d\d/i);
  });

  it('says when, why and by which organisation a blocked booklet was blocked, and what can be done', async () => {
    const res = await lookUp(operator, blocked.code.toLowerCase());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'cancelled',
      statusLabel: 'Annulé',
      booklet: {
        serial: blocked.serial,
        status: 'blocked',
        statusLabel: 'Bloqué',
        block: { reason: 'stolen', reasonLabel: 'Volé', byName: 'Mission locale du Grand Amiénois' },
      },
    });
    expect(new Date(body.booklet.block.at).getTime()).toBeGreaterThan(Date.now() - 5 * 60_000);
    expect(body.advice[0]).toMatch(
      /^Le carnet est bloqué : le prescripteur .*Mission locale du Grand Amiénois.* peut remettre un nouveau carnet/,
    );
  });

  it('says « mal saisi » of a misheard character, naming the field, and nothing is looked up', async () => {
    const last = used.code.at(-1)!;
    const typo = `${used.code.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
    const res = await lookUp(operator, typo);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'malformed_code' });
    expect(res.json().errors[0].field).toBe('code');
    expect(res.json().detail).toMatch(/mal saisi/);
  });

  it('is journalled in the pass’s funder’s journal and in the platform’s, a code unknown in the platform’s', async () => {
    const before = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'pass.lookup'`,
    );
    expect((await lookUp(operator, used.code)).statusCode).toBe(200);
    const { rows } = await t.database.pool.query(
      `SELECT funder_id, object_type, summary FROM audit_entries WHERE action = 'pass.lookup' ORDER BY id DESC LIMIT 2`,
    );
    expect(rows.map((r) => r.funder_id).sort()).toEqual([c.funderId, null].sort());
    // The code is masked in the journal: read by every reader of the funder's trail.
    for (const r of rows) {
      expect(r.summary).toMatchObject({ passFound: true, serial: used.serial });
      expect(JSON.stringify(r.summary)).not.toContain(used.code.replaceAll('-', '').slice(0, 8));
    }
    const funderTrail = await c.funder.request(
      'GET',
      `/api/v1/funders/${c.funderId}/audit?action=pass.lookup`,
    );
    expect(funderTrail.json().entries[0].actionLabel).toBe('Pass consulté par l’assistance');
    const platformTrail = await operator.request('GET', '/api/v1/audit?action=pass.lookup');
    expect(platformTrail.json().entries[0].actionLabel).toBe('Pass consulté par l’assistance');

    // A well-formed code of no pass: 404, journalled in the platform's journal alone.
    const unknown = await lookUp(operator, generatePassCode());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('unknown_code');
    const after = await t.database.pool.query(
      `SELECT funder_id, summary FROM audit_entries WHERE action = 'pass.lookup' ORDER BY id DESC LIMIT 1`,
    );
    expect(after.rows[0]).toMatchObject({ funder_id: null, summary: { passFound: false } });
    const count = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'pass.lookup'`,
    );
    expect(count.rows[0].n).toBe(before.rows[0].n + 3);
  });

  it('counts codes that match no pass as guesses: the operator is stopped after too many', async () => {
    // The operator is one account: its guesses are counted whatever its session or address.
    let last = 0;
    for (let i = 0; i < 25 && last !== 429; i++)
      last = (await lookUp(operator, generatePassCode())).statusCode;
    expect(last).toBe(429);
  });

  it('is the platform admin’s only', async () => {
    expect((await lookUp(c.funder, used.code)).statusCode).toBe(403);
    const place = await signIn(t.app, 'lieu@hautsdefrance.test');
    expect((await lookUp(place, used.code)).statusCode).toBe(403);
  });
});
