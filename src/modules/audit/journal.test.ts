import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../test/accounts.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';

/** The journal as a user reads it: labels, names, euros, filters and the CSV export. */
let t: TestApp;
let hdf: Client;
let funderId: string;
let adminName: string;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  hdf = await signIn(t.app, 'financeur@hautsdefrance.test');
  funderId = hdf.session.memberships[0]!.funderId!;
  adminName = (
    await t.database.pool.query(`SELECT display_name FROM users WHERE email = 'financeur@hautsdefrance.test'`)
  ).rows[0].display_name;
  await hdf.request('POST', `/api/v1/funders/${funderId}/invitations`, {
    email: 'nouvelle.collegue@hdf.test',
    role: 'funder_viewer',
  });
});
afterAll(() => t.close());

const journal = (query: string, who: Client = hdf) =>
  who.request('GET', `/api/v1/funders/${funderId}/audit?${query}`);

describe('the audit journal in the user’s language', () => {
  it('names the actor, the action and the object, and writes amounts in euros', async () => {
    const [invitation] = (await journal('limit=1')).json().entries;
    expect(invitation).toMatchObject({
      actorName: adminName,
      actionLabel: 'Invitation envoyée',
      objectLabel: 'Invitation « nouvelle.collegue@hdf.test »',
    });
    expect(invitation.details).toContain('Rôle : lecteur du financeur');

    const fundings = (await journal('action=funding.record')).json().entries;
    expect(fundings.length).toBeGreaterThan(0);
    for (const f of fundings) {
      expect(f.actionLabel).toBe('Versement reçu');
      expect(f.details.find((d: string) => d.startsWith('Montant : '))).toMatch(
        /^Montant : [\d\u202f]+,\d\d\u00a0€$/,
      );
      const programme = f.details.find((d: string) => d.startsWith('Dispositif : '));
      expect(programme).toBeDefined();
      expect(programme).not.toMatch(UUID);
      expect(programme).not.toContain('introuvable');
    }
  });

  it('reads every entry in words: no internal name, code or raw data', async () => {
    const entries: { actionLabel: string; objectLabel: string; details: string[] }[] = [];
    for (let before: number | null = null, page = 0; page === 0 || before !== null; page++) {
      const res: { entries: typeof entries; nextBefore: number | null } = (
        await journal(`limit=200${before ? `&before=${before}` : ''}`)
      ).json();
      entries.push(...res.entries);
      before = res.nextBefore;
    }
    expect(entries.length).toBeGreaterThan(100);
    const raw = new Set<string>();
    for (const e of entries) {
      if (/^[a-z_]+\.[a-z_]+$/.test(e.actionLabel)) raw.add(`action ${e.actionLabel}`);
      if (/^[a-z]+_[a-z_]+\b/.test(e.objectLabel)) raw.add(`object ${e.objectLabel}`);
      for (const line of e.details) {
        const [label = '', ...rest] = line.split(' : ');
        const value = rest.join(' : ');
        // camelCase or snake_case keys, JSON, and the codes of values.
        if (/[a-z][A-Z]|_/.test(label) || /^[a-z]+$/.test(label)) raw.add(`label ${label}`);
        if (/\b[a-z]+[A-Z]\w*\b/.test(value)) raw.add(`key in ${label} : ${value}`);
        if (/\b[a-z]+_[a-z_]+\b/.test(value)) raw.add(`code in ${label} : ${value}`);
        if (/[{[]"/.test(value)) raw.add(`json ${label}`);
        if (/^(individual|collective|place|prescriber|region|departement|epci)$/.test(value))
          raw.add(`value ${label} : ${value}`);
      }
    }
    expect([...raw].sort()).toEqual([]);
  });

  it('filters by who, by action and by days, and refuses a range that ends before it starts', async () => {
    const byWho = (await journal(`who=${encodeURIComponent(adminName.slice(0, 6))}&limit=200`)).json()
      .entries;
    expect(byWho.length).toBeGreaterThan(0);
    // Each entry is by her, or about her access: the demo's set-up invited her (« Système »).
    const notHers = byWho.filter(
      (e: { actorName: string; objectLabel: string }) =>
        e.actorName !== adminName && e.objectLabel !== 'Invitation « financeur@hautsdefrance.test »',
    );
    expect(notHers).toEqual([]);
    expect(byWho.some((e: { actorName: string }) => e.actorName === adminName)).toBe(true);

    const byAction = (await journal('action=invitation.create&limit=200')).json().entries;
    expect(byAction.every((e: { action: string }) => e.action === 'invitation.create')).toBe(true);

    const today = new Date().toISOString().slice(0, 10);
    const future = (await journal('from=2099-01-01&to=2099-12-31')).json().entries;
    expect(future).toEqual([]);
    const since = (await journal(`from=${today}&action=invitation.create`)).json().entries;
    expect(since.map((e: { objectLabel: string }) => e.objectLabel)).toContain(
      'Invitation « nouvelle.collegue@hdf.test »',
    );

    const backwards = await journal('from=2026-12-01&to=2026-11-01');
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors).toEqual([expect.objectContaining({ field: 'to' })]);
  });

  it('exports what is filtered as a CSV for French Excel, and only to its funder', async () => {
    const res = await hdf.request('GET', `/api/v1/funders/${funderId}/audit.csv?action=funding.record`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="journal.csv"/);
    expect(res.body.startsWith('\uFEFFDate et heure (Paris);Auteur;Action;Objet;Détails\r\n')).toBe(true);
    const rows = res.body.trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d;[^;]+;Versement reçu;/);
      expect(row).toMatch(/Montant : [\d\u202f]+,\d\d\u00a0€/);
    }
    const pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    expect((await pdc.request('GET', `/api/v1/funders/${funderId}/audit.csv`)).statusCode).toBe(404);
  });

  it('writes an author named like a formula as text in the CSV, so that no spreadsheet runs it', async () => {
    // A display name is typed by people: `=1+1` reaches the spreadsheet as the text « =1+1 ».
    const rename = (name: string) =>
      t.database.pool.query(
        `UPDATE users SET display_name = $1 WHERE email = 'financeur@hautsdefrance.test'`,
        [name],
      );
    await rename('=1+1');
    try {
      const res = await hdf.request('GET', `/api/v1/funders/${funderId}/audit.csv?action=invitation.create`);
      expect(res.statusCode).toBe(200);
      const invitation = res.body.split('\r\n').find((row) => row.includes('nouvelle.collegue@hdf.test'));
      expect(invitation?.split(';')[1]).toBe("'=1+1");
    } finally {
      await rename(adminName);
    }
  });

  it('finds every entry about one account, by its e-mail or name: the failures and the lock it did not write', async () => {
    // The helpdesk is called by a volunteer who cannot sign in: her failures and her lock are
    // written by nobody (« anonyme »), about her account; typing her name must find them.
    for (let i = 1; i <= 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'benevole@hautsdefrance.test', password: `devinette-${i}` },
        remoteAddress: '10.61.0.1',
      });
      expect(res.statusCode).toBe(401);
    }
    const admin = await signIn(t.app, 'admin@pass-numerique.test');
    const platform = async (query: string) => {
      const res = await admin.request('GET', `/api/v1/audit?${query}&limit=200`);
      expect(res.statusCode).toBe(200);
      return res.json().entries as { action: string; actorName: string; objectLabel: string }[];
    };
    const locks = await platform('who=benevole&action=auth.lock');
    expect(locks).toEqual([
      expect.objectContaining({
        actionLabel: 'Compte bloqué depuis une adresse',
        objectLabel: 'Utilisateur « Lucie Moreau »',
      }),
    ]);
    const failures = await platform(`who=${encodeURIComponent('lucie moreau')}&action=auth.sign_in_failed`);
    expect(failures).toHaveLength(5);
    expect(new Set(failures.map((e) => e.objectLabel))).toEqual(new Set(['Utilisateur « Lucie Moreau »']));
    // Nothing of anyone else: each entry is by her or about her account.
    const all = await platform('who=benevole');
    expect(all.length).toBeGreaterThanOrEqual(6);
    const others = all.filter(
      (e) => e.actorName !== 'Lucie Moreau' && e.objectLabel !== 'Utilisateur « Lucie Moreau »',
    );
    expect(others).toEqual([]);
    const csv = await admin.request('GET', '/api/v1/audit.csv?who=benevole&action=auth.lock');
    expect(csv.body.trim().split('\r\n')).toHaveLength(2);

    // A funder's journal keeps to its own entries: her account events are the platform's.
    const hdfEntries = (await journal('who=benevole&limit=200')).json().entries;
    expect(hdfEntries.filter((e: { action: string }) => e.action.startsWith('auth.'))).toEqual([]);
    const pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    const pdcId = pdc.session.memberships[0]!.funderId!;
    const pdcEntries = (await pdc.request('GET', `/api/v1/funders/${pdcId}/audit?who=benevole`)).json()
      .entries;
    expect(pdcEntries).toEqual([]);
  });

  it('finds what befell a colleague’s access, and an invitation still unanswered, by her name or e-mail', async () => {
    // « Auteur de l’action ou compte concerné »: the admin invites a colleague, who joins; the
    // admin makes her an admin, then ends her access. Every step is about her, written by him.
    const invited = await hdf.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'ines.garnier@hdf.test',
      role: 'funder_viewer',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${invited.json().invitationUrl.split('/invitation/')[1]}/accept`,
      payload: { displayName: 'Inès Garnier', password: TEST_PASSWORD },
    });
    const members = (await hdf.request('GET', `/api/v1/funders/${funderId}/members`)).json();
    const ines = members.find((m: { email: string }) => m.email === 'ines.garnier@hdf.test');
    const up = await hdf.request('POST', `/api/v1/funders/${funderId}/members/${ines.membershipId}/role`, {
      role: 'funder_admin',
    });
    expect(up.statusCode, up.body).toBe(200);
    // Two admins are the fewest four eyes allow: the rule is set aside for her leaving.
    const fourEyes = (on: boolean) =>
      hdf.request('PATCH', `/api/v1/funders/${funderId}/settings`, { fourEyes: on });
    expect((await fourEyes(false)).statusCode).toBe(200);
    const end = await hdf.request(
      'POST',
      `/api/v1/funders/${funderId}/members/${up.json().membershipId}/end`,
    );
    expect(end.statusCode, end.body).toBe(200);
    expect((await fourEyes(true)).statusCode).toBe(200);
    // A prescriber's volunteer, invited by the admin, has no account yet: only her address.
    const [prescriber] = (
      await t.database.pool.query(
        `SELECT m.organisation_id AS id FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE u.email = 'prescripteur@hautsdefrance.test'`,
      )
    ).rows;
    const agent = await hdf.request('POST', `/api/v1/funders/${funderId}/invitations`, {
      email: 'paule.benevole@asso.test',
      role: 'prescriber_agent',
      organisationId: prescriber.id,
    });
    expect(agent.statusCode, agent.body).toBe(201);

    const actions = async (who: string) =>
      (
        (await journal(`who=${encodeURIComponent(who)}&limit=200`)).json().entries as {
          actionLabel: string;
        }[]
      )
        .map((e) => e.actionLabel)
        .sort();
    const aboutInes = [
      'Accès retiré',
      'Invitation acceptée',
      'Invitation envoyée',
      'Rôle attribué',
      'Rôle changé',
    ];
    expect(await actions('Inès Garnier')).toEqual(aboutInes);
    expect(await actions('ines.garnier@hdf')).toEqual(aboutInes);
    expect(await actions('paule.benevole')).toEqual(['Invitation envoyée']);
    const csv = await hdf.request(
      'GET',
      `/api/v1/funders/${funderId}/audit.csv?who=${encodeURIComponent('Garnier')}`,
    );
    expect(
      csv.body
        .trim()
        .split('\r\n')
        .slice(1)
        .map((row) => row.split(';')[2])
        .sort(),
    ).toEqual(aboutInes);
  });

  it('gives the platform admin the platform’s trail in labels, filtered and as CSV', async () => {
    const admin = await signIn(t.app, 'admin@pass-numerique.test');
    const page = (await admin.request('GET', '/api/v1/audit?action=auth.sign_in&limit=5')).json();
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries[0].actionLabel).toBe('Connexion');
    expect(page.entries[0].objectLabel).toMatch(/^Utilisateur « .+ »$/);
    expect(page.entries[0].objectLabel).not.toMatch(UUID);
    const csv = await admin.request('GET', '/api/v1/audit.csv?action=auth.sign_in');
    expect(csv.body.split('\r\n')[1]).toMatch(/;Connexion;Utilisateur « /);
    expect((await hdf.request('GET', '/api/v1/audit.csv')).statusCode).toBe(403);
  });

  it('refuses an action its journal never holds, naming the field, page and CSV alike', async () => {
    const admin = await signIn(t.app, 'admin@pass-numerique.test', undefined, '198.51.100.31');
    for (const [who, url] of [
      // Account events are the platform's; a funder's journal never holds them.
      [hdf, `/api/v1/funders/${funderId}/audit?action=account.disable`],
      [hdf, `/api/v1/funders/${funderId}/audit.csv?action=auth.sign_in`],
      [hdf, `/api/v1/funders/${funderId}/audit?action=pass.frobnicate`],
      // Money is a funder's; the platform's journal never holds it.
      [admin, '/api/v1/audit?action=funding.record'],
      [admin, '/api/v1/audit.csv?action=funding.record'],
    ] as const) {
      const res = await who.request('GET', url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(422);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ field: 'action', message: 'Choisissez une action dans la liste.' }),
      ]);
    }
    // What is shared stays open to both: a funder's invitations are also the platform's.
    expect((await journal('action=invitation.withdraw')).statusCode).toBe(200);
    expect((await admin.request('GET', '/api/v1/audit?action=invitation.withdraw')).statusCode).toBe(200);
  });

  it('says in French figures where a CSV export stopped, past its 100 000 entries', async () => {
    // Written by hand, as no journey could: the last of the tests, so the others read the demo's
    // trail. An action of the platform's journal, which its filter offers (the demo has a few).
    await t.database.pool.query(
      `INSERT INTO audit_entries (at, actor_label, action, object_type, summary)
       SELECT now(), 'système', 'account.lookup', 'user', '{}' FROM generate_series(1, 100001)`,
    );
    const admin = await signIn(t.app, 'admin@pass-numerique.test');
    const csv = await admin.request('GET', '/api/v1/audit.csv?action=account.lookup');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + 100_000 + 1);
    // French writes thousands apart with a (narrow) no-break space, as the app's other messages do.
    expect(lines.at(-1)).toMatch(/^Export limité aux 100[\u202f\u00a0]000 entrées les plus récentes/);
  }, 120_000);
});
