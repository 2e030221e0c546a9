import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate, frenchDate } from '../../core/dates.js';
import { formatBookletSerial } from '../../core/pass-code.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { newAccount } from '../../test/accounts.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets, personOf } from '../../test/circulation.js';

let t: TestApp;
let c: Circulation;
let place: Client;
let mediatheque: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  place = await signIn(t.app, 'lieu@hautsdefrance.test');
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
});
afterAll(() => t.close());

const balances = async () =>
  (await c.funder.request('GET', `/api/v1/programs/${c.programId}/finance`)).json().balances;

const redeem = (code: string, nonce: string) =>
  place.request('POST', '/api/v1/redemptions', {
    placeId: mediatheque,
    code,
    nonce,
    theme: STANDARD_SERVICES[0],
    durationMinutes: 60,
    format: 'individual',
  });

describe('a lost or stolen booklet', () => {
  it('is blocked at once: its unused passes stop working and their value is cancelled', async () => {
    const { serials, codes, prescriber } = await handedOutBooklets(t, c, 1);
    expect((await redeem(codes[0]!, 'before-the-loss')).statusCode).toBe(201);
    const before = await balances();

    const stranger = await signIn(t.app, 'financeur@pasdecalais.test');
    expect(
      (await stranger.request('POST', `/api/v1/booklets/${serials[0]}/block`, { reason: 'lost' })).statusCode,
    ).toBe(404);

    const blocked = await prescriber.request('POST', `/api/v1/booklets/${serials[0]}/block`, {
      reason: 'stolen',
    });
    expect(blocked.statusCode).toBe(200);
    expect(blocked.json()).toEqual({
      serial: serials[0],
      status: 'blocked',
      cancelledPasses: codes.length - 1,
    });

    const refused = await redeem(codes[1]!, 'after-the-loss');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('blocked');
    const used = await place.request('GET', `/api/v1/passes/${codes[0]}?placeId=${mediatheque}`);
    expect(used.json().status).toBe('already_redeemed');

    const after = await balances();
    expect(after.cancelledCents - before.cancelledCents).toBe((codes.length - 1) * 1000);
    expect(before.outstandingCents - after.outstandingCents).toBe((codes.length - 1) * 1000);
    const again = await prescriber.request('POST', `/api/v1/booklets/${serials[0]}/block`, {
      reason: 'lost',
    });
    expect(again.json().code).toBe('booklet_blocked');
  });

  it('is replaced by a booklet of the prescriber’s stock, for the same person, once', async () => {
    const { serials, prescriber, missionLocale } = await handedOutBooklets(t, c, 1);
    await prescriber.request('POST', `/api/v1/booklets/${serials[0]}/block`, { reason: 'lost' });
    const stock = (await prescriber.request('GET', `/api/v1/organisations/${missionLocale}/stock`)).json();
    const spare = stock.booklets.find((b: { programId: string }) => b.programId === c.programId).serial;

    const replaced = await prescriber.request('POST', `/api/v1/organisations/${missionLocale}/replacements`, {
      blockedSerial: serials[0],
      serial: spare,
    });
    expect(replaced.statusCode).toBe(201);
    expect(replaced.json()).toMatchObject({
      serial: spare,
      replacesSerial: serials[0],
      validUntil: '2027-12-31',
    });
    const owners = await t.database.pool.query(
      'SELECT DISTINCT beneficiary_id FROM booklets WHERE serial = ANY($1)',
      [[serials[0], spare]],
    );
    expect(owners.rows).toHaveLength(1);

    const twice = await prescriber.request('POST', `/api/v1/organisations/${missionLocale}/replacements`, {
      blockedSerial: serials[0],
      serial: stock.booklets[1].serial,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('booklet_already_replaced');
  });

  it('is named as blocked, then as replaced, when the desk tries a new hand-out to the same person', async () => {
    const { serials, prescriber, missionLocale } = await handedOutBooklets(t, c, 1);
    const person = personOf(serials[0]!);
    await prescriber.request('POST', `/api/v1/booklets/${serials[0]}/block`, { reason: 'lost' });
    const stock = async () =>
      (await prescriber.request('GET', `/api/v1/organisations/${missionLocale}/stock`))
        .json()
        .booklets.filter((b: { programId: string }) => b.programId === c.programId)
        .map((b: { serial: string }) => b.serial);
    const [spare, other] = await stock();
    const handOut = (serial: string) =>
      prescriber.request('POST', `/api/v1/organisations/${missionLocale}/hand-outs`, {
        serial,
        beneficiary: person,
      });
    // A new hand-out is not the way: the desk is told the booklet is blocked, and to replace it.
    const refused = await handOut(spare);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('beneficiary_allowance_reached');
    expect(refused.json().detail).toMatch(
      new RegExp(
        // Dates written as the table under the message writes them (« 6 décembre 2026 », not 06/12/2026).
        `carnet ${serials[0]} remis le .*, bloqué le ${frenchDate(businessDate())} : remettez-lui plutôt un carnet de remplacement`,
      ),
    );
    expect(refused.json().earlierHandOuts).toEqual([
      expect.objectContaining({ serial: serials[0], blockedOn: businessDate(), replacedBy: null }),
    ]);
    // Replaced: the refusal names the booklet the person holds now.
    const replaced = await prescriber.request('POST', `/api/v1/organisations/${missionLocale}/replacements`, {
      blockedSerial: serials[0],
      serial: spare,
    });
    expect(replaced.statusCode, replaced.body).toBe(201);
    const again = await handOut(other);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(new RegExp(`bloqué le .* et remplacé par le carnet ${spare}`));
    expect(again.json().detail).not.toMatch(/remettez-lui plutôt/);
    expect(again.json().earlierHandOuts).toEqual([
      expect.objectContaining({ serial: serials[0], replacedBy: spare }),
    ]);
  });

  it('is blocked by the prescriber that holds it or handed it out, or by a funder admin; not by others', async () => {
    const { serials } = await handedOutBooklets(t, c, 2);
    const franceTravail = c.organisations['France Travail Lille Centre']!;
    const neighbour = await newAccount(t, {
      funderId: c.funderId,
      email: 'agent@francetravail.test',
      role: 'prescriber_agent',
      organisationId: franceTravail,
    });
    const block = (who: Client, serial: string) =>
      who.request('POST', `/api/v1/booklets/${serial}/block`, { reason: 'lost' });

    // Serials are sequential: another prescriber's booklets are not found, in hand or in stock,
    // answered word for word as a serial that no booklet bears.
    const notTheirs = await block(neighbour, serials[0]!);
    expect(notTheirs.statusCode).toBe(404);
    const none = await block(neighbour, formatBookletSerial('C99999', 21));
    expect(none.statusCode).toBe(404);
    expect(notTheirs.json()).toEqual(none.json());
    // Not « no booklet bears this number », which sent the agent to reread a cover rightly read.
    expect(notTheirs.json().errors).toEqual([
      {
        field: 'serial',
        message:
          'Ce carnet n’est ni dans le stock de votre structure ni parmi les carnets qu’elle a remis. Vérifiez son numéro sur la couverture ; s’il est juste, il se bloque auprès de la structure qui l’a remis, ou du financeur.',
      },
    ]);
    const pasDeCalais = await signIn(t.app, 'financeur@pasdecalais.test');
    const otherFunder = await block(pasDeCalais, serials[0]!);
    expect(otherFunder.statusCode).toBe(404);
    expect(otherFunder.json()).toEqual((await block(pasDeCalais, formatBookletSerial('C99999', 21))).json());
    const held = await t.database.pool.query(
      "SELECT serial FROM booklets WHERE holder_id = $1 AND status = 'allocated' ORDER BY serial LIMIT 1",
      [franceTravail],
    );
    const theirs = held.rows[0].serial;
    const missionLocale = await signIn(t.app, 'prescripteur@hautsdefrance.test');
    expect((await block(missionLocale, theirs)).statusCode).toBe(404);

    // Roles of the funder that never block are refused.
    for (const email of ['lecteur@hautsdefrance.test', 'benevole@hautsdefrance.test']) {
      const res = await block(await signIn(t.app, email), serials[0]!);
      expect(res.statusCode, email).toBe(403);
    }

    expect((await block(neighbour, theirs)).statusCode).toBe(200);
    expect((await block(missionLocale, serials[0]!)).statusCode).toBe(200);
    expect((await block(c.funder, serials[1]!)).statusCode).toBe(200);
    const blocked = await t.database.pool.query(
      "SELECT serial FROM booklets WHERE serial = ANY($1) AND status = 'blocked'",
      [[serials[0], serials[1], theirs]],
    );
    expect(blocked.rows).toHaveLength(3);
  });
});
