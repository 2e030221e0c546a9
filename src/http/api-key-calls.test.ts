import net from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../core/dates.js';
import { generatePassCode } from '../core/pass-code.js';
import { type Client, signIn, startTestApp, type TestApp } from '../test/app.js';
import {
  type Circulation,
  demoCampaign,
  handedOutBooklets,
  placeKey,
  placeOfItsOwn,
} from '../test/circulation.js';

// What a place's software meets when it calls with its key, as a developer building it found:
// the scheme's case, the challenge of a 401, the calls refused before the route runs (which the
// place's admin must see on the key's usage page), and the headers the document promises.
let t: TestApp;
let c: Circulation;
let admin: Client;
let mediatheque: string;
let doc: OpenApi;
beforeAll(async () => {
  // A low guess limit, so that a real 429 comes after a few unknown codes.
  t = await startTestApp({ demo: true, config: { codeGuessLimit: 3 } });
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  admin = await signIn(t.app, 'lieu@hautsdefrance.test');
  doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
});
afterAll(() => t.close());

interface Header {
  required?: boolean;
  schema?: { type?: string };
}
interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<
    string,
    {
      headers?: Record<string, Header>;
      content?: Record<string, { schema: { allOf?: { properties?: { code?: { enum?: string[] } } }[] } }>;
    }
  >;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}
const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
  );
const byId = (id: string) => operations().find((o) => o.op.operationId === id)!.op;
const takesKey = (op: Operation) => op.security?.some((s) => 'placeKey' in s) ?? false;

let n = 0;
/** Each call from an address of its own: no limit per address gets in the way. */
const address = () => `198.51.100.${++n % 250}`;

/** A header the document gives for an answer is on the real answer, of the documented type. */
function expectDocumentedHeader(op: Operation, res: LightMyRequestResponse, name: string) {
  const header = op.responses[String(res.statusCode)]?.headers?.[name];
  expect(header, `${op.operationId} documents no ${name} on ${res.statusCode}`).toMatchObject({
    required: true,
  });
  const value = res.headers[name.toLowerCase()];
  expect(value, `${name} missing from a real ${res.statusCode}`).toBeDefined();
  if (header!.schema?.type === 'integer') expect(String(value)).toMatch(/^\d+$/);
}

