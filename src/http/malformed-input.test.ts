import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn, startTestApp, type TestApp } from '../test/app.js';

let t: TestApp;
let client: Client;
let routes: { method: 'GET' | 'POST'; path: string }[];

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  client = await signIn(t.app, 'financeur@hautsdefrance.test');
  const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => ({ method: m.toUpperCase() as 'GET' | 'POST', path })),
  );
});
afterAll(() => t.close());

const PARAM_VALUES = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  "'; DROP TABLE users; --",
  '%00',
  'x'.repeat(300),
];

function fill(path: string, value: string) {
  return path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
}

function expectProblem(res: Awaited<ReturnType<Client['request']>>, label: string) {
  expect(res.statusCode, `${label} → ${res.statusCode} ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(
    400,
  );
  expect(res.statusCode, `${label} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
  expect(res.headers['content-type'], label).toContain('application/problem+json');
  const body = res.json();
  expect(typeof body.code, label).toBe('string');
  expect(typeof body.detail, label).toBe('string');
}

describe('malformed input on every route', () => {
  it('covers the documented API', () => {
    expect(routes.length).toBeGreaterThanOrEqual(12);
  });

  it('answers bad path parameters with a 4xx problem', async () => {
    for (const r of routes.filter((x) => x.path.includes('{'))) {
      for (const v of PARAM_VALUES) {
        expectProblem(
          await client.request(
            r.method,
            `/api/v1${fill(r.path, v)}`.replace('/api/v1/api', '/api'),
            r.method === 'POST' ? {} : undefined,
          ),
          `${r.method} ${r.path} ${v}`,
        );
      }
    }
  });

  // A number in a path or a query is written in digits: 0x4c, 8e1, +76 or « 76 » are not a
  // redemption's number, and before they reached redemptions 76, 80 and 1000.
  it('refuses numbers not written in plain digits, naming the parameter', async () => {
    const funderId = client.session.memberships[0]!.funderId!;
    const cases: [string, string][] = [
      [`/api/v1/funders/${funderId}/audit?limit=1e2`, 'querystring.limit'],
      [`/api/v1/funders/${funderId}/audit?before=0x10`, 'querystring.before'],
      [`/api/v1/funders/${funderId}/audit?limit=%2B10`, 'querystring.limit'],
      [`/api/v1/funders/${funderId}/audit?limit=%2010`, 'querystring.limit'],
    ];
    for (const [url, field] of cases) {
      const res = await client.request('GET', url);
      expect(res.statusCode, url).toBe(422);
      expect(res.json().errors[0], url).toMatchObject({ field, message: expect.stringMatching(/chiffres/) });
    }
    for (const id of ['8e1', '0x4c', '0b1', '76.5e1'])
      expect(
        (await client.request('POST', `/api/v1/redemptions/${id}/cancel`, {})).json().errors[0],
        id,
      ).toMatchObject({
        field: 'params.redemptionId',
      });
    expect((await client.request('GET', `/api/v1/funders/${funderId}/audit?limit=10`)).statusCode).toBe(200);
  });

  it('answers random JSON bodies with a 4xx problem and never a 500', async () => {
    const posts = routes.filter((r) => r.method === 'POST' && !r.path.includes('logout'));
    const hdfFunder = client.session.memberships[0]!.funderId!;
    const program = (await client.request('GET', `/api/v1/funders/${hdfFunder}/programs`)).json()[0].id;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...posts), fc.anything(), async (route, body) => {
        const url = `/api/v1${route.path}`
          .replace('{funderId}', hdfFunder)
          .replace('{programId}', program)
          .replace('{token}', 'x'.repeat(43));
        const res = await client.request('POST', url, JSON.stringify(body) ?? 'null');
        if (res.statusCode >= 200 && res.statusCode < 300) return; // a random value can be valid
        expectProblem(res, `POST ${route.path} ${JSON.stringify(body)?.slice(0, 100)}`);
      }),
      { numRuns: 150 },
    );
  });

  it('answers syntactically broken JSON and wrong content types with a 4xx problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expectProblem(res, 'broken JSON');
    expect(res.json().detail).toBe("Le corps de la requête n'est pas un JSON valide.");
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expectProblem(xml, 'xml');
  });

  it('answers bad query strings with a 4xx problem naming the parameter', async () => {
    const hdfFunder = client.session.memberships[0]!.funderId!;
    const res = await client.request('GET', `/api/v1/funders/${hdfFunder}/audit?limit=abc&before=-3`);
    expectProblem(res, 'audit query');
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['querystring.before', 'querystring.limit']);
  });
});
