import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_SERVICES } from '../../core/session.js';
import { newAccount } from '../../test/accounts.js';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import {
  CAMPAIGN,
  type Circulation,
  demoCampaign,
  handedOutBooklets,
  placeKey,
} from '../../test/circulation.js';
import { render } from '../notifications/templates/index.js';
import type { TemplateParams } from '../notifications/templates/types.js';

/**
 * Issue 11, points 3 and 4: a funder's decisions on a place, programme by programme, recorded
 * and never edited; a suspended place is refused with place_suspended; a place added by a
 * second funder with the same SIRET is the same place.
 */
let t: TestApp;
let c: Circulation;
let codes: string[];
let key: string;
let mediatheque: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  mediatheque = c.organisations['Médiathèque Louis Aragon']!;
  ({ codes } = await handedOutBooklets(t, c, 1));
  key = await placeKey(t, mediatheque);
});
afterAll(() => t.close());

let nonces = 0;
const redeem = (code: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/redemptions',
    headers: { authorization: `Bearer ${key}` },
    payload: {
      code,
      nonce: `decisions-${nonces++}`,
      theme: STANDARD_SERVICES[1],
      durationMinutes: 60,
      format: 'individual',
    },
  });
const decide = (placeId: string, body: Record<string, unknown>) =>
  c.funder.request('POST', `/api/v1/programs/${c.programId}/places/${placeId}/decisions`, body);

describe("a funder's decisions on a place", () => {
  it('asks a reason for all but an approval, naming the field', async () => {
    const res = await decide(mediatheque, { decision: 'suspended' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
  });

  it('suspends a place: its redemptions are refused with place_suspended until it is reinstated', async () => {
    expect(
      (await decide(mediatheque, { decision: 'suspended', reason: 'Contrôle en cours' })).statusCode,
    ).toBe(201);
    const refused = await redeem(codes[0]!);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'place_suspended' });
    const check = await t.app.inject({
      url: `/api/v1/passes/${codes[1]}`,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(check.json()).toMatchObject({ status: 'place_suspended' });

    // Nothing moved: the pass is still there to redeem once the place is reinstated.
    expect((await decide(mediatheque, { decision: 'reinstated', reason: 'Contrôle levé' })).statusCode).toBe(
      201,
    );
    expect((await redeem(codes[0]!)).statusCode).toBe(201);
  });

  it('refuses a decision that does not follow from the standing, and records nothing', async () => {
    const res = await decide(mediatheque, { decision: 'approved' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'invalid_decision' });
    expect(res.json().detail).toContain('déjà qualifié');
    // A place the funder has added but not yet qualified cannot be suspended.
    const added = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/places`, {
      name: 'Point numérique de la gare',
      siret: '21570408700026',
      communeCode: '62041',
    });
    expect(added.statusCode, added.body).toBe(201);
    const early = await decide(added.json().id, { decision: 'suspended', reason: 'Contrôle' });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe(
      'Décision impossible : le lieu « Point numérique de la gare » n’est pas qualifié pour ce dispositif.',
    );
  });

  it('shows the history to the funder and to the place, with the reasons', async () => {
    const page = await c.funder.request('GET', `/api/v1/funders/${c.funderId}/places/${mediatheque}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().decisions.map((d: { decision: string }) => d.decision)).toEqual([
      'approved',
      'suspended',
      'reinstated',
    ]);
    expect(page.json().programs).toEqual([
      expect.objectContaining({ programId: c.programId, standing: 'approved' }),
    ]);

    const placeAdmin = await signIn(t.app, 'lieu@hautsdefrance.test');
    const own = await placeAdmin.request('GET', `/api/v1/places/${mediatheque}/decisions`);
    expect(own.json()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          decision: 'suspended',
          reason: 'Contrôle en cours',
          funderName: 'Région Hauts-de-France',
        }),
      ]),
    );
    const programs = await placeAdmin.request('GET', `/api/v1/places/${mediatheque}/programs`);
    expect(programs.json()).toEqual([
      expect.objectContaining({ programId: c.programId, standing: 'approved' }),
    ]);
  });
});

