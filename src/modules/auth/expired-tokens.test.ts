import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordResets, sessions, users } from '../../db/schema/index.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { afterAnswerFor } from '../../http/after-answer.js';
import { sessionOf } from '../../test/accounts.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { purgeExpiredTokens } from './service.js';
import { tokenHash } from './tokens.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
}, 60_000);
afterAll(() => t.close());

const EMAIL = 'financeur@hautsdefrance.test';
/** The clock moved past a row's expiry: the test sets the expiry back instead. */
const expire = (table: typeof sessions | typeof passwordResets, hash: string) =>
  t.database.db
    .update(table)
    .set({ expiresAt: sql`now() - interval '1 minute'` })
    .where(eq(table.tokenHash, hash));
const rowsOf = async (table: typeof sessions | typeof passwordResets, hash: string) =>
  (await t.database.db.select().from(table).where(eq(table.tokenHash, hash))).length;

describe('expired sessions and reset links', () => {
  it('are deleted by the hourly purge, live ones kept and still working', async () => {
    const ended = await sessionOf(t, EMAIL, DEMO_PASSWORD);
    const live = await sessionOf(t, EMAIL, DEMO_PASSWORD);
    await expire(sessions, tokenHash(ended.cookie));

    // A reset link asked for and never used, an hour later.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: EMAIL },
      remoteAddress: '10.9.0.1',
    });
    await afterAnswerFor(t.database.db).settled();
    const [user] = await t.database.db.select().from(users).where(eq(users.email, EMAIL));
    const links = await t.database.db
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.userId, user!.id));
    expect(links).toHaveLength(1);
    await expire(passwordResets, links[0]!.tokenHash);

    expect(await purgeExpiredTokens(t.database.db)).toBe(2);
    expect(await rowsOf(sessions, tokenHash(ended.cookie))).toBe(0);
    expect(await rowsOf(passwordResets, links[0]!.tokenHash)).toBe(0);
    expect(await rowsOf(sessions, tokenHash(live.cookie))).toBe(1);
    expect((await live.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await ended.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    // Nothing left to purge: a second run deletes nothing.
    expect(await purgeExpiredTokens(t.database.db)).toBe(0);
  });
});
