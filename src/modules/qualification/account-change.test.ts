import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate, frenchDate } from '../../core/dates.js';
import { formatEuros } from '../../core/money.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { render } from '../notifications/templates/index.js';

/*
 * A place changes its bank account while a transfer to it waits in an approved run: the run pays
 * the account it was prepared and approved with (payments/runs.ts), so that transfer still goes
 * to the former account. The place's admins were told « Les prochains paiements des financeurs
 * seront versés sur ce compte », and the funder learnt nothing. Now both are told which transfer
 * goes where.
 */
let t: TestApp;
let centreAdmin: Client;
let centre: string;
let held: { amountCents: number; approvedOn: string };

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  // The demo's Centre social Arras Ouest: its account ends in 0143, its statements in a run the
  // Region's admin approved and has not sent (demo/payments.ts).
  centreAdmin = await signIn(t.app, 'mediateur@hautsdefrance.test');
  centre = centreAdmin.session.memberships.find((m) => m.role === 'place_admin')!.organisationId!;
  const { rows } = await t.database.pool.query(
    `SELECT t.amount_cents::int AS "amountCents", r.approved_at AS "approvedAt"
       FROM payment_transfers t JOIN payment_runs r ON r.id = t.run_id
      WHERE t.place_id = $1 AND r.status = 'approved'`,
    [centre],
  );
  expect(rows).toHaveLength(1);
  held = { amountCents: rows[0].amountCents, approvedOn: businessDate(rows[0].approvedAt) };
}, 60_000);
afterAll(async () => t?.close());

async function outbox(template: string, since: Date) {
  const { rows } = await t.database.pool.query(
    `SELECT recipient, params FROM notification_outbox WHERE template = $1 AND created_at >= $2
      ORDER BY recipient`,
    [template, since],
  );
  return rows.map((r) => ({
    recipient: r.recipient as string,
    mail: render(template as never, r.params as never, { publicUrl: 'https://pass.example.gouv.fr' }),
  }));
}

describe('a new bank account asks for the password of the person recording it', () => {
  it('refuses a missing or wrong password, naming the field, counted as a failed sign-in, and records nothing', async () => {
    const url = `/api/v1/places/${centre}/applications/bank-accounts`;
    const account = {
      iban: 'FR76 3000 4000 0312 3456 7890 143',
      bic: 'BNPAFRPP',
      holder: 'Centre social Arras Ouest',
    };
    const before = (await centreAdmin.request('GET', url)).json();
    const missing = await centreAdmin.request('POST', url, account);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(['currentPassword']);
    const failedBefore = await signInFailures();
    const wrong = await centreAdmin.request('POST', url, {
      ...account,
      currentPassword: 'pas le bon mot de passe',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors).toEqual([
      { field: 'currentPassword', message: expect.stringMatching(/^Mot de passe incorrect/) },
    ]);
    // Counted towards the lock, as a failed sign-in is: a stolen session cannot guess it at leisure.
    expect(await signInFailures()).toBe(failedBefore + 1);
    expect((await centreAdmin.request('GET', url)).json()).toEqual(before);
  });
});

async function signInFailures(): Promise<number> {
  const { rows } = await t.database.pool.query(
    `SELECT count(*)::int AS n FROM audit_entries e JOIN users u ON u.id::text = e.object_id
      WHERE e.action = 'auth.sign_in_failed' AND u.email = 'mediateur@hautsdefrance.test'`,
  );
  return rows[0].n;
}

describe('a place’s new bank account while a transfer to it is approved', () => {
  it('says which transfer still goes to the former account: on the page, to the place’s and the funder’s admins', async () => {
    const since = new Date();
    const res = await centreAdmin.request('POST', `/api/v1/places/${centre}/applications/bank-accounts`, {
      iban: 'FR76 3000 6000 0112 3456 7890 189',
      bic: 'AGRIFRPP',
      holder: 'Centre social Arras Ouest',
      currentPassword: DEMO_PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(201);
    // The page's confirmation: the transfer, its funder, its state and the former account's end.
    expect(res.json().formerAccountTransfers).toEqual([
      {
        funderName: 'Région Hauts-de-France',
        amountCents: held.amountCents,
        state: 'approved',
        since: held.approvedOn,
        formerIbanEnd: '0143',
      },
    ]);

    const [place] = await outbox('safeguard_changed', since);
    expect(place!.recipient).toBe('mediateur@hautsdefrance.test');
    const amount = formatEuros(held.amountCents);
    expect(place!.mail.text).toContain(
      `${amount} de Région Hauts-de-France, déjà approuvé le ${frenchDate(held.approvedOn)}, sera versé sur l’ancien compte se terminant par 0143.`,
    );
    expect(place!.mail.text).not.toContain(
      'Les prochains paiements des financeurs seront versés sur ce compte',
    );
    expect(place!.mail.text).toContain('Les paiements suivants seront versés sur ce compte.');

    // The Region's admin, who can still cancel the run and prepare another.
    const funder = await outbox('place_account_changed', since);
    expect(funder.map((m) => m.recipient)).toEqual(['financeur@hautsdefrance.test']);
    expect(funder[0]!.mail.subject).toBe('Compte bancaire d’un lieu modifié – Centre social Arras Ouest');
    expect(funder[0]!.mail.text).toContain(
      `Le virement de ${amount} à Centre social Arras Ouest, dans un lot approuvé le ${frenchDate(held.approvedOn)}, sera versé sur l’ancien compte se terminant par 0143`,
    );
    expect(funder[0]!.mail.text).toContain('annulez le lot et préparez-en un autre');
    // The link names the funder: an operator under mandate for two opens the right one's runs.
    const { rows } = await t.database.pool.query(
      `SELECT id FROM funders WHERE name = 'Région Hauts-de-France'`,
    );
    expect(funder[0]!.mail.text).toContain(
      `https://pass.example.gouv.fr/financeur/paiements?financeur=${rows[0].id}`,
    );
  });

  it('says nothing of the kind when no transfer waits, and tells no funder', async () => {
    const since = new Date();
    const mediathequeAdmin = await signIn(t.app, 'lieu@hautsdefrance.test');
    const mediatheque = mediathequeAdmin.session.memberships.find((m) => m.role === 'place_admin')!
      .organisationId!;
    const res = await mediathequeAdmin.request(
      'POST',
      `/api/v1/places/${mediatheque}/applications/bank-accounts`,
      {
        iban: 'FR76 3000 6000 0112 3456 7890 189',
        bic: 'AGRIFRPP',
        holder: 'Médiathèque Louis Aragon',
        currentPassword: DEMO_PASSWORD,
      },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().formerAccountTransfers).toEqual([]);
    const [place] = await outbox('safeguard_changed', since);
    expect(place!.mail.text).toContain('Les prochains paiements des financeurs seront versés sur ce compte.');
    expect(await outbox('place_account_changed', since)).toEqual([]);
  });
});
