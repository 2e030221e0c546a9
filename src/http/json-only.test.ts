import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_SERVICES } from '../core/session.js';
import { startTestApp, type TestApp } from '../test/app.js';
import { demoCampaign, handedOutBooklets, placeKey } from '../test/circulation.js';

/*
 * A place's software sends JSON in UTF-8. A JSON body labelled text/plain was read as one string
 * and refused as « Objet attendu, texte reçu » at the field `body`; one labelled
 * charset=iso-8859-1 was read as UTF-8 all the same, its accents wrong, and its theme refused
 * as unknown. Both say now what is wrong: the type of content.
 */
let t: TestApp;
let key: string;
let code: string;
/** A second pass, for the redemption the empty body's test cancels. */
let spare: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const c = await demoCampaign(t);
  key = await placeKey(t, c.organisations['Médiathèque Louis Aragon']!);
  [code, spare] = (await handedOutBooklets(t, c, 2)).codes as [string, string];
});
afterAll(() => t.close());

const redeem = (contentType: string, payload: string | Buffer) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/redemptions',
    headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
    payload,
  });

describe('the type of a body', () => {
  const bodyOf = () => ({
    code,
    nonce: 'json-only-1',
    theme: STANDARD_SERVICES[1],
    durationMinutes: 60,
    format: 'individual',
  });

  it('is JSON: text/plain is refused as a type of content, not as a field', async () => {
    const res = await redeem('text/plain', JSON.stringify(bodyOf()));
    expect([res.statusCode, res.json().code]).toEqual([415, 'fst_err_ctp_invalid_media_type']);
  });

  it('is UTF-8: JSON in another charset is refused, not read wrong', async () => {
    const res = await redeem(
      'application/json; charset=iso-8859-1',
      Buffer.from(JSON.stringify(bodyOf()), 'latin1'),
    );
    expect([res.statusCode, res.json().code]).toEqual([415, 'fst_err_ctp_invalid_media_type']);
    expect(res.json().detail).toContain('UTF-8');
    // Nothing was recorded: the same request in UTF-8 redeems the pass.
    const ok = await redeem('application/json; charset=UTF-8', JSON.stringify(bodyOf()));
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('is UTF-8 whatever its label says: Latin-1 bytes unlabelled are refused, not turned into « � »', async () => {
    // é and è in Latin-1 are not UTF-8: read as UTF-8 both became U+FFFD, so that two nonces
    // (« caisse-été » and « caisse-èté ») were one, and a theme with an accent was unknown.
    for (const contentType of ['application/json', 'application/json; charset=utf-8']) {
      const res = await redeem(
        contentType,
        Buffer.from(JSON.stringify({ ...bodyOf(), nonce: 'caisse-été-0001' }), 'latin1'),
      );
      expect([res.statusCode, res.json().code], res.body).toEqual([415, 'fst_err_ctp_invalid_media_type']);
      expect(res.json().detail).toContain('UTF-8');
    }
    const rows = await t.database.pool.query("SELECT 1 FROM redemptions WHERE nonce LIKE 'caisse-%'");
    expect(rows.rowCount).toBe(0);
  });

  it('names a key that reaches a prototype instead of calling valid JSON invalid', async () => {
    // Fastify refuses `__proto__` (prototype poisoning) as it refuses broken JSON: a vendor
    // told « pas un JSON valide » of a body any validator accepts could not tell why.
    const body = `{"__proto__": {"admin": true}, ${JSON.stringify(bodyOf()).slice(1)}`;
    const res = await redeem('application/json', body);
    expect([res.statusCode, res.json().code]).toEqual([400, 'fst_err_ctp_invalid_json_body']);
    expect(res.json().detail).toContain('« __proto__ »');
    const broken = await redeem('application/json', '{"code": ');
    expect(broken.json().detail).toBe("Le corps de la requête n'est pas un JSON valide.");
  });
});

describe('an empty body labelled JSON', () => {
  it('is no body on a route that takes none: many clients send the header anyway', async () => {
    const body = { code: spare, nonce: 'json-only-empty', theme: STANDARD_SERVICES[1], durationMinutes: 60 };
    const made = await redeem('application/json', JSON.stringify({ ...body, format: 'individual' }));
    expect(made.statusCode, made.body).toBe(201);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/redemptions/${made.json().id}/cancel`,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().cancelledAt).toEqual(expect.any(String));
  });

  it('is said to be empty on a route that takes a body', async () => {
    const res = await redeem('application/json', '');
    expect([res.statusCode, res.json().code]).toEqual([400, 'fst_err_ctp_empty_json_body']);
    expect(res.json().detail).toBe('Le corps de la requête est vide : envoyez un objet JSON.');
  });
});
