import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { generatePassCode } from '../../core/pass-code.js';
import { PROBLEMS } from '../../core/problems.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { undocumentedRefusals } from '../../http/problem.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import {
  type Circulation,
  demoCampaign,
  handedOutBooklets,
  placeKey,
  placeOfItsOwn,
  struckOutPass,
} from '../../test/circulation.js';
import * as passes from '../passes/service.js';

// Issue 13, point 2: each refusal the document lists for the place-facing operations is sent,
// and its answer is checked against the document: status, problem+json schema, code.
// The server's own failures (internal_error 500, database_unavailable and service_stopping 503,
// concurrent_update 409), documented on every operation, are provoked by
// database-unavailable.test.ts, lifecycle.test.ts and concurrent-update.test.ts; they are left
// out of `sent` below, and only them.
const SERVER_SIDE = ['internal_error', 'database_unavailable', 'service_stopping', 'concurrent_update'];
// A late session after the programme's usage end needs the clock past that end: these two are
// provoked, with the clock set, by closing/end-of-programme.test.ts, and left out of `sent` too.
const CLOCK_BOUND = ['session_after_usage_end', 'late_session_period_over'];
// Headers over 16 KiB are refused by Node's HTTP parser before Fastify (inject never reaches
// it): the 431 documented on the operations a key calls is sent over a socket to checkPass and
// redeemPass by http/api-key-calls.test.ts, and left out of `sent` too.
const PARSER_SIDE = ['request_header_too_large'];

let t: TestApp;
let c: Circulation;
let doc: Document;
let agent: Client;
let key: string;
let codes: string[];
let serials: string[];
let mediatheque: string;
beforeAll(async () => {
  // A low guess limit, so that guessing is shut out after a few unknown codes.
  t = await startTestApp({ demo: true, config: { codeGuessLimit: 3 } });
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  agent = await signIn(t.app, 'lieu@hautsdefrance.test');
  key = await placeKey(t, mediatheque);
  ({ codes, serials } = await handedOutBooklets(t, c, 3));
  doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
});
afterAll(() => t.close());

interface Schema {
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  enum?: string[];
  $ref?: string;
}
interface Document {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
}

const OPERATIONS = {
  checkPass: ['get', '/api/v1/passes/{code}'],
  redeemPass: ['post', '/api/v1/redemptions'],
  cancelRedemption: ['post', '/api/v1/redemptions/{redemptionId}/cancel'],
  listRedemptions: ['get', '/api/v1/places/{placeId}/redemptions'],
} as const;
type OperationName = keyof typeof OPERATIONS;
const sent: Record<OperationName, Set<string>> = {
  checkPass: new Set(),
  redeemPass: new Set(),
  cancelRedemption: new Set(),
  listRedemptions: new Set(),
};

function operation(name: OperationName) {
  const [method, path] = OPERATIONS[name];
  return doc.paths[path]![method]!;
}
function documented(name: OperationName): string[] {
  return Object.values(operation(name).responses).flatMap(
    (r) => r.content?.['application/problem+json']?.schema.allOf?.[1]?.properties?.code?.enum ?? [],
  );
}

/** Checks a value against the document's schema: the subset of JSON Schema the Problem uses. */
function conforms(value: unknown, schema: Schema, where: string): string[] {
  if (schema.$ref) return conforms(value, doc.components.schemas[schema.$ref.split('/').pop()!]!, where);
  if (schema.allOf) return schema.allOf.flatMap((s) => conforms(value, s, where));
  const wrong: string[] = [];
  if (schema.enum && !schema.enum.includes(value as string))
    wrong.push(`${where}: ${value} not in ${schema.enum}`);
  if (schema.type === 'object') {
    if (typeof value !== 'object' || value === null) return [`${where}: not an object`];
    const obj = value as Record<string, unknown>;
    for (const field of schema.required ?? []) if (!(field in obj)) wrong.push(`${where}.${field}: missing`);
    for (const [field, s] of Object.entries(schema.properties ?? {}))
      if (field in obj) wrong.push(...conforms(obj[field], s, `${where}.${field}`));
  }
  if (schema.type === 'string' && typeof value !== 'string') wrong.push(`${where}: not a string`);
  if (schema.type === 'integer' && !Number.isInteger(value)) wrong.push(`${where}: not an integer`);
  if (schema.type === 'array' && !Array.isArray(value)) wrong.push(`${where}: not an array`);
  return wrong;
}

