import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePassCode } from '../../core/pass-code.js';
import { REFUSAL_MESSAGES, STANDARD_SERVICES } from '../../core/session.js';
import type { App } from '../../http/app.js';
import * as rateWindows from '../../http/rate-windows.js';
import { buildServer } from '../../server.js';
import { newAccount } from '../../test/accounts.js';
import { startTestApp, type TestApp, testConfig } from '../../test/app.js';
import {
  type Circulation,
  demoCampaign,
  handedOutBooklets,
  placeKey,
  placeOfItsOwn,
} from '../../test/circulation.js';
import * as places from '../places/service.js';
import { GuessLimiter } from './guess-limiter.js';
import { refusal } from './service.js';

// testConfig's limit: 20 unknown codes per source in 10 minutes.
const LIMIT = 20;

let t: TestApp;
let other: App;
let c: Circulation;
let mediatheque: string;
let centreSocial: string;
let validCodes: string[];
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  // A second instance of the platform on the same database, as behind a load balancer.
  other = await buildServer({ db: t.database.db, config: testConfig() });
  await other.ready();
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  centreSocial = c.organisations['Centre social Arras Ouest']!;
  ({ codes: validCodes } = await handedOutBooklets(t, c, 1));
});
afterAll(async () => {
  await other.close();
  await t.close();
});

/** A key of a place of its own. */
const freshKey = async (name: string) => placeKey(t, await placeOfItsOwn(t, name));

const lookUp = (server: App, key: string, remoteAddress: string) =>
  server.inject({
    url: `/api/v1/passes/${generatePassCode()}`,
    headers: { authorization: `Bearer ${key}` },
    remoteAddress,
  });

