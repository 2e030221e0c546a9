import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
let hdf: Client;
let hdfFunderId: string;
let hdfProgramId: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  hdf = await signIn(t.app, 'financeur@hautsdefrance.test');
  hdfFunderId = hdf.session.memberships[0]!.funderId!;
  const list = (await hdf.request('GET', `/api/v1/funders/${hdfFunderId}/programs`)).json();
  hdfProgramId = list[0].id;
});
afterAll(() => t.close());

const amendment = (changes: Record<string, unknown>, effectiveOn = '2025-01-15') => ({
  effectiveOn,
  legal: {
    body: 'Commission permanente',
    number: `2025.${Math.floor(Math.random() * 1e6)}`,
    decidedOn: effectiveOn,
    votesFor: 50,
    votesAgainst: 1,
    abstentions: 2,
    text: 'Test',
  },
  changes,
});

describe('programme as of a date', () => {
  it('shows the Hauts-de-France programme with 66,100 passes today and 68,750 on 2020-03-01', async () => {
    const today = (await hdf.request('GET', `/api/v1/programs/${hdfProgramId}`)).json();
    expect(today.state.plannedPasses).toBe(66_100);
    expect(today.state.calendar.usageEnd).toBe('2024-12-31');
    expect(today.envelopes.map((e: { name: string }) => e.name)).toContain('Picardie');
    const before = (await hdf.request('GET', `/api/v1/programs/${hdfProgramId}?asOf=2020-03-01`)).json();
    expect(before.state.plannedPasses).toBe(68_750);
    expect(before.envelopes).toEqual([]);
    expect(before.budget.totalCents).toBe(76_390_000);
    expect(before.timeline.map((e: { legal: { number: string } }) => e.legal.number)).toEqual([
      '2020.00263',
      '2020.01244',
      '2022.00258',
      '2022.01883',
      '2022.01883',
    ]);
  });

  it('answers 404 to a funder admin reading another funder’s programme', async () => {
    const pdc = await signIn(t.app, 'financeur@pasdecalais.test');
    const res = await pdc.request('GET', `/api/v1/programs/${hdfProgramId}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const list = await pdc.request('GET', `/api/v1/funders/${hdfFunderId}/programs`);
    expect(list.statusCode).toBe(404);
  });

  it('rejects an invalid asOf date with a field error', async () => {
    const res = await hdf.request('GET', `/api/v1/programs/${hdfProgramId}?asOf=2023-02-30`);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].field).toBe('querystring.asOf');
  });
});

describe('amendments', () => {
  it('records an amendment that appears in the timeline and changes the as-of view from its date', async () => {
    const res = await hdf.request(
      'POST',
      `/api/v1/programs/${hdfProgramId}/amendments`,
      amendment({ plannedPasses: 70_000 }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().changedFields).toEqual(['plannedPasses']);
    const after = (await hdf.request('GET', `/api/v1/programs/${hdfProgramId}?asOf=2025-01-15`)).json();
    expect(after.state.plannedPasses).toBe(70_000);
    const dayBefore = (await hdf.request('GET', `/api/v1/programs/${hdfProgramId}?asOf=2025-01-14`)).json();
    expect(dayBefore.state.plannedPasses).toBe(66_100);
  });

  it('refuses an amendment lowering planned passes below the envelopes, and records nothing', async () => {
    const before = (await hdf.request('GET', `/api/v1/programs/${hdfProgramId}`)).json();
    const res = await hdf.request(
      'POST',
      `/api/v1/programs/${hdfProgramId}/amendments`,
      amendment({ plannedPasses: 20_000 }, '2024-06-01'),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('envelopes_over_cap');
    expect(res.json().errors[0].field).toBe('changes.plannedPasses');
    expect(res.json().detail).toMatch(/32\s000 pass,/);
    const after = (await hdf.request('GET', `/api/v1/programs/${hdfProgramId}`)).json();
    expect(after.timeline).toHaveLength(before.timeline.length);
  });

  it('refuses incoherent calendars naming the field', async () => {
    const res = await hdf.request(
      'POST',
      `/api/v1/programs/${hdfProgramId}/amendments`,
      amendment({ calendar: { usageEnd: '2019-01-01' } }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('changes.calendar.usageEnd');
  });

  it('lets a funder viewer read but not amend', async () => {
    const viewer = await signIn(t.app, 'lecteur@hautsdefrance.test');
    expect((await viewer.request('GET', `/api/v1/programs/${hdfProgramId}`)).statusCode).toBe(200);
    const res = await viewer.request(
      'POST',
      `/api/v1/programs/${hdfProgramId}/amendments`,
      amendment({ plannedPasses: 1 }),
    );
    expect(res.statusCode).toBe(403);
  });
});

describe('envelopes', () => {
  it('refuses an envelope over the cap and changes nothing', async () => {
    const before = (await hdf.request('GET', `/api/v1/programs/${hdfProgramId}`)).json();
    const res = await hdf.request('POST', `/api/v1/programs/${hdfProgramId}/envelopes`, {
      name: 'Trop gros',
      cap: 60_000,
      effectiveOn: '2023-01-01',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].field).toBe('cap');
    const after = (await hdf.request('GET', `/api/v1/programs/${hdfProgramId}`)).json();
    expect(after.allEnvelopes).toEqual(before.allEnvelopes);
  });

  it('creates an envelope limited to part of the territory, checked against INSEE codes', async () => {
    const bad = await hdf.request('POST', `/api/v1/programs/${hdfProgramId}/envelopes`, {
      name: 'Somme',
      cap: 1_000,
      effectiveOn: '2023-01-01',
      territory: [{ level: 'departement', code: '99' }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('territory.0.code');
    const ok = await hdf.request('POST', `/api/v1/programs/${hdfProgramId}/envelopes`, {
      name: 'Somme',
      cap: 1_000,
      effectiveOn: '2023-01-01',
      territory: [{ level: 'departement', code: '80' }],
    });
    expect(ok.statusCode).toBe(201);
    const view = (await hdf.request('GET', `/api/v1/programs/${hdfProgramId}?asOf=2023-06-01`)).json();
    expect(view.envelopes.map((e: { name: string }) => e.name)).toContain('Somme');
    // Shown by its name, never by its code (issue 11, point 7).
    const somme = view.envelopes.find((e: { name: string }) => e.name === 'Somme');
    expect(somme.territory[0].label).toBe('Somme (80) — département');
  });

  it('refuses an envelope whose territory lies outside the funder’s, naming it', async () => {
    const before = (await hdf.request('GET', `/api/v1/programs/${hdfProgramId}`)).json();
    // A commune of the Ariège, the EPCI of Verdun (Meuse), the Meuse itself: none in Hauts-de-France.
    for (const [i, ref] of [
      { level: 'commune', code: '09331' },
      { level: 'epci', code: '200049187' },
      { level: 'departement', code: '55' },
    ].entries()) {
      const res = await hdf.request('POST', `/api/v1/programs/${hdfProgramId}/envelopes`, {
        name: `Hors territoire ${i}`,
        cap: 10,
        effectiveOn: '2023-01-01',
        territory: [{ level: 'departement', code: '80' }, ref],
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors).toEqual([
        {
          field: 'territory.1.code',
          message: expect.stringMatching(/n’est pas dans le territoire du financeur/),
        },
      ]);
    }
    // Inside it, at every level: a commune of the Somme, an EPCI of the Nord, the Oise.
    const inside = await hdf.request('POST', `/api/v1/programs/${hdfProgramId}/envelopes`, {
      name: 'Dedans',
      cap: 10,
      effectiveOn: '2023-01-01',
      territory: [
        { level: 'commune', code: '80021' },
        { level: 'epci', code: '200093201' },
        { level: 'departement', code: '60' },
      ],
    });
    expect(inside.statusCode, inside.body).toBe(201);
    const after = (await hdf.request('GET', `/api/v1/programs/${hdfProgramId}`)).json();
    expect(after.allEnvelopes.length).toBe(before.allEnvelopes.length + 1);
  });
});