describe('what the place’s admins are told of each decision', () => {
  type Sent = { recipient: string; params: TemplateParams['qualification_decision'] };
  /** The decision messages about the Médiathèque, in the order they were enqueued. */
  async function sent(): Promise<Sent[]> {
    const { rows } = await t.database.pool.query(
      `SELECT recipient, params FROM notification_outbox
        WHERE template = 'qualification_decision' AND params->>'placeId' = $1 ORDER BY created_at`,
      [mediatheque],
    );
    return rows;
  }
  const textOf = (m: Sent) =>
    render('qualification_decision', m.params, { publicUrl: 'https://pass.test' }).text;

  it('writes to each admin of the place (not its agents) at the suspension and the reinstatement, with the reason', async () => {
    // The demo's approval came before, as the place was set up.
    const [suspension, reinstatement, ...more] = (await sent()).filter(
      (m) => m.params.decision !== 'approved',
    );
    expect(more).toEqual([]);
    expect(suspension).toMatchObject({
      recipient: 'lieu@hautsdefrance.test',
      params: { decision: 'suspended', reason: 'Contrôle en cours', funderName: 'Région Hauts-de-France' },
    });
    expect(suspension!.params.programName).toMatch(CAMPAIGN);
    const suspended = textOf(suspension!);
    expect(suspended).toContain('Région Hauts-de-France a suspendu Médiathèque Louis Aragon');
    expect(suspended).toContain('Motif : Contrôle en cours');
    // What it may still do: what it recorded is paid; nothing more until it is reinstated.
    expect(suspended).toContain('Les séances déjà enregistrées restent dues');
    expect(suspended).toContain(`/lieu/qualification?lieu=${mediatheque}`);
    expect(reinstatement).toMatchObject({
      recipient: 'lieu@hautsdefrance.test',
      params: { decision: 'reinstated', reason: 'Contrôle levé' },
    });
    expect(textOf(reinstatement!)).toContain('peut de nouveau encaisser les pass');
  });

  it('writes at a withdrawal what the place may still do; a decision refused writes nothing', async () => {
    const before = (await sent()).length;
    const withdrawn = await decide(mediatheque, { decision: 'revoked', reason: 'Fermeture du lieu' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(201);
    const [message, ...more] = (await sent()).slice(before);
    expect(more).toEqual([]);
    expect(message).toMatchObject({
      recipient: 'lieu@hautsdefrance.test',
      params: { decision: 'revoked', reason: 'Fermeture du lieu', placeName: 'Médiathèque Louis Aragon' },
    });
    const text = textOf(message!);
    expect(text).toContain('Région Hauts-de-France a retiré à Médiathèque Louis Aragon sa qualification');
    expect(text).toContain('Motif : Fermeture du lieu');
    expect(text).toContain('Les séances déjà enregistrées restent dues');
    expect(text).toContain('ne peut plus encaisser les pass');
    // A decision refused records no message.
    expect((await decide(mediatheque, { decision: 'suspended', reason: 'Contrôle' })).statusCode).toBe(409);
    expect(await sent()).toHaveLength(before + 1);
  });
});

describe('a refusal answers an application', () => {
  const NO_APPLICATION =
    'Ce lieu n’a pas demandé à rejoindre ce dispositif : il n’y a pas de candidature à refuser.';
  /** The decision e-mails enqueued about a place. */
  const mails = async (placeId: string) =>
    (
      await t.database.pool.query(
        `SELECT count(*)::int AS n FROM notification_outbox
          WHERE template = 'qualification_decision' AND params->>'placeId' = $1`,
        [placeId],
      )
    ).rows[0].n as number;

  it('is refused to a funder whose roster took a place that never applied, and e-mails nobody', async () => {
    // The Pays de Verdun takes another funder's place, shared in the directory, onto its roster.
    const verdun = await signIn(t.app, 'financeur@paysdeverdun.test');
    const verdunId = verdun.session.memberships[0]!.funderId!;
    const [verdunProgram] = (await verdun.request('GET', `/api/v1/funders/${verdunId}/programs`)).json();
    const ouest = c.organisations['Centre social Arras Ouest']!;
    expect((await verdun.request('PUT', `/api/v1/funders/${verdunId}/places/${ouest}`, {})).statusCode).toBe(
      200,
    );
    const before = await mails(ouest);
    for (let i = 0; i < 2; i++) {
      const res = await verdun.request(
        'POST',
        `/api/v1/programs/${verdunProgram.id}/places/${ouest}/decisions`,
        { decision: 'refused', reason: 'Confirmez vos coordonnées bancaires sur https://evil.example/rib' },
      );
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'no_application_to_refuse',
        detail: NO_APPLICATION,
        errors: [{ field: 'decision', message: NO_APPLICATION }],
      });
    }
    expect(await mails(ouest)).toBe(before);
    const { rows } = await t.database.pool.query(
      'SELECT count(*)::int AS n FROM place_qualifications WHERE place_id = $1 AND program_id = $2',
      [ouest, verdunProgram.id],
    );
    expect(rows[0].n).toBe(0);
    // Its programme is over: it takes no new place, approved no more than refused.
    const approved = await verdun.request(
      'POST',
      `/api/v1/programs/${verdunProgram.id}/places/${ouest}/decisions`,
      { decision: 'approved' },
    );
    expect(approved.statusCode, approved.body).toBe(409);
    expect(approved.json()).toMatchObject({
      code: 'program_closed_to_applications',
      errors: [{ field: 'decision' }],
    });
    expect(approved.json().detail).toContain('il ne prend plus de nouveaux lieux');
  });

  it('refuses a pending application once, and again only after the place applies anew', async () => {
    const fablab = c.organisations['Fab-lab de Beauvais']!;
    const published = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/questionnaire`, {
      passMark: 0,
      questions: [{ label: 'Le lieu accueille-t-il du public ?', kind: 'yes_no', yesPoints: 1, noPoints: 0 }],
    });
    expect(published.statusCode, published.body).toBe(201);
    const admin = await newAccount(t, {
      funderId: c.funderId,
      email: 'direction@fablab-refus.test',
      role: 'place_admin',
      organisationId: fablab,
    });
    const apply = () =>
      admin.request('POST', `/api/v1/places/${fablab}/applications`, {
        programId: c.programId,
        questionnaireVersion: published.json().version,
        answers: [{ questionId: 'q1', choiceId: 'oui' }],
      });
    const refuse = (reason: string) => decide(fablab, { decision: 'refused', reason });

    // Nothing to refuse before it applies.
    expect((await refuse('Trop tôt')).json().code).toBe('no_application_to_refuse');
    expect((await apply()).statusCode).toBe(201);
    const before = await mails(fablab);
    expect((await refuse('Pas de médiateur')).statusCode).toBe(201);
    expect(await mails(fablab)).toBe(before + 1);
    // The same refusal again: the application was answered, nothing is recorded or sent.
    const twice = await refuse('Pas de médiateur');
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'no_application_to_refuse', errors: [{ field: 'decision' }] });
    expect(await mails(fablab)).toBe(before + 1);

    // The place may apply again, and the funder answer it again.
    expect((await apply()).statusCode).toBe(201);
    expect((await refuse('Toujours pas de médiateur')).statusCode).toBe(201);
    expect(await mails(fablab)).toBe(before + 2);
    const history = (await admin.request('GET', `/api/v1/places/${fablab}/decisions`)).json();
    expect(history.map((d: { decision: string }) => d.decision)).toEqual(['refused', 'refused']);

    // An application to a programme closed since, submitted while it ran and never answered:
    // the place read « en attente de la décision du financeur » forever. Its page now says the
    // programme closed before the decision, and the funder may still refuse it, in an entry of
    // its own, whose e-mail does not invite the place to apply again to a closed programme.
    const programs = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/programs`)).json();
    const closed = programs.find((p: { status: string }) => p.status === 'closed');
    await t.database.pool.query(
      `INSERT INTO place_applications
         (funder_id, program_id, place_id, questionnaire_id, answers, score, max_score, pass_mark, created_at)
       SELECT funder_id, $2, place_id, questionnaire_id, answers, score, max_score, pass_mark,
              '2024-06-01T10:00:00Z'
         FROM place_applications WHERE place_id = $1 ORDER BY id DESC LIMIT 1`,
      [fablab, closed.id],
    );
    const own = (await admin.request('GET', `/api/v1/places/${fablab}/applications`)).json();
    const entry = own.funders
      .flatMap((f: { programs: { programId: string }[] }) => f.programs)
      .find((p: { programId: string }) => p.programId === closed.id);
    expect(entry).toMatchObject({
      programId: closed.id,
      takesApplications: false,
      application: expect.any(Object),
    });
    const openEntry = own.funders
      .flatMap((f: { programs: { programId: string }[] }) => f.programs)
      .find((p: { programId: string }) => p.programId === c.programId);
    expect(openEntry).toMatchObject({ takesApplications: true });

    const late = await c.funder.request('POST', `/api/v1/programs/${closed.id}/places/${fablab}/decisions`, {
      decision: 'refused',
      reason: 'Dispositif terminé avant l’examen de la candidature',
    });
    expect(late.statusCode, late.body).toBe(201);
    expect(await mails(fablab)).toBe(before + 3);
    const { rows } = await t.database.pool.query(
      `SELECT params FROM notification_outbox WHERE template = 'qualification_decision'
          AND params->>'placeId' = $1 ORDER BY created_at DESC LIMIT 1`,
      [fablab],
    );
    expect(rows[0].params).toMatchObject({ decision: 'refused', programClosed: true });
    const text = render('qualification_decision', rows[0].params, { publicUrl: 'https://pass.test' }).text;
    expect(text).toContain('clos avant la décision');
    expect(text).not.toContain('reprendre sa candidature');
    // Answered once: nothing more to refuse; and nothing to approve in a closed programme.
    const again = await c.funder.request('POST', `/api/v1/programs/${closed.id}/places/${fablab}/decisions`, {
      decision: 'refused',
      reason: 'Encore',
    });
    expect(again.json()).toMatchObject({ code: 'no_application_to_refuse' });
    const approval = await c.funder.request(
      'POST',
      `/api/v1/programs/${closed.id}/places/${fablab}/decisions`,
      {
        decision: 'approved',
      },
    );
    expect(approval.json()).toMatchObject({
      code: 'program_closed_to_applications',
      errors: [{ field: 'decision' }],
    });
    expect(await mails(fablab)).toBe(before + 3);
  });
});