/** The answer is one the document lists for this operation: its status, its schema, its code. */
function expectDocumented(name: OperationName, res: LightMyRequestResponse, code: string) {
  const body = res.json();
  expect({ status: res.statusCode, code: body.code }).toEqual({
    status: PROBLEMS[code as 'not_found'].status,
    code,
  });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const media = operation(name).responses[String(res.statusCode)]?.content?.['application/problem+json'];
  expect(media, `${name} documents no ${res.statusCode}`).toBeDefined();
  expect(conforms(body, media!.schema, 'problem')).toEqual([]);
  sent[name].add(code);
}

// A theme the Médiathèque declares (demo/places.ts): another is refused (theme_not_offered).
const session = { theme: STANDARD_SERVICES[1], durationMinutes: 45, format: 'collective' };
let n = 0;
const nonce = () => `contract-${n++}-${Date.now()}`;
const keyHeaders = () => ({ authorization: `Bearer ${key}` });
const otherAddress = () => `198.51.100.${++n % 250}`;

function typo(code: string): string {
  return `${code.slice(0, 3)}${code[3] === 'A' ? 'B' : 'A'}${code.slice(4)}`;
}
const redeem = (payload: object, headers: Record<string, string> = keyHeaders()) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/redemptions',
    headers,
    payload,
    remoteAddress: otherAddress(),
  });