describe("a place's software calling with its key", () => {
  it('may write the scheme Bearer in any case (RFC 9110 §11.1)', async () => {
    const key = await placeKey(t, mediatheque);
    const { codes } = await handedOutBooklets(t, c, 1);
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const res = await t.app.inject({
        url: `/api/v1/passes/${codes[0]}`,
        headers: { authorization: `${scheme} ${key}` },
        remoteAddress: address(),
      });
      expect({ scheme, status: res.statusCode }).toEqual({ scheme, status: 200 });
      expect(res.json().status).toBe('redeemable');
    }
  });

  it('is told how to authenticate on a 401 (RFC 6750), the problem+json kept', async () => {
    const checkPass = byId('checkPass');
    const redeemPass = byId('redeemPass');
    const answers = [
      [checkPass, await t.app.inject({ url: `/api/v1/passes/${generatePassCode()}` }), 'unauthenticated'],
      [
        checkPass,
        await t.app.inject({
          url: `/api/v1/passes/${generatePassCode()}`,
          headers: { authorization: 'bearer pn_x' },
          remoteAddress: address(),
        }),
        'invalid_api_key',
      ],
      [
        redeemPass,
        await t.app.inject({ method: 'POST', url: '/api/v1/redemptions', payload: {} }),
        'unauthenticated',
      ],
      [
        redeemPass,
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/redemptions',
          headers: { authorization: 'Bearer pn_aaaaaaaaaa_nope' },
          payload: {},
          remoteAddress: address(),
        }),
        'invalid_api_key',
      ],
    ] as const;
    for (const [op, res, code] of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 401, code });
      expect(String(res.headers['www-authenticate'])).toMatch(/^Bearer\b/);
      // RFC 6750 §3.1: a key that was presented and refused is an invalid token.
      if (code === 'invalid_api_key')
        expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
      else expect(res.headers['www-authenticate']).not.toContain('error=');
      expectDocumentedHeader(op, res, 'WWW-Authenticate');
    }
  });

  it("counts, for the place's admin, the calls refused before the route runs", async () => {
    const created = await admin.request('POST', `/api/v1/places/${mediatheque}/api-keys`, {
      label: 'Logiciel en panne',
    });
    const { id: keyId, key } = created.json();
    const call = (opts: { method?: 'GET' | 'POST'; url: string; headers?: object; payload?: string }) =>
      t.app.inject({
        method: opts.method ?? 'GET',
        url: opts.url,
        headers: { authorization: `Bearer ${key}`, ...opts.headers },
        ...(opts.payload !== undefined ? { payload: opts.payload } : {}),
        remoteAddress: address(),
      });
    const json = { 'content-type': 'application/json' };
    const refused = [
      await call({ method: 'POST', url: '/api/v1/redemptions', headers: json, payload: '{' }),
      await call({
        method: 'POST',
        url: '/api/v1/redemptions',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'code=ABC&nonce=12345678',
      }),
      await call({ url: `/api/v1/passes/${'A'.repeat(5000)}` }),
      await call({ url: '/api/v1/passes/%zz' }),
    ];
    expect(refused.map((r) => [r.statusCode, r.json().code])).toEqual([
      [400, 'fst_err_ctp_invalid_json_body'],
      [415, 'fst_err_ctp_invalid_media_type'],
      [414, 'fst_err_max_param_length'],
      [400, 'fst_err_bad_url'],
    ]);
    // The same with a key that is no key: no key's calls, and no crash.
    const wrong = await t.app.inject({
      url: `/api/v1/passes/${'A'.repeat(5000)}`,
      headers: { authorization: 'Bearer pn_aaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' },
    });
    expect(wrong.statusCode).toBe(414);

    const usage = (await admin.request('GET', `/api/v1/places/${mediatheque}/api-keys/usage`)).json();
    expect(usage.days.filter((d: { keyId: string }) => d.keyId === keyId)).toEqual([
      { keyId, day: businessDate(), calls: 4, errors: 4 },
    ]);
    const mine = usage.lastErrors.filter((e: { keyId: string }) => e.keyId === keyId);
    expect(
      mine.map((e: { method: string; route: string; status: number; code: string }) => [
        e.method,
        e.route,
        e.status,
        e.code,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['POST', '/api/v1/redemptions', 400, 'fst_err_ctp_invalid_json_body'],
        ['POST', '/api/v1/redemptions', 415, 'fst_err_ctp_invalid_media_type'],
        // The route's pattern, never the address sent (it may hold a code).
        ['GET', '/api/v1/passes/:code', 414, 'fst_err_max_param_length'],
        ['GET', '/api/v1/passes/:code', 400, 'fst_err_bad_url'],
      ]),
    );
    expect(mine).toHaveLength(4);
    // Neither the key nor what the address held is stored.
    const stored = await t.database.pool.query(`SELECT * FROM api_key_errors WHERE key_id = $1`, [keyId]);
    const text = JSON.stringify(stored.rows);
    // The secret is all that follows `pn_<prefix>_`: it may hold « _ » itself (base64url).
    const secret = key.split('_').slice(2).join('_');
    expect(secret.length).toBeGreaterThan(20);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('AAAAAAAAAA');
  });
});

describe('a place’s key calling a route for signed-in people', () => {
  it('is told the route needs a person signed in (403), and the refusals are on the key’s usage', async () => {
    const created = await admin.request('POST', `/api/v1/places/${mediatheque}/api-keys`, {
      label: 'Logiciel comptable',
    });
    const { id: keyId, key } = created.json();
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(
        await t.app.inject({
          url: `/api/v1/places/${mediatheque}/statements`,
          headers: { authorization: `Bearer ${key}` },
          remoteAddress: address(),
        }),
      );
    for (const res of answers) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({ code: 'session_required' });
      expect(res.json().detail).toMatch(/personnes connectées/);
      expect(res.json().detail).toMatch(/clé d’API/);
    }
    // Documented on the operation, as every refusal.
    const codes =
      byId('listPlaceStatements').responses['403']?.content?.['application/problem+json']?.schema.allOf?.[1]
        ?.properties?.code?.enum;
    expect(codes).toContain('session_required');
    // A key that is no key is still not signed in: 401, as before.
    const wrong = await t.app.inject({
      url: `/api/v1/places/${mediatheque}/statements`,
      headers: { authorization: 'Bearer pn_aaaaaaaaaa_nope' },
      remoteAddress: address(),
    });
    expect(wrong.json()).toMatchObject({ status: 401, code: 'unauthenticated' });

    const usage = (await admin.request('GET', `/api/v1/places/${mediatheque}/api-keys/usage`)).json();
    expect(usage.days.filter((d: { keyId: string }) => d.keyId === keyId)).toEqual([
      { keyId, day: businessDate(), calls: 5, errors: 5 },
    ]);
    const mine = usage.lastErrors.filter((e: { keyId: string }) => e.keyId === keyId);
    expect(mine).toHaveLength(5);
    expect(mine[0]).toMatchObject({
      method: 'GET',
      route: '/api/v1/places/:placeId/statements',
      status: 403,
      code: 'session_required',
    });
  });
});

