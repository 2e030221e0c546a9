import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';

// An auditor found a place renamed « Association Tartempion » with nothing in the funder's
// journal, every earlier entry now reading the new name. The funder now reads the rename, and
// the name it had before, in its own journal.
let t: TestApp;
let c: Circulation;
let placeAdmin: Client;
let placeId: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  placeAdmin = await signIn(t.app, 'lieu@hautsdefrance.test');
  placeId = c.organisations['Médiathèque Louis Aragon']!;
});
afterAll(() => t.close());

describe('a place renamed by its admin', () => {
  it('is in the journal of each funder it works with, with its former name', async () => {
    const current = (await placeAdmin.request('GET', `/api/v1/places/${placeId}/profile`)).json();
    const res = await placeAdmin.request('PUT', `/api/v1/places/${placeId}/profile`, {
      ...current.profile,
      name: 'Association Tartempion',
      communeCode: current.communeCode,
    });
    expect(res.statusCode, res.body).toBe(200);

    const journal = await c.funder.request(
      'GET',
      `/api/v1/funders/${c.funderId}/audit?action=place.profile_update`,
    );
    expect(journal.statusCode).toBe(200);
    const [entry] = journal.json().entries;
    expect(entry.objectId).toBe(placeId);
    expect(entry.details).toEqual(
      expect.arrayContaining([
        'Modifié : nom',
        'Ancien nom : Médiathèque Louis Aragon',
        'Nom : Association Tartempion',
      ]),
    );
  });
});