describe('shutting out code guessers', () => {
  it('holds the limit across instances: spreading the guesses over two servers gains one guess, not twice as many', async () => {
    const servers = [t.app, other];
    const key = await freshKey('Lieu des deux instances');
    const remoteAddress = '198.51.100.23';
    const shutOut = new Set<number>();
    let unknown = 0;
    for (let i = 0; shutOut.size < servers.length && i < 4 * LIMIT; i++) {
      const res = await lookUp(servers[i % 2]!, key, remoteAddress);
      if (res.statusCode === 404) unknown++;
      else {
        expect(res.statusCode).toBe(429);
        shutOut.add(i % 2);
      }
    }
    // Each instance counting alone would have answered 2 × 20 unknown codes.
    expect(unknown).toBeGreaterThanOrEqual(LIMIT);
    expect(unknown).toBeLessThanOrEqual(LIMIT + servers.length - 1);
    for (const server of servers) {
      const res = await lookUp(server, key, remoteAddress);
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('keeps hashes of the sources, not their addresses or keys, and forgets them once their window has closed', async () => {
    const key = await freshKey('Lieu des empreintes');
    const remoteAddress = '192.0.2.54';
    expect((await lookUp(t.app, key, remoteAddress)).statusCode).toBe(404);
    const { rows } = await t.database.pool.query<{ key_hash: string }>('SELECT key_hash FROM rate_windows');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) expect(r.key_hash).toMatch(/^[0-9a-f]{64}$/);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(remoteAddress);
    expect(text).not.toContain(key.split('_')[1]);

    // Still within its window: the purge leaves it.
    expect(await rateWindows.purgeClosed(t.database.db)).toBe(0);
    await t.database.pool.query(`UPDATE rate_windows SET reset_at = now() - interval '1 second'`);
    expect(await rateWindows.purgeClosed(t.database.db)).toBe(rows.length);
    const left = await t.database.pool.query('SELECT 1 FROM rate_windows');
    expect(left.rowCount).toBe(0);
  });

  it('starts a new window for a source whose window has closed', async () => {
    const key = await freshKey('Lieu de la nouvelle fenêtre');
    const remoteAddress = '192.0.2.99';
    for (let i = 0; i < LIMIT; i++) expect((await lookUp(other, key, remoteAddress)).statusCode).toBe(404);
    // The window of this address (and of the key) closes: the failures before no longer count.
    await t.database.pool.query(`UPDATE rate_windows SET reset_at = now() - interval '1 second'`);
    const fresh = '192.0.2.100';
    expect((await lookUp(t.app, key, remoteAddress)).statusCode).toBe(404);
    expect((await lookUp(t.app, key, fresh)).statusCode).toBe(404);
    const { rows } = await t.database.pool.query<{ hits: number }>(
      'SELECT hits FROM rate_windows ORDER BY hits DESC',
    );
    // Every source is back to its first failures of a new window.
    expect(rows[0]!.hits).toBeLessThanOrEqual(2);
  });

  it('counts a key’s guesses against its place, not against the address its software shares with other places', async () => {
    // One software vendor's server redeems for many places: they all call from its address.
    const vendor = '203.0.113.250';
    const careless = await freshKey('Lieu étourdi');
    const neighbour = await placeKey(t, centreSocial);
    for (let i = 0; i < LIMIT; i++) expect((await lookUp(t.app, careless, vendor)).statusCode).toBe(404);
    expect((await lookUp(t.app, careless, vendor)).statusCode).toBe(429);
    // Another place behind the same address still has its own allowance, and is answered.
    expect((await lookUp(t.app, neighbour, vendor)).statusCode).toBe(404);
    const real = await t.app.inject({
      url: `/api/v1/passes/${validCodes[0]}`,
      headers: { authorization: `Bearer ${neighbour}` },
      remoteAddress: vendor,
    });
    expect(real.statusCode).toBe(200);
  });

  it('shares one allowance among all the keys and agents of a place: a new key brings no new guesses', async () => {
    const place = await placeOfItsOwn(t, 'Lieu aux nombreuses clés');
    const first = await placeKey(t, place);
    for (let i = 0; i < LIMIT; i++)
      expect((await lookUp(t.app, first, `192.0.2.${i + 1}`)).statusCode).toBe(404);
    // Keys made afterwards, called from other addresses: the place has used its guesses.
    for (let i = 0; i < 3; i++) {
      const res = await lookUp(t.app, await placeKey(t, place), `198.51.100.${i + 120}`);
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('rate_limited');
    }
    // Nor has an agent of the place at its desk, signed in from yet another address.
    await t.database.pool.query('INSERT INTO funder_places (funder_id, place_id) VALUES ($1, $2)', [
      c.funderId,
      place,
    ]);
    const agent = await newAccount(t, {
      funderId: c.funderId,
      email: 'agent.cles@exemple.fr',
      role: 'place_agent',
      organisationId: place,
    });
    const atDesk = await agent.request('GET', `/api/v1/passes/${generatePassCode()}?placeId=${place}`);
    expect(atDesk.statusCode).toBe(429);
    // Another place is not concerned.
    expect((await lookUp(t.app, await freshKey('Lieu voisin'), '192.0.2.1')).statusCode).toBe(404);
  });
});

describe('what counts as a guess', () => {
  it('counts an unknown code looked up again once: a repeat tells a guesser nothing new', async () => {
    const key = await freshKey('Lieu du code répété');
    const remoteAddress = '192.0.2.150';
    const same = generatePassCode();
    const lookUpCode = (server: App, code: string) =>
      server.inject({
        url: `/api/v1/passes/${code}`,
        headers: { authorization: `Bearer ${key}` },
        remoteAddress,
      });
    // Scanned again and again, on either instance, as printed or typed in small letters.
    for (let i = 0; i < LIMIT + 5; i++) {
      const res = await lookUpCode(i % 2 ? other : t.app, i % 3 ? same : same.toLowerCase());
      expect(res.statusCode, `lookup ${i + 1}`).toBe(404);
    }
    // Twenty different codes still lock the place: the repeated one counted once among them.
    for (let i = 0; i < LIMIT - 1; i++)
      expect((await lookUp(t.app, key, remoteAddress)).statusCode, `new code ${i + 1}`).toBe(404);
    expect((await lookUp(t.app, key, remoteAddress)).statusCode).toBe(429);
    // Once locked, the repeat is refused like any lookup.
    expect((await lookUpCode(t.app, same)).statusCode).toBe(429);
  });

  it('counts a code another place looked up against this place too', async () => {
    const code = generatePassCode();
    const first = await freshKey('Premier lieu du même code');
    const second = await freshKey('Second lieu du même code');
    const lookUpAs = (key: string) =>
      t.app.inject({
        url: `/api/v1/passes/${code}`,
        headers: { authorization: `Bearer ${key}` },
        remoteAddress: '192.0.2.151',
      });
    expect((await lookUpAs(first)).statusCode).toBe(404);
    expect((await lookUpAs(second)).statusCode).toBe(404);
    for (let i = 0; i < LIMIT - 1; i++) await lookUp(t.app, second, '192.0.2.151');
    expect((await lookUp(t.app, second, '192.0.2.151')).statusCode).toBe(429);
  });

  it('forgets a code refused for being over the limit: asked again in a later window, it counts', async () => {
    // Two instances: the second learns of the first's twenty guesses only at its own.
    const [first, second] = [0, 1].map(() => new GuessLimiter(t.database.db, LIMIT, 600_000));
    const sources = ['place:lieu-des-instances-oublieuses'];
    const unknown = () => Promise.reject(refusal('unknown_code'));
    for (let i = 0; i < LIMIT; i++)
      await expect(first!.guard(sources, unknown, `${sources[0]} ${i}`)).rejects.toMatchObject({
        code: 'unknown_code',
      });
    const rows = async () => (await t.database.pool.query('SELECT 1 FROM rate_windows')).rowCount;
    const before = await rows();
    await expect(second!.guard(sources, unknown, `${sources[0]} late`)).rejects.toMatchObject({
      code: 'rate_limited',
    });
    // Counted against the place, but not remembered as told.
    expect(await rows()).toBe(before);
  });

  it('tells how many unknown codes are left once five or fewer are', async () => {
    const key = await freshKey('Lieu prévenu');
    const lookUpCode = (code: string) =>
      t.app.inject({
        url: `/api/v1/passes/${code}`,
        headers: { authorization: `Bearer ${key}` },
        remoteAddress: '192.0.2.152',
      });
    const left: unknown[] = [];
    const codes = Array.from({ length: LIMIT }, () => generatePassCode());
    for (const [i, code] of codes.entries()) {
      const res = await lookUpCode(code);
      expect(res.json().code).toBe('unknown_code');
      left.push(res.json().guessesLeft);
      // The same code again counts nothing, and says the same.
      if (i === LIMIT - 3) expect((await lookUpCode(code)).json()).toMatchObject({ guessesLeft: 2 });
    }
    expect(left.slice(0, LIMIT - 6)).toEqual(Array(LIMIT - 6).fill(undefined));
    // The last, 0: the place is locked from now on.
    expect(left.slice(LIMIT - 6)).toEqual([5, 4, 3, 2, 1, 0]);
    expect((await lookUpCode(codes[0]!)).statusCode).toBe(429);
  });

  it('counts an agent’s guesses against the place and the agent, not against the address other places share', async () => {
    // Two places in one France Services, on the building's internet.
    const building = '198.51.100.240';
    const agentOf = async (name: string, email: string) => {
      const place = await placeOfItsOwn(t, name);
      await t.database.pool.query('INSERT INTO funder_places (funder_id, place_id) VALUES ($1, $2)', [
        c.funderId,
        place,
      ]);
      const agent = await newAccount(t, {
        funderId: c.funderId,
        email,
        role: 'place_agent',
        organisationId: place,
      });
      return (code: string) =>
        t.app.inject({
          url: `/api/v1/passes/${code}?placeId=${place}`,
          cookies: { pn_session: agent.cookie },
          remoteAddress: building,
        });
    };
    const careless = await agentOf('Association étourdie', 'agent.etourdi@exemple.fr');
    const neighbour = await agentOf('Association voisine', 'agent.voisin@exemple.fr');
    for (let i = 0; i < LIMIT; i++) expect((await careless(generatePassCode())).statusCode).toBe(404);
    expect((await careless(generatePassCode())).statusCode).toBe(429);
    // The other place at the same address is answered, and has its whole allowance.
    for (let i = 0; i < LIMIT; i++) {
      const res = await neighbour(generatePassCode());
      expect(res.statusCode, `neighbour's lookup ${i + 1}`).toBe(404);
    }
  });
});

describe('guessing at once', () => {
  it('answers at most the limit of 200 unknown codes sent at once from one key, the rest 429', async () => {
    const key = await freshKey('Lieu de la rafale');
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => lookUp(t.app, key, `203.0.113.${i % 200}`)),
    );
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(LIMIT);
    expect(statuses.filter((s) => s === 404).length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([404, 429]));
  });

  it('holds the limit when the burst is spread over two instances', async () => {
    const key = await freshKey('Lieu de la rafale partagée');
    const servers = [t.app, other];
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => lookUp(servers[i % 2]!, key, '198.51.100.77')),
    );
    expect(answers.filter((a) => a.statusCode !== 429).length).toBeLessThanOrEqual(LIMIT);
  });

  it('does not charge a pass that exists as a guess, even when many are checked at once', async () => {
    const key = await placeKey(t, mediatheque);
    const remoteAddress = '192.0.2.180';
    for (let i = 0; i < LIMIT - 1; i++)
      expect((await lookUp(t.app, key, remoteAddress)).statusCode).toBe(404);
    // A place checking its real passes, many at once: every one answered, none counted.
    const checks = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        t.app.inject({
          url: `/api/v1/passes/${validCodes[i % validCodes.length]}`,
          headers: { authorization: `Bearer ${key}` },
          remoteAddress,
        }),
      ),
    );
    expect(checks.map((c) => c.statusCode)).toEqual(checks.map(() => 200));
    // The twentieth unknown code is still answered; the twenty-first is not.
    expect((await lookUp(t.app, key, remoteAddress)).statusCode).toBe(404);
    expect((await lookUp(t.app, key, remoteAddress)).statusCode).toBe(429);
  });
});

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