describe('a place and the directory', () => {
  it('tells the funder whether the place has filled in its profile, without which the directory does not list it', async () => {
    const added = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/places`, {
      name: 'Espace public numérique sans fiche',
      siret: '21800021300015',
      communeCode: '80021',
    });
    expect(added.statusCode, added.body).toBe(201);
    const page = async (placeId: string) =>
      (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/places/${placeId}`)).json();
    expect((await page(added.json().id)).inDirectory).toBe(false);
    const listed = await t.database.pool.query('SELECT place_id FROM place_profiles LIMIT 1');
    const { rows } = await t.database.pool.query(
      'SELECT place_id FROM funder_places WHERE funder_id = $1 AND place_id = $2',
      [c.funderId, listed.rows[0].place_id],
    );
    expect(rows).toHaveLength(1);
    expect((await page(listed.rows[0].place_id)).inDirectory).toBe(true);
  });
});

describe('a place and its team', () => {
  it('tells the funder whether the place has its own admin, who invites its team', async () => {
    const run = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/places/${mediatheque}`)).json();
    expect(run.hasAdmin).toBe(true);
    const created = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/places`, {
      name: 'Atelier numérique de Lens',
      siret: '21620498000017',
      communeCode: '62498',
    });
    expect(created.statusCode, created.body).toBe(201);
    const unrun = (
      await c.funder.request('GET', `/api/v1/funders/${c.funderId}/places/${created.json().id}`)
    ).json();
    expect(unrun.hasAdmin).toBe(false);
  });
});

