import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../test/app.js';
import { demoCampaign } from '../../test/circulation.js';

let t: TestApp;
let hdf: Client;
let programId: string;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  ({ funder: hdf, programId } = await demoCampaign(t));
});
afterAll(() => t.close());

const legal = (number: string) => ({
  body: 'Commission permanente',
  number,
  decidedOn: '2026-06-01',
  votesFor: null,
  votesAgainst: null,
  abstentions: null,
  text: '',
});
const amend = (body: Record<string, unknown>) =>
  hdf.request('POST', `/api/v1/programs/${programId}/amendments`, body);
const asOf = async (date: string) =>
  (await hdf.request('GET', `/api/v1/programs/${programId}?asOf=${date}`)).json();

describe('a rectifying amendment', () => {
  it('supersedes the wrong amendment at every date; the timeline shows both', async () => {
    // Typed wrongly: 4 000 passes instead of 4 500, and the State's public dropped by mistake.
    const wrong = await amend({
      effectiveOn: '2026-06-01',
      legal: legal('2026.0500'),
      changes: { plannedPasses: 4_000, audiences: ['demandeur_emploi'] },
    });
    expect(wrong.statusCode).toBe(201);
    expect((await asOf('2026-07-01')).state.plannedPasses).toBe(4_000);

    const fix = await amend({
      effectiveOn: '2026-06-01',
      legal: legal('2026.0512'),
      changes: { plannedPasses: 4_500 },
      rectifies: wrong.json().id,
    });
    expect(fix.statusCode).toBe(201);
    expect(fix.json().rectifies).toBe(wrong.json().id);

    const view = await asOf('2026-07-01');
    expect(view.state.plannedPasses).toBe(4_500);
    // The wrong amendment no longer counts at all: the audiences are the creation's again.
    expect(view.state.audiences.map((a: { code: string }) => a.code)).toEqual([
      'demandeur_emploi',
      'senior_60_plus',
      'jeune_18_25_insertion',
    ]);
    const entries = view.timeline.filter((e: { kind: string }) => e.kind === 'amendment');
    expect(entries).toEqual([
      expect.objectContaining({ id: wrong.json().id, supersededBy: fix.json().id, rectifies: null }),
      expect.objectContaining({ id: fix.json().id, supersededBy: null, rectifies: wrong.json().id }),
    ]);
  });

  it('is refused for an amendment already rectified, for the creation, and for another programme’s', async () => {
    const view = await asOf('2026-07-01');
    const superseded = view.timeline.find((e: { supersededBy: string | null }) => e.supersededBy);
    const twice = await amend({
      effectiveOn: '2026-06-01',
      legal: legal('2026.0513'),
      changes: { plannedPasses: 4_600 },
      rectifies: superseded.id,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({
      code: 'amendment_already_rectified',
      errors: [{ field: 'rectifies' }],
    });
    const creation = view.timeline.find((e: { kind: string }) => e.kind === 'creation');
    const founding = await amend({
      effectiveOn: '2026-06-01',
      legal: legal('2026.0514'),
      changes: { plannedPasses: 4_600 },
      rectifies: creation.id,
    });
    expect(founding.json().errors[0].field).toBe('rectifies');
    const elsewhere = await amend({
      effectiveOn: '2026-06-01',
      legal: legal('2026.0515'),
      changes: { plannedPasses: 4_600 },
      rectifies: '00000000-0000-4000-8000-000000000000',
    });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().errors[0].field).toBe('rectifies');
  });

  it('is refused when it repeats the amendment it rectifies: it would correct nothing', async () => {
    const decided = { ...legal('2026.0800'), decidedOn: '2026-09-01' };
    const wrong = await amend({
      effectiveOn: '2026-09-01',
      legal: decided,
      changes: { plannedPasses: 4_200 },
    });
    expect(wrong.statusCode).toBe(201);
    const same = await amend({
      effectiveOn: '2026-09-01',
      legal: { ...decided, number: '2026.0801' },
      changes: { plannedPasses: 4_200 },
      rectifies: wrong.json().id,
    });
    expect(same.statusCode).toBe(422);
    expect(same.json().errors).toEqual([
      {
        field: 'changes',
        message: expect.stringContaining('reprend la délibération n° 2026.0800 telle quelle'),
      },
    ]);
    // Nothing recorded: the wrong amendment still counts and can still be rectified.
    const view = await asOf('2026-09-02');
    expect(view.timeline.find((e: { id: string }) => e.id === wrong.json().id).supersededBy).toBeNull();
    const moved = await amend({
      effectiveOn: '2026-09-15',
      legal: { ...decided, number: '2026.0802' },
      changes: { plannedPasses: 4_200 },
      rectifies: wrong.json().id,
    });
    expect(moved.statusCode).toBe(201);
  });

  it('is checked like any amendment on the history it leaves', async () => {
    const wrong = await amend({
      effectiveOn: '2026-08-01',
      legal: { ...legal('2026.0600'), decidedOn: '2026-08-01' },
      changes: { plannedPasses: 3_000 },
    });
    const res = await amend({
      effectiveOn: '2026-08-01',
      legal: { ...legal('2026.0601'), decidedOn: '2026-08-01' },
      changes: { plannedPasses: 1_000 },
      rectifies: wrong.json().id,
    });
    // The Somme envelope holds 2 000 passes: a plan of 1 000 would leave it over the cap.
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('envelopes_over_cap');
  });

  it('lifts a mistaken suspension for the database’s redemption rule as for the programme page', async () => {
    const dbStatus = async (day: string) =>
      (await t.database.pool.query('SELECT program_status($1, $2::date) AS s', [programId, day])).rows[0].s;
    const decided = { ...legal('2026.0700'), decidedOn: '2026-07-15' };
    const wrong = await amend({
      effectiveOn: '2026-07-15',
      legal: decided,
      changes: { status: 'suspended' },
    });
    expect(wrong.statusCode).toBe(201);
    expect((await asOf('2026-07-20')).status).toBe('suspended');
    expect(await dbStatus('2026-07-20')).toBe('suspended');

    // The suspension was meant for another programme: the rectified text changes the plan only.
    const fix = await amend({
      effectiveOn: '2026-07-15',
      legal: { ...decided, number: '2026.0701' },
      changes: { plannedPasses: 4_500 },
      rectifies: wrong.json().id,
    });
    expect(fix.statusCode).toBe(201);
    expect((await asOf('2026-07-20')).status).toBe('running');
    // The database, which decides redemptions, must not still see the superseded suspension.
    expect(await dbStatus('2026-07-20')).toBe('running');
  });
});

describe('a deliberation', () => {
  it('is recorded once for a date: sent again, from a second tab, it is refused', async () => {
    const decided = { ...legal('2026.0900'), decidedOn: '2026-10-01' };
    const first = await amend({
      effectiveOn: '2026-10-01',
      legal: decided,
      changes: { plannedPasses: 4_300 },
    });
    expect(first.statusCode).toBe(201);
    // The same form, sent again from a second tab.
    const again = await amend({
      effectiveOn: '2026-10-01',
      legal: decided,
      changes: { plannedPasses: 4_300 },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'deliberation_recorded',
      errors: [{ field: 'legal.number', message: expect.stringContaining('n° 2026.0900') }],
    });
    const view = await asOf('2026-10-02');
    expect(
      view.timeline.filter((e: { legal: { number: string } }) => e.legal.number === '2026.0900'),
    ).toHaveLength(1);
    // One deliberation may change the programme on two dates: recorded once for each.
    const later = await amend({
      effectiveOn: '2026-11-01',
      legal: decided,
      changes: { lateSessionDays: 20 },
    });
    expect(later.statusCode).toBe(201);
  });
});