describe('unknown API keys', () => {
  const randomKey = () =>
    `pn_${'abcdefghij'}_${Buffer.from(generatePassCode().repeat(3)).toString('base64url').slice(0, 43)}`;

  it('are limited per address: after a few, the address is told to wait, another is not', async () => {
    const tries = (remoteAddress: string) =>
      t.app.inject({
        url: `/api/v1/passes/${generatePassCode()}`,
        headers: { authorization: `Bearer ${randomKey()}` },
        remoteAddress,
      });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await tries('198.51.100.200')).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.at(-1)).toBe(429);
    const waited = await tries('198.51.100.200');
    expect(Number(waited.headers['retry-after'])).toBeGreaterThan(0);
    // The limit is per network address: « depuis cette adresse » was read as an e-mail address.
    expect(waited.json()).toMatchObject({
      code: 'rate_limited',
      detail:
        'Trop de clés d’API invalides ont été présentées depuis ce serveur ou ce réseau : patientez avant de réessayer.',
    });
    // Held when the wrong keys arrive at once, too.
    const burst = await Promise.all(Array.from({ length: 50 }, () => tries('198.51.100.201')));
    expect(burst.filter((b) => b.statusCode === 401).length).toBeLessThanOrEqual(10);
    expect((await tries('198.51.100.202')).statusCode).toBe(401);
  });

  it('never shut out a key that works, from an address a wrong one is shut out of', async () => {
    // A vendor's server, or a proxy without TRUST_PROXY, sends the calls of several places from
    // one address: one place's software still using its revoked key must not stop the others.
    const remoteAddress = '198.51.100.210';
    const wrong = () =>
      t.app.inject({
        url: `/api/v1/passes/${generatePassCode()}`,
        headers: { authorization: `Bearer ${randomKey()}` },
        remoteAddress,
      });
    for (let i = 0; i < 12; i++) await wrong();
    expect((await wrong()).statusCode).toBe(429);
    const key = await placeKey(t, mediatheque);
    const own = await t.app.inject({
      url: `/api/v1/places/${mediatheque}/redemptions`,
      headers: { authorization: `Bearer ${key}` },
      remoteAddress,
    });
    expect(own.statusCode, own.body).toBe(200);
    // The wrong keys are still told to wait.
    expect((await wrong()).statusCode).toBe(429);
  });

  it('are remembered in a bounded cache: a flood of made-up keys does not grow the memory', async () => {
    const bound = places.KEY_CACHE_SIZE;
    for (let i = 0; i < bound + 100; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) => {
          const prefix = Array.from(
            (i + j).toString(32).padStart(10, '0'),
            (d) => BASE32[parseInt(d, 32)],
          ).join('');
          return places
            .authenticateKey(t.database.db, `pn_${prefix}_${'A'.repeat(43)}`)
            .catch(() => undefined);
        }),
      );
    }
    expect(places.keyCacheSize()).toBeLessThanOrEqual(bound);
    expect(places.keyCacheSize()).toBeGreaterThan(bound / 2);
    // A real key still authenticates after the flood.
    const key = await placeKey(t, mediatheque);
    expect((await places.authenticateKey(t.database.db, key)).placeId).toBe(mediatheque);
    // Five thousand lookups of made-up prefixes: seconds alone, more on a loaded machine.
  }, 180_000);
});

