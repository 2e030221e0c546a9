import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../test/app.js';
import { demoCampaign } from '../../test/circulation.js';

// Two deliberations for the same day: the one decided later applies after the other. Recording
// the older one afterwards (history caught up) was accepted and changed nothing shown, with no
// word of it: the answer and the timeline now name the fields it sets that never were in force.
let t: TestApp;
let hdf: Client;
let programId: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  ({ funder: hdf, programId } = await demoCampaign(t));
});
afterAll(() => t.close());

const legal = (number: string, decidedOn: string) => ({
  body: 'Commission permanente',
  number,
  decidedOn,
  votesFor: null,
  votesAgainst: null,
  abstentions: null,
  text: '',
});
const amend = (body: Record<string, unknown>) =>
  hdf.request('POST', `/api/v1/programs/${programId}/amendments`, body);

describe('an older deliberation recorded after a newer one for the same day', () => {
  it('says which of its changes never are in force, and by which deliberation', async () => {
    const newer = await amend({
      effectiveOn: '2026-06-01',
      legal: legal('2026.0600', '2026-05-28'),
      changes: { plannedPasses: 4_500 },
    });
    expect(newer.statusCode, newer.body).toBe(201);
    expect(newer.json().overridden).toEqual([]);

    const older = await amend({
      effectiveOn: '2026-06-01',
      legal: legal('2026.0580', '2026-05-14'),
      changes: { plannedPasses: 4_000, lateSessionDays: 45 },
    });
    expect(older.statusCode, older.body).toBe(201);
    expect(older.json().overridden).toEqual([{ field: 'plannedPasses', by: newer.json().id }]);

    const view = (await hdf.request('GET', `/api/v1/programs/${programId}?asOf=2026-07-01`)).json();
    // What the answer says is what the programme shows: the newer plan, the older's other change.
    expect(view.state.plannedPasses).toBe(4_500);
    expect(view.state.lateSessionDays).toBe(45);
    const entry = (id: string) => view.timeline.find((e: { id: string }) => e.id === id);
    expect(entry(older.json().id).overridden).toEqual([{ field: 'plannedPasses', by: newer.json().id }]);
    expect(entry(newer.json().id).overridden).toEqual([]);
  });
});
