import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { dayAfterMonth } from '../../core/statement.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import { pdfText } from '../../test/pdf.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from './service.js';

// An auditor found that a statement already sent and paid read the place's new name once the
// place was renamed, and named neither party by its SIRET: the public accountant files it as
// the supporting document of a payment, which must say whom it was owed to, as it was issued.
let t: TestApp;
let c: Circulation;
let placeAdmin: Client;
let placeId: string;
let statementId: string;
const month = businessDate().slice(0, 7);
const sirets = { place: '', funder: '' };

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  placeId = c.organisations['Médiathèque Louis Aragon']!;
  placeAdmin = await signIn(t.app, 'lieu@hautsdefrance.test');
  const { codes } = await handedOutBooklets(t, c, 1);
  await redemptions.redeem(
    t.database.db,
    { placeId, userId: null, keyId: null, label: 'test' },
    {
      code: codes[0]!,
      nonce: randomUUID(),
      theme: STANDARD_SERVICES[0],
      durationMinutes: 60,
      format: 'individual',
    },
    24,
  );
  await statements.run(t.database.db, { month }, dayAfterMonth(month));
  const list = (await placeAdmin.request('GET', `/api/v1/places/${placeId}/statements`)).json();
  statementId = list.statements.find((s: { month: string }) => s.month === month).id;
  const { rows } = await t.database.pool.query(
    'SELECT (SELECT siret FROM organisations WHERE id = $1) AS place, (SELECT siret FROM funders WHERE id = $2) AS funder',
    [placeId, c.funderId],
  );
  Object.assign(sirets, rows[0]);
});
afterAll(() => t.close());

const pdf = async () => {
  const res = await placeAdmin.request('GET', `/api/v1/statements/${statementId}/pdf`);
  expect(res.statusCode).toBe(200);
  return pdfText(res.rawPayload);
};

describe("a statement's parties", () => {
  it('are named with their SIRET on the PDF, the CSV and in the list', async () => {
    expect(sirets.place).toMatch(/^\d{14}$/);
    const text = await pdf();
    expect(text).toContain(`SIRET ${sirets.place}`);
    expect(text).toContain(`SIRET ${sirets.funder}`);
    const csv = (await placeAdmin.request('GET', `/api/v1/statements/${statementId}/csv`)).body;
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(row!.split(';')[header!.split(';').indexOf('SIRET du lieu')]).toBe(sirets.place);
    const list = (
      await c.funder.request('GET', `/api/v1/funders/${c.funderId}/statements?month=${month}`)
    ).json();
    const listed = list.statements.find((s: { id: string }) => s.id === statementId);
    expect(listed).toMatchObject({ placeSiret: sirets.place, funderSiret: sirets.funder });
  });

  it('stay as they were when it was issued after the place is renamed', async () => {
    const current = (await placeAdmin.request('GET', `/api/v1/places/${placeId}/profile`)).json();
    const renamed = await placeAdmin.request('PUT', `/api/v1/places/${placeId}/profile`, {
      ...current.profile,
      name: 'Espace numérique Aragon',
      communeCode: current.communeCode,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);

    const text = await pdf();
    expect(text).toContain('Médiathèque Louis Aragon');
    expect(text).not.toContain('Espace numérique Aragon');
    const listed = (await placeAdmin.request('GET', `/api/v1/places/${placeId}/statements`))
      .json()
      .statements.find((s: { id: string }) => s.id === statementId);
    expect(listed.placeName).toBe('Médiathèque Louis Aragon');
  });
});