describe('a redemption sent again while its place is told to wait', () => {
  it('gets the redemption it made, not 429: sending the same nonce again is no guess', async () => {
    const key = await placeKey(t, centreSocial);
    const remoteAddress = '198.51.100.230';
    const redeem = (code: string, nonce: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/redemptions',
        headers: { authorization: `Bearer ${key}` },
        // A theme the Centre social declares (demo/places.ts).
        payload: { code, nonce, theme: STANDARD_SERVICES[0], durationMinutes: 60, format: 'individual' },
        remoteAddress,
      });
    const made = await redeem(validCodes[1]!, 'nonce-avant-attente');
    expect(made.statusCode, made.body).toBe(201);
    // The place's software answer was lost; meanwhile someone at the place mistyped codes.
    for (let i = 0; i < LIMIT + 1; i++) await lookUp(t.app, key, remoteAddress);
    expect((await lookUp(t.app, key, remoteAddress)).statusCode).toBe(429);

    const again = await redeem(validCodes[1]!, 'nonce-avant-attente');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(made.json().id);
    // A new redemption, or the nonce with another code, is a lookup: it waits like the others.
    expect((await redeem(validCodes[2]!, 'nonce-pendant-attente')).statusCode).toBe(429);
    expect((await redeem(validCodes[2]!, 'nonce-avant-attente')).statusCode).toBe(429);
  });
});

