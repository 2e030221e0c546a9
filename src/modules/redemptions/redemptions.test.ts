import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { formatPassCode, generatePassCode } from '../../core/pass-code.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets, placeKey } from '../../test/circulation.js';
import { actorByEmail } from '../auth/service.js';
import * as service from './service.js';

let t: TestApp;
let c: Circulation;
let agent: Client;
let codes: string[];
let mediatheque: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  agent = await signIn(t.app, 'lieu@hautsdefrance.test');
  ({ codes } = await handedOutBooklets(t, c, 2));
});
afterAll(() => t.close());

const session = { theme: STANDARD_SERVICES[1], durationMinutes: 60, format: 'individual' };
let nonces = 0;
const nonce = () => `nonce-${Date.now()}-${nonces++}`;

function typo(code: string): string {
  const swapped = code[3] === 'A' ? 'B' : 'A';
  return `${code.slice(0, 3)}${swapped}${code.slice(4)}`;
}

describe('checking a pass at a place', () => {
  it('tells the agent a handed-out pass can be redeemed, however the code is typed', async () => {
    const typed = formatPassCode(codes[0]!).toLowerCase().replaceAll('-', ' ');
    const res = await agent.request(
      'GET',
      `/api/v1/passes/${encodeURIComponent(typed)}?placeId=${mediatheque}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: formatPassCode(codes[0]!),
      status: 'redeemable',
      faceValueCents: 1000,
      validFrom: businessDate(),
      validUntil: '2027-12-31',
      programName: expect.stringMatching(/campagne 2026/),
    });
    expect(res.json().themes).toContain('Aide aux démarches administratives');
  });

  it('names a mistyped code before looking it up, and an unknown one after', async () => {
    const wrong = await agent.request('GET', `/api/v1/passes/${typo(codes[0]!)}?placeId=${mediatheque}`);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'malformed_code', errors: [{ field: 'code' }] });
    const unknown = await agent.request('GET', `/api/v1/passes/${generatePassCode()}?placeId=${mediatheque}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('unknown_code');
  });

  it('says when a pass is not yet valid or has expired', async () => {
    const caller = service.callerFromSession(await placeAgent(), mediatheque);
    const before = await service.check(t.database.db, caller, codes[1]!, '2026-01-01');
    expect(before.status).toBe('not_yet_valid');
    const after = await service.check(t.database.db, caller, codes[1]!, '2028-01-01');
    expect(after.status).toBe('expired');
  });

  it('refuses a pass still in a prescriber’s stock', async () => {
    const inStock = await t.database.pool.query(
      `SELECT p.code FROM passes p JOIN booklets b ON b.id = p.booklet_id
        WHERE b.status = 'allocated' AND p.status = 'active' LIMIT 1`,
    );
    const res = await agent.request('GET', `/api/v1/passes/${inStock.rows[0].code}?placeId=${mediatheque}`);
    expect(res.json().status).toBe('not_handed_out');
  });

  // It once answered 200 program_not_accepted, which told a guesser the code exists (issue 10).
  it('hides another programme’s pass from a place that does not accept it: an unknown code', async () => {
    const fablab = await placeKey(t, c.organisations['Fab-lab de Beauvais']!);
    const res = await t.app.inject({
      url: `/api/v1/passes/${codes[2]}`,
      headers: { authorization: `Bearer ${fablab}` },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('unknown_code');
  });
});

const placeAgent = async () => (await actorByEmail(t.database.db, 'lieu@hautsdefrance.test'))!;

describe('redeeming a pass', () => {
  it('redeems once; the same nonce gives the first answer; another request is told when it was used', async () => {
    const n = nonce();
    const body = { placeId: mediatheque, code: codes[3], nonce: n, ...session };
    const first = await agent.request('POST', '/api/v1/redemptions', body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      code: formatPassCode(codes[3]!),
      faceValueCents: 1000,
      cancelledAt: null,
    });
    const again = await agent.request('POST', '/api/v1/redemptions', body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const other = await agent.request('POST', '/api/v1/redemptions', { ...body, nonce: nonce() });
    expect(other.statusCode).toBe(409);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.json()).toMatchObject({ code: 'already_redeemed', redeemedAt: first.json().redeemedAt });
    const check = await agent.request('GET', `/api/v1/passes/${codes[3]}?placeId=${mediatheque}`);
    expect(check.json()).toMatchObject({ status: 'already_redeemed', redeemedAt: first.json().redeemedAt });
  });

  // « Déjà utilisé » read the same for a double entry at this desk and a pass used elsewhere.
  it('tells a place whether the pass was redeemed by itself, naming only its own redemption', async () => {
    expect(codes[13]).toBeDefined();
    const arras = c.organisations['Centre social Arras Ouest']!;
    const headers = { authorization: `Bearer ${await placeKey(t, arras)}` };
    // A session under a theme the other place declares.
    const theirs = await t.app.inject({ url: `/api/v1/passes/${codes[13]}`, headers });
    const arrasSession = { ...session, theme: theirs.json().themes[0] };
    const body = { placeId: mediatheque, code: codes[12], nonce: nonce(), ...session };
    const first = await agent.request('POST', '/api/v1/redemptions', body);
    expect(first.statusCode).toBe(201);
    const id = first.json().id;

    const twice = await agent.request('POST', '/api/v1/redemptions', { ...body, nonce: nonce() });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({
      code: 'already_redeemed',
      redeemedAt: first.json().redeemedAt,
      byThisPlace: true,
      redemptionId: id,
      detail: expect.stringContaining('par votre lieu'),
    });
    const checked = await agent.request('GET', `/api/v1/passes/${codes[12]}?placeId=${mediatheque}`);
    expect(checked.json()).toMatchObject({ status: 'already_redeemed', byThisPlace: true, redemptionId: id });
    expect(checked.json().message).toContain('par votre lieu');

    // Another place learns that it was not itself, and nothing of who it was.
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/redemptions',
      headers,
      payload: { code: codes[12], nonce: nonce(), ...arrasSession },
    });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json()).toMatchObject({ code: 'already_redeemed', byThisPlace: false });
    expect(elsewhere.json()).not.toHaveProperty('redemptionId');
    expect(elsewhere.json().detail).toContain('dans un autre lieu');
    expect(elsewhere.body).not.toContain(mediatheque);
    expect(elsewhere.body).not.toContain('Médiathèque');
    const seen = await t.app.inject({ url: `/api/v1/passes/${codes[12]}`, headers });
    expect(seen.json()).toMatchObject({ status: 'already_redeemed', byThisPlace: false, redemptionId: null });
    expect(seen.body).not.toContain(mediatheque);

    // Cancelled here and redeemed there: the latest live redemption is the other place's.
    expect((await agent.request('POST', `/api/v1/redemptions/${id}/cancel`)).statusCode).toBe(200);
    const there = await t.app.inject({
      method: 'POST',
      url: '/api/v1/redemptions',
      headers,
      payload: { code: codes[12], nonce: nonce(), ...arrasSession },
    });
    expect(there.statusCode).toBe(201);
    const after = await agent.request('POST', '/api/v1/redemptions', { ...body, nonce: nonce() });
    expect(after.json()).toMatchObject({ code: 'already_redeemed', byThisPlace: false });
    expect(after.json()).not.toHaveProperty('redemptionId');
    const againThere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/redemptions',
      headers,
      payload: { code: codes[12], nonce: nonce(), ...arrasSession },
    });
    expect(againThere.json()).toMatchObject({ byThisPlace: true, redemptionId: there.json().id });

    // A pass never redeemed says nothing of it.
    const fresh = await agent.request('GET', `/api/v1/passes/${codes[13]}?placeId=${mediatheque}`);
    expect(fresh.json()).toMatchObject({ status: 'redeemable', byThisPlace: null, redemptionId: null });
  });

  it('refuses a nonce the place already used for another pass or another session, naming the first redemption', async () => {
    const n = nonce();
    const body = { placeId: mediatheque, code: codes[10], nonce: n, ...session };
    const first = await agent.request('POST', '/api/v1/redemptions', body);
    expect(first.statusCode).toBe(201);

    const otherPass = await agent.request('POST', '/api/v1/redemptions', { ...body, code: codes[11] });
    expect(otherPass.statusCode).toBe(409);
    expect(otherPass.headers['content-type']).toContain('application/problem+json');
    expect(otherPass.json()).toMatchObject({
      code: 'nonce_reused',
      errors: [{ field: 'nonce' }],
      firstRedemption: { id: first.json().id, code: formatPassCode(codes[10]!) },
    });
    // The second pass was not used: it can still be redeemed with a fresh nonce.
    const check = await agent.request('GET', `/api/v1/passes/${codes[11]}?placeId=${mediatheque}`);
    expect(check.json().status).toBe('redeemable');

    for (const change of [
      { theme: STANDARD_SERVICES[0] },
      { durationMinutes: 90 },
      { format: 'collective' },
    ]) {
      const res = await agent.request('POST', '/api/v1/redemptions', { ...body, ...change });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'nonce_reused', firstRedemption: { id: first.json().id } });
    }
    // The very same request, sent again (a lost answer), still gets the first answer.
    const replay = await agent.request('POST', '/api/v1/redemptions', body);
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(first.json());
    const rows = await t.database.pool.query('SELECT count(*)::int AS n FROM redemptions WHERE nonce = $1', [
      n,
    ]);
    expect(rows.rows[0].n).toBe(1);
  });

  it('names the bad fields of a session and changes nothing', async () => {
    const res = await agent.request('POST', '/api/v1/redemptions', {
      placeId: mediatheque,
      code: codes[4],
      nonce: nonce(),
      theme: 'Karaoké',
      durationMinutes: 5,
      format: 'individual',
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['durationMinutes', 'theme']);
    expect(res.json().errors.find((e: { field: string }) => e.field === 'theme').message).toContain(
      'Thème inconnu',
    );
    // Forgotten by a place's software: said as missing, not as « Option invalide ».
    const missing = await agent.request('POST', '/api/v1/redemptions', {
      placeId: mediatheque,
      code: codes[4],
      nonce: nonce(),
      durationMinutes: 60,
      format: 'individual',
    });
    expect(missing.json().errors).toEqual([
      { field: 'theme', message: expect.stringContaining('Indiquez le thème de la séance') },
    ]);
    const check = await agent.request('GET', `/api/v1/passes/${codes[4]}?placeId=${mediatheque}`);
    expect(check.json().status).toBe('redeemable');
  });

  it('takes a session only under a theme its place declares: its check lists them, another is refused on « thème »', async () => {
    const { codes: own } = await handedOutBooklets(t, c, 1);
    // The médiathèque declares four of the nine services of the standard (demo/places.ts).
    const declared = [STANDARD_SERVICES[0], STANDARD_SERVICES[1], STANDARD_SERVICES[5], STANDARD_SERVICES[7]];
    const check = await agent.request('GET', `/api/v1/passes/${own[0]}?placeId=${mediatheque}`);
    expect(check.json().themes).toEqual(declared);
    const body = { placeId: mediatheque, code: own[0], durationMinutes: 60, format: 'individual' };
    const refused = await agent.request('POST', '/api/v1/redemptions', {
      ...body,
      nonce: nonce(),
      theme: STANDARD_SERVICES[2],
    });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'theme_not_offered',
      errors: [{ field: 'theme', message: expect.stringMatching(/^Thème : « Insertion professionnelle/) }],
    });
    expect(refused.json().errors[0].message).toContain('Aide aux démarches administratives');
    expect(
      (await agent.request('GET', `/api/v1/passes/${own[0]}?placeId=${mediatheque}`)).json().status,
    ).toBe('redeemable');

    // Sent again after the place dropped its theme from its description, a redemption made
    // under it still gets its first answer: the session was taken when it was declared.
    const first = { ...body, nonce: nonce(), theme: STANDARD_SERVICES[1] };
    expect((await agent.request('POST', '/api/v1/redemptions', first)).statusCode).toBe(201);
    const profile = async (services: string[]) =>
      t.database.pool.query('UPDATE place_profiles SET services = $2 WHERE place_id = $1', [
        mediatheque,
        services,
      ]);
    await profile([STANDARD_SERVICES[0]]);
    try {
      // Read afresh by the check (the server keeps a place's themes half a minute otherwise).
      const now = await agent.request('GET', `/api/v1/passes/${own[1]}?placeId=${mediatheque}`);
      expect(now.json().themes).toEqual([STANDARD_SERVICES[0]]);
      expect((await agent.request('POST', '/api/v1/redemptions', first)).statusCode).toBe(200);
      const since = await agent.request('POST', '/api/v1/redemptions', {
        ...first,
        nonce: nonce(),
        code: own[1],
      });
      expect(since.json().code).toBe('theme_not_offered');
      // A place that declares no service yet (a description imported without one) is refused
      // none: all nine themes are offered, as before the rule.
      await profile([]);
      const open = await agent.request('GET', `/api/v1/passes/${own[1]}?placeId=${mediatheque}`);
      expect(open.json().themes).toEqual([...STANDARD_SERVICES]);
      const any = await agent.request('POST', '/api/v1/redemptions', {
        ...body,
        code: own[1],
        nonce: nonce(),
        theme: STANDARD_SERVICES[8],
      });
      expect(any.statusCode, any.body).toBe(201);
    } finally {
      await profile(declared);
    }
  });

  it('lets the place cancel its own redemption within the window, and the pass comes back', async () => {
    const done = await agent.request('POST', '/api/v1/redemptions', {
      placeId: mediatheque,
      code: codes[5],
      nonce: nonce(),
      ...session,
    });
    const before = (await c.funder.request('GET', `/api/v1/programs/${c.programId}/finance`)).json();
    const pdcPlace = await signIn(t.app, 'financeur@pasdecalais.test');
    const stranger = await pdcPlace.request('POST', `/api/v1/redemptions/${done.json().id}/cancel`);
    expect(stranger.statusCode).toBe(404);
    const cancelled = await agent.request('POST', `/api/v1/redemptions/${done.json().id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().cancelledAt).not.toBeNull();
    const after = (await c.funder.request('GET', `/api/v1/programs/${c.programId}/finance`)).json();
    expect(after.balances.redeemedCents).toBe(before.balances.redeemedCents - 1000);
    expect(after.balances.outstandingCents).toBe(before.balances.outstandingCents + 1000);
    const check = await agent.request('GET', `/api/v1/passes/${codes[5]}?placeId=${mediatheque}`);
    expect(check.json().status).toBe('redeemable');
    const list = (await agent.request('GET', `/api/v1/places/${mediatheque}/redemptions`)).json();
    // The instant the answer gives is the one recorded: the list and a second cancel say the same.
    expect(list.redemptions.find((r: { id: number }) => r.id === done.json().id).cancelledAt).toBe(
      cancelled.json().cancelledAt,
    );
    const twice = await agent.request('POST', `/api/v1/redemptions/${done.json().id}/cancel`);
    expect(twice.json().cancelledAt).toBe(cancelled.json().cancelledAt);
  });

  it('says whether the pass may be used again: not when its booklet was blocked meanwhile', async () => {
    const { serials, codes: own } = await handedOutBooklets(t, c, 1);
    const redeemed = await Promise.all(
      own.slice(0, 2).map((code) =>
        agent.request('POST', '/api/v1/redemptions', {
          placeId: mediatheque,
          code,
          nonce: nonce(),
          ...session,
        }),
      ),
    );
    const usable = await agent.request('POST', `/api/v1/redemptions/${redeemed[0]!.json().id}/cancel`);
    expect(usable.json()).toMatchObject({ passUsableAgain: true, passUnusableReason: null });
    // The booklet declared stolen: its pass redeemed comes back cancelled, not redeemable.
    const blocked = await c.funder.request('POST', `/api/v1/booklets/${serials[0]}/block`, {
      reason: 'stolen',
    });
    expect(blocked.statusCode).toBe(200);
    const cancelled = await agent.request('POST', `/api/v1/redemptions/${redeemed[1]!.json().id}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ passUsableAgain: false, passUnusableReason: 'blocked' });
    const check = await agent.request('GET', `/api/v1/passes/${own[1]}?placeId=${mediatheque}`);
    expect(check.json().status).toBe('blocked');
    // Asked again, the answer says the same.
    const twice = await agent.request('POST', `/api/v1/redemptions/${redeemed[1]!.json().id}/cancel`);
    expect(twice.json()).toMatchObject({ passUsableAgain: false, passUnusableReason: 'blocked' });
  });

  /*
   * Software whose answer was lost sends its redemption again, as docs/api.md says, with the
   * same nonce: cancelled meanwhile (by an agent at the desk), the redemption came back with
   * its `cancelledAt` but not whether the pass may be used again, which the cancellation's
   * answer says. Every answer that shows a cancelled redemption now says both.
   */
  it('answers a retry of a redemption cancelled since as the cancellation did, pass usable again or not', async () => {
    const { serials, codes: own } = await handedOutBooklets(t, c, 1);
    const bodies = own
      .slice(0, 3)
      .map((code) => ({ placeId: mediatheque, code, nonce: nonce(), ...session }));
    const redeemed = [];
    for (const body of bodies) {
      const res = await agent.request('POST', '/api/v1/redemptions', body);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().passUsableAgain).toBeNull();
      redeemed.push(res.json());
    }
    const retry = (i: number) => agent.request('POST', '/api/v1/redemptions', bodies[i]);
    // A retry of a redemption that stands says nothing of a pass it holds.
    expect((await retry(0)).json()).toMatchObject({
      cancelledAt: null,
      passUsableAgain: null,
      passUnusableReason: null,
    });

    const usable = await agent.request('POST', `/api/v1/redemptions/${redeemed[0].id}/cancel`);
    const again = await retry(0);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({
      ...usable.json(),
      passUsableAgain: true,
      passUnusableReason: null,
      cancelledAt: expect.any(String),
    });

    // Redeemed again since under another nonce: the old redemption's pass is no longer free,
    // and the answer says so, not a booklet declared lost (the desk read it so).
    const reused = await agent.request('POST', '/api/v1/redemptions', { ...bodies[0], nonce: nonce() });
    expect(reused.statusCode, reused.body).toBe(201);
    expect((await retry(0)).json()).toMatchObject({
      id: redeemed[0].id,
      passUsableAgain: false,
      passUnusableReason: 'redeemed_again',
    });
    // Cancelled again from another tab: the second cancellation's answer says the same.
    const twice = await agent.request('POST', `/api/v1/redemptions/${redeemed[0].id}/cancel`);
    expect(twice.json()).toMatchObject({ passUsableAgain: false, passUnusableReason: 'redeemed_again' });

    // The booklet declared stolen, its pass redeemed comes back cancelled: said on the retry too.
    await agent.request('POST', `/api/v1/redemptions/${redeemed[1].id}/cancel`);
    const blocked = await c.funder.request('POST', `/api/v1/booklets/${serials[0]}/block`, {
      reason: 'lost',
    });
    expect(blocked.statusCode, blocked.body).toBe(200);
    const cancelled = await agent.request('POST', `/api/v1/redemptions/${redeemed[2].id}/cancel`);
    expect(cancelled.json()).toMatchObject({ passUsableAgain: false, passUnusableReason: 'blocked' });
    expect((await retry(2)).json()).toEqual(cancelled.json());
    expect((await retry(1)).json()).toMatchObject({
      passUsableAgain: false,
      passUnusableReason: 'blocked',
      cancelledAt: expect.any(String),
    });

    // The place's list says the same of each.
    const list = (await agent.request('GET', `/api/v1/places/${mediatheque}/redemptions`)).json();
    const listed = (id: number) => list.redemptions.find((r: { id: number }) => r.id === id);
    expect(listed(redeemed[0].id)).toMatchObject({
      passUsableAgain: false,
      passUnusableReason: 'redeemed_again',
    });
    expect(listed(redeemed[2].id)).toMatchObject({ passUsableAgain: false, passUnusableReason: 'blocked' });
    expect(listed(reused.json().id)).toMatchObject({ passUsableAgain: null, passUnusableReason: null });
  });

  it('says when a cancelled redemption’s pass has expired since', async () => {
    const { codes: own } = await handedOutBooklets(t, c, 1);
    const body = { placeId: mediatheque, code: own[0], nonce: nonce(), ...session };
    const done = await agent.request('POST', '/api/v1/redemptions', body);
    expect(done.statusCode, done.body).toBe(201);
    const cancelled = await agent.request('POST', `/api/v1/redemptions/${done.json().id}/cancel`);
    expect(cancelled.json()).toMatchObject({ passUsableAgain: true, passUnusableReason: null });
    // Its validity over, the daily expiry marks it (passes.expireOverdue, as at the programme's end).
    await t.database.pool.query(`UPDATE passes SET status = 'expired' WHERE code = $1`, [own[0]]);
    const retry = await agent.request('POST', '/api/v1/redemptions', body);
    expect(retry.json()).toMatchObject({ passUsableAgain: false, passUnusableReason: 'expired' });
    const list = (await agent.request('GET', `/api/v1/places/${mediatheque}/redemptions`)).json();
    expect(list.redemptions.find((r: { id: number }) => r.id === done.json().id)).toMatchObject({
      passUsableAgain: false,
      passUnusableReason: 'expired',
    });
  });

  it('refuses to cancel after the window', async () => {
    const done = await agent.request('POST', '/api/v1/redemptions', {
      placeId: mediatheque,
      code: codes[6],
      nonce: nonce(),
      ...session,
    });
    // A day and an hour go by.
    await t.database.pool.query(
      `UPDATE redemptions SET redeemed_at = redeemed_at - interval '25 hours' WHERE id = $1`,
      [done.json().id],
    );
    const res = await agent.request('POST', `/api/v1/redemptions/${done.json().id}/cancel`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('cancel_window_closed');
  });
});