describe('a place added by two funders', () => {
  it('is one place: the second funder finds it by its SIRET and shares it', async () => {
    const body = { name: 'Tiers-lieu des Deux Rives', siret: '21570408700018', communeCode: '62041' };
    const first = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/places`, body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ shared: false, name: 'Tiers-lieu des Deux Rives' });

    const pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    const pdcId = pdc.session.memberships[0]!.funderId!;
    // Its SIRET, with its name spelt otherwise: the same place, shared as it is.
    const second = await pdc.request('POST', `/api/v1/funders/${pdcId}/places`, {
      ...body,
      name: 'Tiers lieu des deux rives',
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({
      id: first.json().id,
      shared: true,
      name: 'Tiers-lieu des Deux Rives',
    });

    const rosters = await t.database.pool.query(
      'SELECT count(*)::int AS n FROM funder_places WHERE place_id = $1',
      [first.json().id],
    );
    expect(rosters.rows[0].n).toBe(2);
    const places = await t.database.pool.query(
      'SELECT count(*)::int AS n FROM organisations WHERE siret = $1',
      ['21570408700018'],
    );
    expect(places.rows[0].n).toBe(1);
  });

  it('refuses an invalid SIRET or commune, naming the field', async () => {
    const res = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/places`, {
      name: 'Lieu',
      siret: '12345678901234',
      communeCode: '99999',
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['communeCode', 'siret']);
  });
});