describe('a mistyped code while its place is told to wait', () => {
  it('is told it is mistyped, on the check as on the redemption: a wrong check symbol costs no guess', async () => {
    const key = await freshKey('Lieu de la faute de frappe');
    const remoteAddress = '198.51.100.231';
    for (let i = 0; i < LIMIT + 1; i++) await lookUp(t.app, key, remoteAddress);
    expect((await lookUp(t.app, key, remoteAddress)).statusCode).toBe(429);
    // A valid code with one character changed: its check symbol no longer matches.
    const code = validCodes[3]!;
    const typo = `${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`;

    const checked = await t.app.inject({
      url: `/api/v1/passes/${typo}`,
      headers: { authorization: `Bearer ${key}` },
      remoteAddress,
    });
    const redeemed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/redemptions',
      headers: { authorization: `Bearer ${key}` },
      payload: {
        code: typo,
        nonce: 'faute-de-frappe-1',
        theme: STANDARD_SERVICES[1],
        durationMinutes: 60,
        format: 'individual',
      },
      remoteAddress,
    });
    for (const res of [checked, redeemed]) {
      expect([res.statusCode, res.json().code], res.body).toEqual([422, 'malformed_code']);
      expect(res.json().errors).toEqual([{ field: 'code', message: REFUSAL_MESSAGES.malformed_code }]);
    }
  });
});
