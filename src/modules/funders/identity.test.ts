import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { behindHeldRow } from '../../test/locks.js';

let t: TestApp;
let operator: Client;
let hdf: Client;
let hdfId: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  operator = await signIn(t.app, 'admin@pass-numerique.test');
  hdf = await signIn(t.app, 'financeur@hautsdefrance.test');
  hdfId = hdf.session.memberships[0]!.funderId!;
});
afterAll(() => t.close());

type Payer = { name: string; shareCents: number; receivedCents: number };

const HDF = { name: 'Région Hauts-de-France', kind: 'region', siret: '20005374200017' };
const PAS_DE_CALAIS_SIRET = '22620001200012';

const funderOf = async (id: string) =>
  (await operator.request('GET', '/api/v1/funders')).json().find((f: { id: string }) => f.id === id);

const identityEntries = async () =>
  (await hdf.request('GET', `/api/v1/funders/${hdfId}/audit?action=funder.identity_change`)).json().entries;

describe('the operator corrects a funder’s identity', () => {
  it('renames a funder with a reason the funder’s journal keeps; its statements keep the name they were issued under', async () => {
    const issued = (await hdf.request('GET', `/api/v1/funders/${hdfId}/statements`)).json().statements;
    expect(issued.length).toBeGreaterThan(0);

    const res = await operator.request('PATCH', `/api/v1/funders/${hdfId}`, {
      ...HDF,
      name: '  Région   Hauts-de-France — Conseil régional ',
      reason: 'Nom officiel de la délibération',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: hdfId, name: 'Région Hauts-de-France — Conseil régional' });
    expect((await funderOf(hdfId)).name).toBe('Région Hauts-de-France — Conseil régional');

    const [entry] = await identityEntries();
    expect(entry).toMatchObject({
      actorEmail: 'admin@pass-numerique.test',
      actionLabel: 'Identité du financeur corrigée',
      summary: {
        before: { funderName: HDF.name },
        after: { funderName: 'Région Hauts-de-France — Conseil régional' },
        reason: 'Nom officiel de la délibération',
      },
    });
    expect(entry.details).toEqual([
      'Avant : Nom du financeur : Région Hauts-de-France',
      'Après : Nom du financeur : Région Hauts-de-France — Conseil régional',
      'Motif : Nom officiel de la délibération',
    ]);

    const after = (await hdf.request('GET', `/api/v1/funders/${hdfId}/statements`)).json().statements;
    expect(after.map((s: { funderName: string }) => s.funderName)).toEqual(
      issued.map((s: { funderName: string }) => s.funderName),
    );
    expect(new Set(after.map((s: { funderName: string }) => s.funderName))).toEqual(new Set([HDF.name]));

    // Back to the first name, its case corrected on the way: the funder's own name is no obstacle.
    const back = await operator.request('PATCH', `/api/v1/funders/${hdfId}`, {
      ...HDF,
      name: 'RÉGION Hauts-de-France',
      reason: 'Retour au nom d’usage',
    });
    expect(back.statusCode, back.body).toBe(200);
    const again = await operator.request('PATCH', `/api/v1/funders/${hdfId}`, {
      ...HDF,
      reason: 'Majuscules',
    });
    expect(again.json().name).toBe(HDF.name);
    expect(await identityEntries()).toHaveLength(3);
  });

  it('carries what the funder paid to its new name: its share is still matched, and a funding recorded before is reversed from it', async () => {
    const programs = (await hdf.request('GET', `/api/v1/funders/${hdfId}/programs`)).json() as {
      id: string;
    }[];
    const url = (path: string) => `/api/v1/programs/${programs[0]!.id}${path}`;
    const funding = await hdf.request('POST', url('/fundings'), {
      payer: HDF.name,
      amountCents: 1_000,
      receivedOn: businessDate(),
      reference: 'Avant le changement de nom',
      confirmOverShare: true,
    });
    expect(funding.statusCode, funding.body).toBe(201);
    const payers = async () => (await hdf.request('GET', url('/payers'))).json() as Payer[];
    const before = (await payers()).find((p) => p.name === HDF.name)!;
    expect(before.receivedCents).toBeGreaterThanOrEqual(1_000);

    const renamed = 'Région Hauts-de-France (fusion)';
    const res = await operator.request('PATCH', `/api/v1/funders/${hdfId}`, {
      ...HDF,
      name: renamed,
      reason: 'Fusion',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await payers()).find((p) => p.name === renamed)).toEqual({ ...before, name: renamed });
    const byPayer = async () =>
      (await hdf.request('GET', url('/finance'))).json().balances.byPayer as {
        payer: string;
        amountCents: number;
      }[];
    expect((await byPayer()).find((p) => p.payer === renamed)?.amountCents).toBe(before.receivedCents);
    expect((await byPayer()).find((p) => p.payer === HDF.name)?.amountCents ?? 0).toBe(0);

    const fundingId = funding.json().fundings.at(-1).id;
    const reversed = await hdf.request('POST', url(`/fundings/${fundingId}/reversal`), { reason: 'Essai' });
    expect(reversed.statusCode, reversed.body).toBe(201);
    expect((await payers()).find((p) => p.name === renamed)?.receivedCents).toBe(
      before.receivedCents - 1_000,
    );
    expect((await byPayer()).every((p) => p.amountCents >= 0)).toBe(true);

    await operator.request('PATCH', `/api/v1/funders/${hdfId}`, { ...HDF, reason: 'Retour' });
    expect((await payers()).find((p) => p.name === HDF.name)?.receivedCents).toBe(
      before.receivedCents - 1_000,
    );
  });

  it('records nothing when the identity sent is the funder’s own', async () => {
    const before = await identityEntries();
    const res = await operator.request('PATCH', `/api/v1/funders/${hdfId}`, {
      ...HDF,
      siret: '200 053 742 00017',
      reason: 'Rien à changer',
    });
    expect(res.statusCode).toBe(200);
    expect(await identityEntries()).toEqual(before);
  });

  it('refuses another funder’s name or SIRET, a wrong SIRET and a missing reason, naming the field, and changes nothing', async () => {
    const before = await funderOf(hdfId);
    const refusals = [
      [{ ...HDF, name: 'département du PAS-DE-CALAIS', reason: 'Essai' }, 409, 'funder_name_taken', 'name'],
      [{ ...HDF, siret: PAS_DE_CALAIS_SIRET, reason: 'Essai' }, 409, 'siret_taken', 'siret'],
      [{ ...HDF, siret: '20005374200018', reason: 'Essai' }, 422, 'validation_failed', 'siret'],
      [{ ...HDF, name: 'Région Hauts-de-France bis', reason: ' ' }, 422, 'validation_failed', 'reason'],
      [{ ...HDF, name: 'Région Hauts-de-France bis' }, 422, 'validation_failed', 'reason'],
    ] as const;
    for (const [body, status, code, field] of refusals) {
      const res = await operator.request('PATCH', `/api/v1/funders/${hdfId}`, body);
      expect([res.statusCode, res.json().code], res.body).toEqual([status, code]);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([field]);
      expect(res.json().errors[0].message).toMatch(/[a-zé]/);
    }
    const reason = await operator.request('PATCH', `/api/v1/funders/${hdfId}`, { ...HDF, reason: '' });
    expect(reason.json().errors[0].message).toContain('motif');
    expect(await funderOf(hdfId)).toEqual(before);
  });

  it('is the operator’s alone: a funder’s admin is refused, another funder does not exist for it', async () => {
    const own = await hdf.request('PATCH', `/api/v1/funders/${hdfId}`, {
      ...HDF,
      name: 'Autre',
      reason: 'Essai',
    });
    expect(own.statusCode).toBe(403);
    const pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    const other = await pdc.request('PATCH', `/api/v1/funders/${hdfId}`, {
      ...HDF,
      name: 'Autre',
      reason: 'Essai',
    });
    expect(other.statusCode).toBe(404);
    const unknown = await operator.request('PATCH', `/api/v1/funders/${crypto.randomUUID()}`, {
      ...HDF,
      reason: 'Essai',
    });
    expect(unknown.statusCode).toBe(404);
    expect((await funderOf(hdfId)).name).toBe(HDF.name);
  });
});

