import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';

// A helpdesk asked « what happened to my booklet » of one handed out, then blocked: its history
// read « 1 mouvement », the allocation; the hand-out and the block, and who made them, were
// only in the journal. The history now tells the booklet's whole way.
let t: TestApp;
let c: Circulation;
let serial: string;
let missionLocale: string;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  let serials: string[];
  ({ serials, missionLocale } = await handedOutBooklets(t, c, 1));
  serial = serials[0]!;
});
afterAll(() => t.close());

const history = async () => {
  const res = await c.funder.request('GET', `/api/v1/funders/${c.funderId}/booklets/${serial}/movements`);
  expect(res.statusCode).toBe(200);
  return res.json() as {
    kind: string;
    fromId: string | null;
    fromName: string | null;
    toId: string | null;
    toName: string | null;
    actorEmail: string | null;
    reason: string | null;
    at: string;
  }[];
};

describe("a booklet's history", () => {
  it('tells its allocation, its hand-out by the prescriber, then its block and why, each by whom', async () => {
    expect((await history()).map((m) => m.kind)).toEqual(['allocate', 'hand_out']);
    const blocked = await c.funder.request('POST', `/api/v1/booklets/${serial}/block`, { reason: 'stolen' });
    expect(blocked.statusCode).toBe(200);

    const story = await history();
    expect(story.map((m) => m.kind)).toEqual(['allocate', 'hand_out', 'block']);
    expect(story[1]).toMatchObject({
      fromId: missionLocale,
      actorEmail: 'prescripteur@hautsdefrance.test',
      reason: null,
    });
    expect(story[2]).toMatchObject({ actorEmail: 'financeur@hautsdefrance.test', reason: 'stolen' });
    // Organisations by name as well as by id: the helpdesk reads names, software keeps the ids.
    expect(story[0]).toMatchObject({ fromId: null, fromName: null, toId: missionLocale });
    expect(story[0]!.toName).toBe('Mission locale du Grand Amiénois');
    expect(story[1]!.fromName).toBe('Mission locale du Grand Amiénois');
    // Blocked by the funder's staff: no prescriber, the funder named.
    expect(story[2]).toMatchObject({ fromId: null, fromName: 'Région Hauts-de-France' });
    const times = story.map((m) => m.at);
    expect([...times].sort()).toEqual(times);
  });

  it('is another funder’s to read only if the booklet is its own', async () => {
    const { signIn } = await import('../../test/app.js');
    const other = await signIn(t.app, 'financeur@pasdecalais.test');
    const pdc = other.session.memberships[0]!.funderId!;
    expect(
      (await other.request('GET', `/api/v1/funders/${pdc}/booklets/${serial}/movements`)).statusCode,
    ).toBe(404);
  });
});