describe('a new funder choosing its places among those on the platform', () => {
  // The Pas-de-Calais stands for a funder starting its first programme: it knows its places by
  // their names, not by their SIRET.
  let pdc: Awaited<ReturnType<typeof signIn>>;
  let pdcId: string;
  const etain = () =>
    t.database.pool.query("SELECT id FROM organisations WHERE name = 'Médiathèque d''Étain'");
  const places = (name: string) =>
    t.database.pool.query('SELECT id FROM organisations WHERE kind = $1 AND name = $2', ['place', name]);
  const onRoster = async (placeId: string) =>
    (
      await t.database.pool.query('SELECT 1 FROM funder_places WHERE funder_id = $1 AND place_id = $2', [
        pdcId,
        placeId,
      ])
    ).rowCount;
  beforeAll(async () => {
    pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    pdcId = pdc.session.memberships[0]!.funderId!;
  });

  it('finds a place by its name, accents and case aside, with its commune and SIRET only', async () => {
    const res = await pdc.request('GET', `/api/v1/funders/${pdcId}/platform-places?q=MEDIATHEQUE%20etain`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      places: [
        {
          id: (await etain()).rows[0].id,
          name: "Médiathèque d'Étain",
          siret: '84525500100016',
          communeCode: '55181',
          communeName: 'Étain',
          onRoster: false,
        },
      ],
      more: false,
    });
    const both = (await pdc.request('GET', `/api/v1/funders/${pdcId}/platform-places?q=médiath`)).json();
    expect(both.places.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['Médiathèque Louis Aragon', "Médiathèque d'Étain"]),
    );
    const short = await pdc.request('GET', `/api/v1/funders/${pdcId}/platform-places?q=m`);
    expect(short.statusCode).toBe(422);
    expect(short.json().errors).toEqual([
      { field: 'q', message: 'Tapez au moins deux lettres du nom du lieu.' },
    ]);
  });

  it('adds the place chosen to its roster, shared as it is, once', async () => {
    const placeId: string = (await etain()).rows[0].id;
    const added = await pdc.request('PUT', `/api/v1/funders/${pdcId}/places/${placeId}`, {});
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toMatchObject({ id: placeId, name: "Médiathèque d'Étain", shared: true });
    expect(await onRoster(placeId)).toBe(1);
    const again = await pdc.request('PUT', `/api/v1/funders/${pdcId}/places/${placeId}`, {});
    expect(again.statusCode).toBe(200);
    const { rows } = await t.database.pool.query(
      "SELECT count(*)::int AS n FROM audit_entries WHERE action = 'place.join_roster' AND object_id = $1 AND funder_id = $2",
      [placeId, pdcId],
    );
    expect(rows[0].n).toBe(1);
    const found = (await pdc.request('GET', `/api/v1/funders/${pdcId}/platform-places?q=etain`)).json();
    expect(found.places[0]).toMatchObject({ id: placeId, onRoster: true });
    const unknown = await pdc.request(
      'PUT',
      `/api/v1/funders/${pdcId}/places/00000000-0000-4000-8000-000000000000`,
      {},
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses a new place whose name is close to one of the same commune, naming it, until confirmed', async () => {
    const body = { name: 'Mediatheque d’Etain', siret: '21550181000018', communeCode: '55181' };
    const refused = await pdc.request('POST', `/api/v1/funders/${pdcId}/places`, body);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'place_similar_exists',
      errors: [{ field: 'name' }],
      places: [{ id: (await etain()).rows[0].id, name: "Médiathèque d'Étain", communeName: 'Étain' }],
    });
    expect(refused.json().detail).toContain("« Médiathèque d'Étain » (Étain)");
    expect((await places('Mediatheque d’Etain')).rowCount).toBe(0);

    // Another name in the same commune, or the same name elsewhere, is no duplicate.
    const other = await pdc.request('POST', `/api/v1/funders/${pdcId}/places`, {
      ...body,
      name: 'Espace France Services d’Étain',
    });
    expect(other.statusCode, other.body).toBe(201);
    // Numbered places of one network are as many places, however close their names.
    for (const [n, siret] of [
      ['1', '21550181000034'],
      ['2', '21550181000042'],
    ]) {
      const numbered = await pdc.request('POST', `/api/v1/funders/${pdcId}/places`, {
        ...body,
        name: `Espace public numérique n° ${n}`,
        siret,
      });
      expect(numbered.statusCode, numbered.body).toBe(201);
    }

    const confirmed = await pdc.request('POST', `/api/v1/funders/${pdcId}/places`, {
      ...body,
      name: 'Médiathèque d’Étain, annexe',
      siret: '21550181000026',
      confirmNewPlace: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
  });

  it('adds another site of one structure under its SIRET once the funder says so, naming the sites', async () => {
    // An association runs its sites under its head office's SIRET: the Centre social Arras Sud
    // is not the Centre social Arras Ouest, however close their names.
    const ouest = c.organisations['Centre social Arras Ouest']!;
    const body = { name: 'Centre social Arras Sud', siret: '84512300200014', communeCode: '62041' };
    const refused = await pdc.request('POST', `/api/v1/funders/${pdcId}/places`, body);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'place_siret_differs',
      errors: [{ field: 'siret' }],
      places: [{ id: ouest, name: 'Centre social Arras Ouest' }],
    });
    expect(refused.json().detail).toContain('« Centre social Arras Ouest » (Arras)');
    expect(refused.json().detail).toContain('autre site de la même structure');
    expect((await places('Centre social Arras Sud')).rowCount).toBe(0);

    const created = await pdc.request('POST', `/api/v1/funders/${pdcId}/places`, {
      ...body,
      confirmOtherSite: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Centre social Arras Sud', shared: false });
    const sud: string = created.json().id;
    expect(sud).not.toBe(ouest);
    expect(await onRoster(sud)).toBe(1);
    const sirets = await t.database.pool.query(
      'SELECT name FROM organisations WHERE siret = $1 ORDER BY name',
      [body.siret],
    );
    expect(sirets.rows.map((r) => r.name)).toEqual(['Centre social Arras Ouest', 'Centre social Arras Sud']);

    // Another funder adding a site by its SIRET and name joins that site, not its sibling.
    const joined = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/places`, body);
    expect(joined.statusCode, joined.body).toBe(201);
    expect(joined.json()).toMatchObject({ id: sud, name: 'Centre social Arras Sud', shared: true });
    // A third name under the SIRET: refused, naming both sites, until confirmed.
    const third = await pdc.request('POST', `/api/v1/funders/${pdcId}/places`, {
      ...body,
      name: 'Centre social Arras Est',
    });
    expect(third.statusCode, third.body).toBe(409);
    expect(third.json().places.map((p: { name: string }) => p.name)).toEqual([
      'Centre social Arras Ouest',
      'Centre social Arras Sud',
    ]);
    expect(third.json().detail).toContain(
      '« Centre social Arras Ouest » (Arras) ; « Centre social Arras Sud » (Arras)',
    );
  });

  it('refuses a SIRET whose place bears another name or lies elsewhere, naming that place', async () => {
    const refused = await pdc.request('POST', `/api/v1/funders/${pdcId}/places`, {
      name: 'Médiathèque',
      siret: '84512300100016',
      communeCode: '55181',
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'place_siret_differs',
      errors: [{ field: 'siret' }],
      places: [{ id: mediatheque, name: 'Médiathèque Louis Aragon', communeName: 'Amiens' }],
    });
    expect(refused.json().detail).toContain('« Médiathèque Louis Aragon » (Amiens)');
    expect(await onRoster(mediatheque)).toBe(0);
    // Its own name, in another commune: refused too.
    const elsewhere = await pdc.request('POST', `/api/v1/funders/${pdcId}/places`, {
      name: 'Médiathèque Louis Aragon',
      siret: '84512300100016',
      communeCode: '55181',
    });
    expect(elsewhere.json().code).toBe('place_siret_differs');
    expect(await onRoster(mediatheque)).toBe(0);
  });
});