describe('the refusals of the place-facing operations, as the document lists them', () => {
  it('pass check', async () => {
    const get = (
      url: string,
      headers: Record<string, string> = keyHeaders(),
      remoteAddress = otherAddress(),
    ) => t.app.inject({ url, headers, remoteAddress });
    expectDocumented('checkPass', await get(`/api/v1/passes/${typo(codes[0]!)}`), 'malformed_code');
    expectDocumented('checkPass', await get(`/api/v1/passes/${generatePassCode()}`), 'unknown_code');
    expectDocumented('checkPass', await get(`/api/v1/passes/${codes[0]}?placeId=nope`), 'validation_failed');
    const other = c.organisations['Fab-lab de Beauvais']!;
    expectDocumented('checkPass', await get(`/api/v1/passes/${codes[0]}?placeId=${other}`), 'not_found');
    expectDocumented('checkPass', await get(`/api/v1/passes/${codes[0]}`, {}), 'unauthenticated');
    // A session date in the future (the desk's "Date de la séance"), refused by the check too.
    expectDocumented(
      'checkPass',
      await get(`/api/v1/passes/${codes[0]}?sessionOn=${Number(new Date().getUTCFullYear()) + 2}-01-01`),
      'session_date_in_future',
    );
    expectDocumented(
      'checkPass',
      await get(`/api/v1/passes/${codes[0]}`, { authorization: 'Bearer pn_x' }),
      'invalid_api_key',
    );
    expectDocumented('checkPass', await get('/api/v1/passes/%zz'), 'fst_err_bad_url');
    expectDocumented('checkPass', await get(`/api/v1/passes/${'A'.repeat(120)}`), 'fst_err_max_param_length');
    // Guessing: shut out after the limit (3 in this file). A place of its own guesses, as the
    // limit counts per place (and per key), and the tests below redeem at the Médiathèque.
    const guesser = {
      authorization: `Bearer ${await placeKey(t, await placeOfItsOwn(t, 'Lieu qui devine'))}`,
    };
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 4; i++) last = await get(`/api/v1/passes/${generatePassCode()}`, guesser);
    expectDocumented('checkPass', last!, 'rate_limited');
  });

  it('redemption', async () => {
    const body = (code: string, extra = {}) => ({ code, nonce: nonce(), ...session, ...extra });
    expectDocumented('redeemPass', await redeem(body(typo(codes[1]!))), 'malformed_code');
    expectDocumented('redeemPass', await redeem(body(generatePassCode())), 'unknown_code');
    expectDocumented(
      'redeemPass',
      await redeem(body(codes[1]!, { durationMinutes: 5 })),
      'validation_failed',
    );
    const other = c.organisations['Fab-lab de Beauvais']!;
    expectDocumented('redeemPass', await redeem(body(codes[1]!, { placeId: other })), 'not_found');
    expectDocumented(
      'redeemPass',
      await redeem(body(codes[1]!, { theme: STANDARD_SERVICES[2] })),
      'theme_not_offered',
    );

    // The pass's states, each as the database tells it.
    const inStock = await t.database.pool.query(
      `SELECT p.code FROM passes p JOIN booklets b ON b.id = p.booklet_id
        WHERE b.status = 'allocated' AND p.status = 'active' LIMIT 1`,
    );
    expectDocumented('redeemPass', await redeem(body(inStock.rows[0].code)), 'not_handed_out');
    await t.database.pool.query(
      `UPDATE passes SET valid_from = '2099-01-01', valid_until = '2099-12-31' WHERE code = $1`,
      [codes[2]],
    );
    expectDocumented('redeemPass', await redeem(body(codes[2]!)), 'not_yet_valid');
    await t.database.pool.query(
      `UPDATE passes SET valid_from = '2000-01-01', valid_until = '2000-12-31' WHERE code = $1`,
      [codes[3]],
    );
    expectDocumented('redeemPass', await redeem(body(codes[3]!)), 'expired');
    const made = await redeem(body(codes[4]!));
    expect(made.statusCode).toBe(201);
    const again = await redeem(body(codes[4]!));
    expectDocumented('redeemPass', again, 'already_redeemed');
    // The same place (through its key or its agent): its own redemption, which it may cancel.
    expect(again.json()).toMatchObject({
      redeemedAt: expect.any(String),
      byThisPlace: true,
      redemptionId: made.json().id,
    });
    const atDesk = await agent.request(
      'POST',
      '/api/v1/redemptions',
      body(codes[4]!, { placeId: mediatheque }),
    );
    expect(atDesk.json()).toMatchObject({
      code: 'already_redeemed',
      byThisPlace: true,
      redemptionId: made.json().id,
    });
    const first = body(codes[5]!);
    expect((await redeem(first)).statusCode).toBe(201);
    const reused = await redeem({ ...first, code: codes[6] });
    expectDocumented('redeemPass', reused, 'nonce_reused');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expectDocumented(
      'redeemPass',
      await redeem(body(codes[7]!, { sessionOn: `${Number(tomorrow.slice(0, 4)) + 1}${tomorrow.slice(4)}` })),
      'session_date_in_future',
    );
    expect(reused.json().firstRedemption.id).toEqual(expect.any(Number));

    const blocked = await c.funder.request('POST', `/api/v1/booklets/${serials[2]}/block`, {
      reason: 'lost',
    });
    expect(blocked.statusCode).toBe(200);
    const [blockedCode] = await passes.bookletCodes(t.database.db, serials[2]!);
    expectDocumented('redeemPass', await redeem(body(blockedCode!)), 'blocked');

    const standing = `UPDATE program_places SET standing = $1 WHERE place_id = $2`;
    await t.database.pool.query(standing, ['suspended', mediatheque]);
    expectDocumented('redeemPass', await redeem(body(codes[7]!)), 'place_suspended');
    await t.database.pool.query(standing, ['approved', mediatheque]);

    // Who calls, and requests that cannot be read.
    expectDocumented('redeemPass', await redeem(body(codes[7]!), {}), 'unauthenticated');
    expectDocumented(
      'redeemPass',
      await redeem(body(codes[7]!), { authorization: 'Bearer pn_nope' }),
      'invalid_api_key',
    );
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/redemptions',
      cookies: { pn_session: agent.cookie },
      payload: body(codes[7]!, { placeId: mediatheque }),
    });
    expectDocumented('redeemPass', noToken, 'csrf_failed');
    const raw = (payload: string, contentType = 'application/json') =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/redemptions',
        headers: { ...keyHeaders(), 'content-type': contentType },
        payload,
      });
    expectDocumented('redeemPass', await raw('{"code":'), 'fst_err_ctp_invalid_json_body');
    expectDocumented('redeemPass', await raw(''), 'fst_err_ctp_empty_json_body');
    expectDocumented('redeemPass', await raw('<code/>', 'application/xml'), 'fst_err_ctp_invalid_media_type');
    expectDocumented(
      'redeemPass',
      await raw(JSON.stringify({ code: 'x'.repeat(1_100_000) })),
      'fst_err_ctp_body_too_large',
    );

    // Wrong keys from one address: shut out (10 in 10 minutes).
    const address = '192.0.2.88';
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 11; i++) {
      last = await t.app.inject({
        method: 'POST',
        url: '/api/v1/redemptions',
        headers: { authorization: `Bearer pn_wrong${i}_secret` },
        payload: body(codes[7]!),
        remoteAddress: address,
      });
    }
    expectDocumented('redeemPass', last!, 'rate_limited');

    // Struck out when a larger booklet replaced a lost one: cancelled, not lost or stolen.
    const { struck } = await struckOutPass(t, c, agent, mediatheque);
    expectDocumented('redeemPass', await redeem(body(struck)), 'cancelled');

    // Last, as it closes the programme for every pass: its calendar says no.
    const today = businessDate();
    const closed = await c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
      effectiveOn: today,
      legal: { ...hautsDeFranceDemoCampaign.creation.legal, number: 'CLOS-CONTRAT', decidedOn: today },
      changes: { status: 'suspended' },
    });
    expect(closed.statusCode).toBe(201);
    expectDocumented('redeemPass', await redeem(body(codes[8]!)), 'program_closed');
  });

  it('cancellation', async () => {
    const cancel = (
      id: string | number,
      headers: Record<string, string> = keyHeaders(),
      remoteAddress = otherAddress(),
    ) => t.app.inject({ method: 'POST', url: `/api/v1/redemptions/${id}/cancel`, headers, remoteAddress });
    expectDocumented('cancelRedemption', await cancel(2_000_000_000), 'not_found');
    expectDocumented('cancelRedemption', await cancel('abc'), 'validation_failed');
    expectDocumented('cancelRedemption', await cancel(1, {}), 'unauthenticated');
    expectDocumented(
      'cancelRedemption',
      await cancel(1, { authorization: 'Bearer pn_no' }),
      'invalid_api_key',
    );
    expectDocumented('cancelRedemption', await cancel('%zz'), 'fst_err_bad_url');
    expectDocumented('cancelRedemption', await cancel('1'.repeat(120)), 'fst_err_max_param_length');
    const noToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/redemptions/1/cancel',
      cookies: { pn_session: agent.cookie },
    });
    expectDocumented('cancelRedemption', noToken, 'csrf_failed');
    const old = await t.database.pool.query(
      `UPDATE redemptions SET redeemed_at = redeemed_at - interval '25 hours'
        WHERE id = (SELECT max(id) FROM redemptions WHERE place_id = $1) RETURNING id`,
      [mediatheque],
    );
    expectDocumented('cancelRedemption', await cancel(old.rows[0].id), 'cancel_window_closed');
    // No body is asked for, but one sent is read: a place's software that sends one must
    // expect what the others' bodies get (these were answered and listed nowhere).
    const withBody = (payload: string, contentType: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/redemptions/1/cancel',
        headers: { ...keyHeaders(), 'content-type': contentType },
        payload,
        remoteAddress: otherAddress(),
      });
    const json = 'application/json';
    expectDocumented('cancelRedemption', await withBody('{', json), 'fst_err_ctp_invalid_json_body');
    expectDocumented(
      'cancelRedemption',
      await withBody(`"${'x'.repeat(2 * 2 ** 20)}"`, json),
      'fst_err_ctp_body_too_large',
    );
    expectDocumented(
      'cancelRedemption',
      await withBody('motif=erreur', 'application/x-www-form-urlencoded'),
      'fst_err_ctp_invalid_media_type',
    );
    const address = '192.0.2.99';
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 11; i++)
      last = await cancel(1, { authorization: `Bearer pn_wrong${i}_secret` }, address);
    expectDocumented('cancelRedemption', last!, 'rate_limited');
  });

  it('list of redemptions', async () => {
    const list = (placeId: string, cookie = agent.cookie) =>
      t.app.inject({
        url: `/api/v1/places/${placeId}/redemptions`,
        cookies: cookie ? { pn_session: cookie } : {},
      });
    expectDocumented('listRedemptions', await list(c.organisations['Fab-lab de Beauvais']!), 'not_found');
    expectDocumented('listRedemptions', await list('nope'), 'validation_failed');
    expectDocumented('listRedemptions', await list(mediatheque, ''), 'unauthenticated');
    expectDocumented('listRedemptions', await list('%zz'), 'fst_err_bad_url');
    expectDocumented('listRedemptions', await list('a'.repeat(120)), 'fst_err_max_param_length');
    // The place's software lists them with its key too.
    const byKey = (authorization: string, remoteAddress = otherAddress()) =>
      t.app.inject({
        url: `/api/v1/places/${mediatheque}/redemptions`,
        headers: { authorization },
        remoteAddress,
      });
    expectDocumented('listRedemptions', await byKey('Bearer pn_no'), 'invalid_api_key');
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 11; i++) last = await byKey(`Bearer pn_wrong${i}_secret`, '192.0.2.98');
    expectDocumented('listRedemptions', last!, 'rate_limited');
  });

  it('sent every refusal the document lists, and answered none it does not', () => {
    for (const name of Object.keys(OPERATIONS) as OperationName[]) {
      const listed = documented(name).filter(
        (code) => !SERVER_SIDE.includes(code) && !CLOCK_BOUND.includes(code) && !PARSER_SIDE.includes(code),
      );
      expect({ name, sent: [...sent[name]].sort() }).toEqual({ name, sent: listed.sort() });
    }
    expect(undocumentedRefusals).toEqual([]);
  });
});
