import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn, startTestApp, type TestApp } from '../test/app.js';

/*
 * A UUID is the same whatever the case of its hex digits (RFC 9562 §4): a place's software or
 * a person pasting an id from a spreadsheet that upper-cased it reaches the same object. Before,
 * a programme's id in capitals broke 13 operations with a 500 and a funder's gave 404.
 */
let t: TestApp;
let admin: Client;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  admin = await signIn(t.app, 'financeur@hautsdefrance.test');
  const funderId = admin.session.memberships[0]!.funderId!;
  const programs = (await admin.request('GET', `/api/v1/funders/${funderId}/programs`)).json();
  ids = { funderId, programId: programs[0].id };
});
afterAll(() => t.close());

describe('ids in capitals', () => {
  it('reaches the same object on every GET of a funder or a programme', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const paths = Object.entries(doc.paths)
      .filter(([, ops]) => 'get' in ops)
      .map(([path]) => path)
      .filter((path) => {
        const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        return params.length > 0 && params.every((p) => p in ids);
      });
    let reached = 0;
    for (const path of paths) {
      const fill = (upper: boolean) =>
        path.replace(/\{(\w+)\}/g, (_, name: string) => (upper ? ids[name]!.toUpperCase() : ids[name]!));
      const lower = await admin.request('GET', fill(false));
      const upper = await admin.request('GET', fill(true));
      expect(upper.statusCode, `${path}: ${upper.body.slice(0, 200)}`).toBe(lower.statusCode);
      if (upper.statusCode === 200) reached++;
      if (lower.headers['content-type']?.toString().startsWith('application/json'))
        expect(upper.json(), path).toEqual(lower.json());
    }
    // Some need a query too (a payer, a month): most answer with their object.
    expect(reached).toBeGreaterThan(15);
  });

  it('reads an id in capitals in a query and a body as the same id', async () => {
    const upper = await admin.request(
      'GET',
      `/api/v1/funders/${ids.funderId}/statements?programId=${ids.programId!.toUpperCase()}`,
    );
    const lower = await admin.request(
      'GET',
      `/api/v1/funders/${ids.funderId}/statements?programId=${ids.programId}`,
    );
    expect(upper.statusCode).toBe(lower.statusCode);
    expect(upper.json()).toEqual(lower.json());
  });
});