describe('API keys', () => {
  it('lets the place create a key, use it, and revoke it', async () => {
    const created = await agent.request('POST', `/api/v1/places/${mediatheque}/api-keys`, {
      label: 'Caisse',
    });
    expect(created.statusCode).toBe(201);
    const { key, id, prefix } = created.json();
    expect(key).toMatch(new RegExp(`^pn_${prefix}_`));
    const stored = await t.database.pool.query('SELECT secret_hash FROM api_keys WHERE id = $1', [id]);
    expect(key).not.toContain(stored.rows[0].secret_hash);
    const listed = (await agent.request('GET', `/api/v1/places/${mediatheque}/api-keys`)).json();
    expect(listed.keys.find((k: { id: string }) => k.id === id)).not.toHaveProperty('key');

    const headers = { authorization: `Bearer ${key}` };
    const ok = await t.app.inject({ url: `/api/v1/passes/${codes[7]}`, headers });
    expect(ok.json().status).toBe('redeemable');
    const elsewhere = await t.app.inject({
      url: `/api/v1/passes/${codes[7]}?placeId=${c.organisations['Centre social Arras Ouest']}`,
      headers,
    });
    expect(elsewhere.statusCode).toBe(404);

    const revoked = await agent.request('POST', `/api/v1/places/${mediatheque}/api-keys/${id}/revoke`);
    expect(revoked.json().revokedAt).not.toBeNull();
    const refused = await t.app.inject({ url: `/api/v1/passes/${codes[7]}`, headers });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({
      code: 'invalid_api_key',
      detail: 'Clé d’API absente, invalide ou révoquée.',
    });
  });

  it('leaves the keys to the place’s admin: its agents redeem, but neither see nor make keys', async () => {
    const volunteer = await signIn(t.app, 'benevole@hautsdefrance.test');
    const existing = await agent.request('POST', `/api/v1/places/${mediatheque}/api-keys`, {
      label: 'Logiciel des ateliers',
    });
    const keysBefore = await t.database.pool.query('SELECT count(*)::int AS n FROM api_keys');
    const attempts = [
      await volunteer.request('GET', `/api/v1/places/${mediatheque}/api-keys`),
      await volunteer.request('POST', `/api/v1/places/${mediatheque}/api-keys`, { label: 'Ma clé' }),
      await volunteer.request('POST', `/api/v1/places/${mediatheque}/api-keys/${existing.json().id}/revoke`),
    ];
    for (const res of attempts) {
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toBe(
        'Seul l’administrateur du lieu gère ses clés d’API : demandez-lui de le faire.',
      );
    }
    expect(await t.database.pool.query('SELECT count(*)::int AS n FROM api_keys')).toMatchObject({
      rows: keysBefore.rows,
    });
    const stillLive = await t.database.pool.query('SELECT revoked_at FROM api_keys WHERE id = $1', [
      existing.json().id,
    ]);
    expect(stillLive.rows[0].revoked_at).toBeNull();

    const checked = await volunteer.request('GET', `/api/v1/passes/${codes[9]}?placeId=${mediatheque}`);
    expect(checked.json().status).toBe('redeemable');
    const redeemed = await volunteer.request('POST', '/api/v1/redemptions', {
      placeId: mediatheque,
      code: codes[9],
      nonce: nonce(),
      ...session,
    });
    expect(redeemed.statusCode).toBe(201);
  });

  it('does not let another place’s agent see or revoke a place’s keys', async () => {
    const prescriber = await signIn(t.app, 'prescripteur@hautsdefrance.test');
    expect((await prescriber.request('GET', `/api/v1/places/${mediatheque}/api-keys`)).statusCode).toBe(404);
  });

  it('shuts out a source that keeps trying unknown codes, even for a valid one', async () => {
    // Not the Médiathèque, whose tests above tried unknown codes: its allowance is partly spent.
    const key = await placeKey(t, c.organisations['Centre social Arras Ouest']!);
    const headers = { authorization: `Bearer ${key}` };
    const remoteAddress = '203.0.113.7';
    for (let i = 0; i < 20; i++) {
      const res = await t.app.inject({ url: `/api/v1/passes/${generatePassCode()}`, headers, remoteAddress });
      expect(res.statusCode).toBe(404);
    }
    const blocked = await t.app.inject({ url: `/api/v1/passes/${codes[8]}`, headers, remoteAddress });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });
});
