import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';

// An auditor deleted an entry behind the application's back (superuser, trigger disabled):
// `audit verify` on the server caught it, but nothing a funder could open said so, and in its
// own view the gap looked like the others (another funder's entries). The journal page now
// checks the whole chain on demand.
let t: TestApp;
let viewer: Client;
let funderId: string;
const check = () => viewer.request('GET', `/api/v1/funders/${funderId}/audit/integrity`);

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
  funderId = viewer.session.memberships[0]!.funderId!;
});
afterAll(() => t.close());

describe('the journal’s integrity, checked by the funder', () => {
  it('says the chain is intact, with the last seal and the key to keep elsewhere', async () => {
    const res = await check();
    expect(res.statusCode, res.body).toBe(200);
    // Deprecated since API 1.31.0 for the background check (RFC 9745's header, docs/api.md).
    expect(res.headers.deprecation).toMatch(/^@\d+$/);
    const body = res.json();
    expect(body).toMatchObject({ intact: true, brokenAtEntry: null, problem: null });
    expect(body.checkedEntries).toBeGreaterThan(20);
    expect(body.seal.lastHash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.publicKeyPem).toContain('BEGIN PUBLIC KEY');
  });

  it('says where it breaks once an entry is deleted behind the application’s back', async () => {
    await t.database.db.execute(sql`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only`);
    await t.database.db.execute(sql`DELETE FROM audit_entries WHERE id = 7`);
    await t.database.db.execute(sql`ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only`);
    const body = (await check()).json();
    expect(body).toMatchObject({ intact: false, brokenAtEntry: 7, checkedEntries: 6 });
    expect(body.problem).toContain('Le journal a été modifié ou amputé à l’entrée n° 7');
  });

  it('is for the funder’s staff only', async () => {
    const prescriber = await signIn(t.app, 'prescripteur@hautsdefrance.test');
    expect((await prescriber.request('GET', `/api/v1/funders/${funderId}/audit/integrity`)).statusCode).toBe(
      403,
    );
  });
});