describe('two renames to one name at the same instant', () => {
  it('give the name to one funder; the other is told it is taken, and the database holds it too', async () => {
    const pdcId = (await signIn(t.app, 'financeur@pasdecalais.test')).session.memberships[0]!.funderId!;
    const PDC = { name: 'Département du Pas-de-Calais', kind: 'departement', siret: PAS_DE_CALAIS_SIRET };
    const merged = 'Collectivité du Nord – Pas-de-Calais';
    // The journal is held for writing: each rename has found the name free and written its
    // funder's row before it records its entry, so both are past the check when they meet.
    const [a, b] = await behindHeldRow(t.database.pool, 'LOCK TABLE audit_entries IN SHARE MODE', [], () => [
      operator.request('PATCH', `/api/v1/funders/${hdfId}`, { ...HDF, name: merged, reason: 'Fusion' }),
      operator.request('PATCH', `/api/v1/funders/${pdcId}`, {
        ...PDC,
        name: 'collectivité du nord - pas de calais',
        reason: 'Fusion',
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} ${b.body}`).toEqual([200, 409]);
    const winner = [a, b].find((r) => r.statusCode === 200)!.json();
    const refused = [a, b].find((r) => r.statusCode === 409)!.json();
    expect(refused.code).toBe('funder_name_taken');
    expect(refused.errors).toEqual([
      { field: 'name', message: `Ce nom est déjà celui d’un autre financeur : « ${winner.name} ».` },
    ]);
    const names = [(await funderOf(hdfId)).name, (await funderOf(pdcId)).name];
    expect(names.filter((n) => n === merged || n === 'collectivité du nord - pas de calais')).toEqual([
      winner.name,
    ]);
    expect(names).toContain(winner.id === hdfId ? PDC.name : HDF.name);

    // Whoever writes, the application or psql, cannot record a namesake.
    await expect(
      t.database.pool.query(
        `UPDATE funders SET name = 'COLLECTIVITE DU NORD PAS DE CALAIS' WHERE id <> ALL($1)`,
        [[hdfId, pdcId]],
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'funders_name' });
  });
});
