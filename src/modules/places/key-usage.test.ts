import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { generatePassCode } from '../../core/pass-code.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';

// Issue 13, point 7: a place's admin sees what its software does with each key: when it was
// last used, how many calls a day, and the last refusals with their codes.
let t: TestApp;
let c: Circulation;
let admin: Client;
let mediatheque: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  admin = await signIn(t.app, 'lieu@hautsdefrance.test');
});
afterAll(() => t.close());

describe("an API key's calls, for its place's admin", () => {
  it('counts the calls of the day, says when the key was last used, and lists its last refusals', async () => {
    const { codes } = await handedOutBooklets(t, c, 1);
    const created = await admin.request('POST', `/api/v1/places/${mediatheque}/api-keys`, {
      label: 'Caisse',
    });
    expect(created.statusCode).toBe(201);
    // Two live keys of one name could not be told apart on the page, nor revoked rightly.
    const twin = await admin.request('POST', `/api/v1/places/${mediatheque}/api-keys`, { label: ' caisse ' });
    expect(twin.statusCode).toBe(409);
    expect(twin.json()).toMatchObject({
      code: 'api_key_label_taken',
      errors: [{ field: 'label', message: expect.stringContaining('Caisse') }],
    });
    // An inner run of spaces made another name of the same one.
    const doubled = await admin.request('POST', `/api/v1/places/${mediatheque}/api-keys`, {
      label: 'Caisse  accueil',
    });
    expect(doubled.statusCode).toBe(201);
    expect(doubled.json().label).toBe('Caisse accueil');
    const twinSpaced = await admin.request('POST', `/api/v1/places/${mediatheque}/api-keys`, {
      label: 'caisse   ACCUEIL',
    });
    expect(twinSpaced.statusCode).toBe(409);
    expect(twinSpaced.json().errors).toEqual([
      { field: 'label', message: 'Une clé en service s’appelle déjà « Caisse accueil ».' },
    ]);
    // An accent, or a hyphen, typed or not: the same name read aloud at the desk.
    const twinAccented = await admin.request('POST', `/api/v1/places/${mediatheque}/api-keys`, {
      label: 'Caissé-accueil',
    });
    expect(twinAccented.statusCode).toBe(409);
    expect(twinAccented.json().errors).toEqual([
      { field: 'label', message: 'Une clé en service s’appelle déjà « Caisse accueil ».' },
    ]);
    const { id: keyId, key } = created.json();
    const headers = { authorization: `Bearer ${key}` };
    const session = { theme: STANDARD_SERVICES[0], durationMinutes: 30, format: 'individual' };

    const call = (url: string, payload?: object) =>
      t.app.inject({ method: payload ? 'POST' : 'GET', url, headers, ...(payload ? { payload } : {}) });
    expect((await call(`/api/v1/passes/${codes[0]}`)).statusCode).toBe(200);
    expect(
      (await call('/api/v1/redemptions', { code: codes[0], nonce: 'usage-0001', ...session })).statusCode,
    ).toBe(201);
    expect(
      (await call('/api/v1/redemptions', { code: codes[0], nonce: 'usage-0002', ...session })).statusCode,
    ).toBe(409);
    expect((await call(`/api/v1/passes/${generatePassCode()}`)).statusCode).toBe(404);

    const res = await admin.request('GET', `/api/v1/places/${mediatheque}/api-keys/usage`);
    expect(res.statusCode).toBe(200);
    const usage = res.json();
    expect(usage.days).toEqual([{ keyId, day: businessDate(), calls: 4, errors: 2 }]);
    expect(usage.lastErrors).toMatchObject([
      { keyId, method: 'GET', route: '/api/v1/passes/:code', status: 404, code: 'unknown_code' },
      { keyId, method: 'POST', route: '/api/v1/redemptions', status: 409, code: 'already_redeemed' },
    ]);
    const keys = (await admin.request('GET', `/api/v1/places/${mediatheque}/api-keys`)).json().keys;
    const used = keys.find((k: { id: string }) => k.id === keyId);
    expect(Date.now() - new Date(used.lastUsedAt).getTime()).toBeLessThan(60_000);

    // Counts add up across flushes, and no other place sees them.
    expect((await call(`/api/v1/passes/${codes[1]}`)).statusCode).toBe(200);
    const again = (await admin.request('GET', `/api/v1/places/${mediatheque}/api-keys/usage`)).json();
    expect(again.days).toEqual([{ keyId, day: businessDate(), calls: 5, errors: 2 }]);
    const fablab = c.organisations['Fab-lab de Beauvais']!;
    expect((await admin.request('GET', `/api/v1/places/${fablab}/api-keys/usage`)).statusCode).toBe(404);
  });

  it('keeps the last 20 refusals of a key', async () => {
    const created = (
      await admin.request('POST', `/api/v1/places/${mediatheque}/api-keys`, { label: 'Essais' })
    ).json();
    for (let i = 0; i < 25; i++) {
      await t.app.inject({
        url: '/api/v1/passes/ABC',
        headers: { authorization: `Bearer ${created.key}` },
        remoteAddress: `203.0.113.${i}`,
      });
      if (i % 10 === 0) await admin.request('GET', `/api/v1/places/${mediatheque}/api-keys/usage`);
    }
    const usage = (await admin.request('GET', `/api/v1/places/${mediatheque}/api-keys/usage`)).json();
    const mine = usage.lastErrors.filter((e: { keyId: string }) => e.keyId === created.id);
    expect(mine).toHaveLength(20);
    expect(mine[0].code).toBe('malformed_code');
    expect(usage.days.find((d: { keyId: string }) => d.keyId === created.id)).toMatchObject({
      calls: 25,
      errors: 25,
    });
  });
});