describe('the headers and refusals the document gives', () => {
  it('documents Retry-After on every 429 and 503, and WWW-Authenticate on the 401 of key routes', () => {
    const wrong: string[] = [];
    for (const { route, op } of operations()) {
      for (const [status, answer] of Object.entries(op.responses)) {
        const retryAfter = answer.headers?.['Retry-After'];
        if (status === '429' || status === '503') {
          if (retryAfter?.required !== true || retryAfter.schema?.type !== 'integer')
            wrong.push(`${route} ${status}: no Retry-After (integer seconds)`);
        } else if (retryAfter) wrong.push(`${route} ${status}: Retry-After`);
        const challenge = answer.headers?.['WWW-Authenticate'];
        if (status === '401' && takesKey(op) && challenge?.required !== true)
          wrong.push(`${route} 401: no WWW-Authenticate`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('documents the 431 of the HTTP parser on the operations a key calls', () => {
    for (const { route, op } of operations().filter((o) => takesKey(o.op))) {
      const codes =
        op.responses['431']?.content?.['application/problem+json']?.schema.allOf?.[1]?.properties?.code?.enum;
      expect({ route, codes }).toEqual({ route, codes: ['request_header_too_large'] });
    }
    expect(operations().filter((o) => takesKey(o.op)).length).toBeGreaterThanOrEqual(3);
  });

  it('answers a real 429 with Retry-After, as documented', async () => {
    // Guessing codes with a key (3 unknown codes allowed in this file).
    const guesser = { authorization: `Bearer ${await placeKey(t, await placeOfItsOwn(t, 'Lieu pressé'))}` };
    let guessed: LightMyRequestResponse | undefined;
    for (let i = 0; i < 4; i++)
      guessed = await t.app.inject({
        url: `/api/v1/passes/${generatePassCode()}`,
        headers: guesser,
        remoteAddress: address(),
      });
    expect(guessed!.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    expectDocumentedHeader(byId('checkPass'), guessed!, 'Retry-After');
    // Wrong keys from one address.
    let wrongKeys: LightMyRequestResponse | undefined;
    for (let i = 0; i < 11; i++)
      wrongKeys = await t.app.inject({
        method: 'POST',
        url: '/api/v1/redemptions',
        headers: { authorization: `Bearer pn_wrong${i}_secret` },
        payload: {},
        remoteAddress: '192.0.2.77',
      });
    expect(wrongKeys!.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    expectDocumentedHeader(byId('redeemPass'), wrongKeys!, 'Retry-After');
    // A route's limit per address (@fastify/rate-limit): sign-ins.
    let signIns: LightMyRequestResponse | undefined;
    for (let i = 0; i < 11; i++)
      signIns = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'personne@example.test', password: 'pas le bon mot de passe' },
        remoteAddress: '192.0.2.78',
      });
    expect(signIns!.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    expectDocumentedHeader(byId('signIn'), signIns!, 'Retry-After');
  });

  it('answers 431 on every operation a key calls, as documented, in problem+json', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as net.AddressInfo).port;
    const keyed = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => takesKey(op))
        .map(([method, op]) => ({ op, line: `${method.toUpperCase()} ${path.replace(/\{\w+\}/g, 'x')}` })),
    );
    expect(keyed.map((k) => k.op.operationId)).toEqual(expect.arrayContaining(['checkPass', 'redeemPass']));
    for (const { op, line } of keyed) {
      // A key pasted twice over, a cookie jar grown too large: the parser refuses the headers.
      const res = await raw(
        port,
        `${line} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer pn_${'a'.repeat(20_000)}\r\nContent-Length: 0\r\n\r\n`,
      );
      const status = Number(res.head.split(' ')[1]);
      const body = JSON.parse(res.body);
      expect({ line, status, code: body.code }).toEqual({
        line,
        status: 431,
        code: 'request_header_too_large',
      });
      const media = op.responses[String(status)]?.content?.['application/problem+json'];
      expect(media, `${op.operationId} documents no ${status}`).toBeDefined();
      expect(media!.schema.allOf?.[1]?.properties?.code?.enum).toContain(body.code);
    }
  });
});

function raw(port: number, request: string): Promise<{ head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const at = data.indexOf('\r\n\r\n');
      resolve({ head: data.slice(0, at), body: data.slice(at + 4) });
    });
    socket.write(request);
  });
}
