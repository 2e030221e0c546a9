import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { newAccount, sessionOf } from '../../test/accounts.js';
import { type Client, startTestApp, type TestApp } from '../../test/app.js';
import { demoCampaign, handedOutBooklets, placeKey } from '../../test/circulation.js';
import * as auth from '../auth/service.js';
import * as finance from '../finance/service.js';
import * as passes from '../passes/service.js';
import * as programs from '../programs/service.js';
import * as stock from '../stock/service.js';
import * as places from './service.js';

/**
 * Issue 11, points 3 and 4: a place qualified by two funders (the Region and the Pas-de-Calais)
 * redeems the passes of both from one desk and one API key; suspended by one funder, it still
 * redeems the other's passes, while the suspending funder's are refused with place_suspended.
 */
let t: TestApp;
let hdfCodes: string[];
let pdcCodes: string[];
let placeId: string;
let hdf: Client;
let pdc: Client;
let hdfProgram: string;
let pdcProgram: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const c = await demoCampaign(t);
  hdf = c.funder;
  hdfProgram = c.programId;
  ({ codes: hdfCodes } = await handedOutBooklets(t, c, 1));

  pdc = await sessionOf(t, 'financeur@pasdecalais.test', DEMO_PASSWORD);
  const pdcId = pdc.session.memberships[0]!.funderId!;
  const db = t.database.db;
  const pdcAdmin = (await auth.actorByEmail(db, 'financeur@pasdecalais.test'))!;
  // The Département runs a campaign today too (its seed programme ended in 2024).
  const { program } = await programs.create(db, null, pdcId, {
    ...hautsDeFranceDemoCampaign.creation,
    legal: { ...hautsDeFranceDemoCampaign.creation.legal, number: 'DEMO-PDC-2026' },
    state: { ...hautsDeFranceDemoCampaign.creation.state, name: 'Pass numériques Pas-de-Calais 2026' },
  });
  pdcProgram = program.id;
  await passes.issue(db, pdcAdmin, pdcProgram, { bookletCount: 1, bookletSize: 5 });
  await finance.recordFunding(db, pdcAdmin, pdcProgram, {
    payer: 'Département du Pas-de-Calais',
    amountCents: 5_000,
    receivedOn: businessDate(),
    reference: 'Mandat PDC-1',
  });
  const orgs = (await pdc.request('GET', `/api/v1/funders/${pdcId}/organisations?kind=prescriber`)).json();
  const lens = orgs[0].id as string;
  const { serials } = await stock.allocate(db, pdcAdmin, pdcProgram, { prescriberId: lens, count: 1 });
  const agent = await newAccount(t, {
    funderId: pdcId,
    email: 'agent@mds-lens.test',
    role: 'prescriber_agent',
    organisationId: lens,
  });
  const handed = await agent.request('POST', `/api/v1/organisations/${lens}/hand-outs`, {
    serial: serials[0],
    beneficiary: {
      firstName: 'Odette',
      lastName: 'Lefranc',
      birthDate: '1949-05-02',
      communeCode: '62041',
      audience: 'senior_60_plus',
    },
  });
  if (handed.statusCode !== 201) throw new Error(handed.body);
  pdcCodes = await passes.bookletCodes(db, serials[0]!);

  // One place, added by both funders under its SIRET: the second one shares it.
  const body = { name: 'Tiers-lieu des Deux Caps', siret: '447 123 456 00017', communeCode: '62160' };
  const first = await hdf.request('POST', `/api/v1/funders/${c.funderId}/places`, body);
  placeId = first.json().id;
  const second = await pdc.request('POST', `/api/v1/funders/${pdcId}/places`, body);
  expect(second.json()).toMatchObject({ id: placeId, shared: true });
  // Qualified by the operator (actor null): the qualification steps have their own tests.
  await places.decide(db, null, hdfProgram, placeId, { decision: 'approved' });
  await places.decide(db, null, pdcProgram, placeId, { decision: 'approved' });
});
afterAll(() => t.close());

let nonce = 0;
const redemption = (code: string, placeIdInBody?: string) => ({
  ...(placeIdInBody ? { placeId: placeIdInBody } : {}),
  code,
  nonce: `shared-${nonce++}`,
  theme: STANDARD_SERVICES[0],
  durationMinutes: 60,
  format: 'individual',
});

describe('a place shared by two funders', () => {
  it('redeems both funders’ passes from one desk and one API key', async () => {
    const key = await placeKey(t, placeId);
    const byKey = (code: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/redemptions',
        headers: { authorization: `Bearer ${key}` },
        payload: redemption(code),
      });
    expect((await byKey(hdfCodes[0]!)).statusCode).toBe(201);
    expect((await byKey(pdcCodes[0]!)).statusCode).toBe(201);

    const desk = await newAccount(t, {
      funderId: hdf.session.memberships[0]!.funderId!,
      email: 'accueil@deux-caps.test',
      role: 'place_agent',
      organisationId: placeId,
    });
    expect(
      (await desk.request('POST', '/api/v1/redemptions', redemption(hdfCodes[1]!, placeId))).statusCode,
    ).toBe(201);
    expect(
      (await desk.request('POST', '/api/v1/redemptions', redemption(pdcCodes[1]!, placeId))).statusCode,
    ).toBe(201);
    const programsOfPlace = (await desk.request('GET', `/api/v1/places/${placeId}/programs`)).json();
    expect(programsOfPlace.map((p: { programId: string }) => p.programId).sort()).toEqual(
      [hdfProgram, pdcProgram].sort(),
    );
  });

  it('suspended by one funder, still redeems the other’s passes; the suspending funder’s get place_suspended', async () => {
    const suspended = await pdc.request(
      'POST',
      `/api/v1/programs/${pdcProgram}/places/${placeId}/decisions`,
      {
        decision: 'suspended',
        reason: 'Attestations de séance manquantes',
      },
    );
    expect(suspended.statusCode).toBe(201);
    const key = await placeKey(t, placeId);
    const byKey = (code: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/redemptions',
        headers: { authorization: `Bearer ${key}` },
        payload: redemption(code),
      });
    const refused = await byKey(pdcCodes[2]!);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('place_suspended');
    expect((await byKey(hdfCodes[2]!)).statusCode).toBe(201);
  });
});
