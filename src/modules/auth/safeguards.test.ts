import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { render } from '../notifications/templates/index.js';
import { tellAdmins } from './safeguards.js';
import { actorByEmail } from './service.js';

/*
 * What protects the money changes: the four-eyes rule on payment runs, the funder's account
 * that pays, a place's account that is paid. One admin could change any of them alone, and the
 * others learnt it only by reading the journal. Each change is now told by e-mail to every admin
 * of the funder or the place, the one who made it included (if their account was taken over,
 * its owner learns it), in the transaction of the change.
 */
let t: TestApp;
let julie: Client;
let pdc: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  // Pas-de-Calais has two admins: Julie Lefebvre and Nadia Roussel (an operator).
  julie = await signIn(t.app, 'financeur@pasdecalais.test');
  pdc = julie.session.memberships[0]!.funderId!;
}, 60_000);
afterAll(async () => t?.close());

type Notice = { recipient: string; params: Record<string, string>; funder_id: string | null };

/** The safeguard notices written since `since`, in order. */
async function noticesSince(since: Date): Promise<Notice[]> {
  const { rows } = await t.database.pool.query(
    `SELECT recipient, params, funder_id FROM notification_outbox
      WHERE template = 'safeguard_changed' AND created_at >= $1 ORDER BY created_at, recipient`,
    [since],
  );
  return rows;
}

const textOf = (n: Notice) =>
  render('safeguard_changed', n.params as never, { publicUrl: 'https://pass.example.gouv.fr' });

describe('a safeguard of the money changed', () => {
  it('tells both admins of the funder when one turns the four-eyes rule off, then on, naming who', async () => {
    const since = new Date();
    const off = await julie.request('PATCH', `/api/v1/funders/${pdc}/settings`, { fourEyes: false });
    expect(off.statusCode, off.body).toBe(200);
    const told = await noticesSince(since);
    expect(told.map((n) => n.recipient)).toEqual(['financeur@pasdecalais.test', 'operateur@mandataire.test']);
    expect(told.every((n) => n.funder_id === pdc)).toBe(true);
    const mail = textOf(told[1]!);
    expect(mail.subject).toBe('Règle des quatre yeux désactivée – Département du Pas-de-Calais');
    expect(mail.text).toContain('Julie Lefebvre a désactivé la règle des quatre yeux');
    expect(mail.text).toContain('préparer et approuver seul un lot de paiement');
    // The operator acts for two funders: the link opens the settings of this one.
    expect(mail.text).toContain(`https://pass.example.gouv.fr/financeur/parametres?financeur=${pdc}`);

    const again = new Date();
    const on = await julie.request('PATCH', `/api/v1/funders/${pdc}/settings`, { fourEyes: true });
    expect(on.statusCode, on.body).toBe(200);
    const back = await noticesSince(again);
    expect(back).toHaveLength(2);
    expect(textOf(back[0]!).text).toContain('Julie Lefebvre a rétabli la règle des quatre yeux');
    // Saving the settings without changing the rule tells nobody.
    const same = new Date();
    await julie.request('PATCH', `/api/v1/funders/${pdc}/settings`, { fourEyes: true });
    expect(await noticesSince(same)).toEqual([]);
  });

  it('tells the funder’s admins its paying account changed, showing only the end of the new IBAN', async () => {
    const since = new Date();
    const res = await julie.request('PATCH', `/api/v1/funders/${pdc}/settings`, {
      bankAccount: { iban: 'FR76 1007 1590 0000 0010 0123 486', bic: 'AGRIFRPP', holder: 'Département 62' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const told = await noticesSince(since);
    expect(told).toHaveLength(2);
    const mail = textOf(told[0]!);
    expect(mail.subject).toBe('Compte bancaire modifié – Département du Pas-de-Calais');
    expect(mail.text).toContain('IBAN se terminant par 3486');
    expect(mail.text).not.toContain('3456 7890');
    expect(JSON.stringify(told[0]!.params)).not.toContain('FR76');
  });

  it('tells a place’s admins its account changed; a refused IBAN changes nothing and tells nobody', async () => {
    const placeAdmin = await signIn(t.app, 'lieu@hautsdefrance.test');
    const placeId = placeAdmin.session.memberships.find((m) => m.role === 'place_admin')!.organisationId!;
    const url = `/api/v1/places/${placeId}/applications/bank-accounts`;
    const refusedAt = new Date();
    const bad = await placeAdmin.request('POST', url, {
      iban: 'FR76 1010 7001 0112 3456 7890 128',
      bic: 'BREDFRPP',
      holder: 'Médiathèque Louis Aragon',
      currentPassword: DEMO_PASSWORD,
    });
    expect(bad.statusCode).toBe(422);
    expect(await noticesSince(refusedAt)).toEqual([]);

    // Another account than the demo's (which ends in 0129): the same one sent again changes nothing.
    const since = new Date();
    const res = await placeAdmin.request('POST', url, {
      iban: 'FR76 3000 6000 0112 3456 7890 189',
      bic: 'AGRIFRPP',
      holder: 'Médiathèque Louis Aragon',
      currentPassword: DEMO_PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(201);
    const told = await noticesSince(since);
    expect(told.map((n) => n.recipient)).toContain('lieu@hautsdefrance.test');
    const mail = textOf(told[0]!);
    expect(mail.subject).toBe('Compte bancaire modifié – Médiathèque Louis Aragon');
    expect(mail.text).toContain('IBAN se terminant par 0189');
    expect(mail.text).toContain('Les prochains paiements des financeurs seront versés sur ce compte');
    expect(mail.text).toContain('https://pass.example.gouv.fr/lieu/qualification');
  });

  // The operator invites to a funder only when none of its admins can act (auth/service.ts):
  // should one have joined meanwhile, she learns who was invited, and where to see it.
  it('tells the funder’s admins whom the platform’s operator invited', async () => {
    const operator = (await actorByEmail(t.database.db, 'admin@pass-numerique.test'))!;
    const since = new Date();
    const told = await t.database.db.transaction((tx) =>
      tellAdmins(tx, { funderId: pdc }, 'Département du Pas-de-Calais', operator, {
        change: 'operator_invitation',
        invitedEmail: 'nouvelle@exemple.fr',
        roleLabel: 'administrateur du financeur',
      }),
    );
    expect(told).toBe(2);
    const [first] = await noticesSince(since);
    const mail = textOf(first!);
    expect(mail.subject).toBe(
      'Invitation envoyée par l’opérateur de la plateforme – Département du Pas-de-Calais',
    );
    expect(mail.text).toContain(
      'de l’équipe qui gère la plateforme, a invité nouvelle@exemple.fr comme administrateur du financeur de Département du Pas-de-Calais',
    );
    expect(mail.text).toContain(`https://pass.example.gouv.fr/financeur/equipe?financeur=${pdc}`);
  });
});
