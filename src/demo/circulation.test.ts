import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../test/app.js';
import { demoCampaign } from '../test/circulation.js';

/**
 * The demo replays a year of a campaign: what its places see must read as real use would,
 * the latest redemption first (the list is in the order redemptions were recorded).
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
});
afterAll(() => t.close());

describe('the demo campaign', () => {
  it('shows each place its redemptions from the latest to the earliest, over several months', async () => {
    const c = await demoCampaign(t);
    const agent = await signIn(t.app, 'lieu@hautsdefrance.test');
    const place = c.organisations['Médiathèque Louis Aragon']!;
    const res = await agent.request('GET', `/api/v1/places/${place}/redemptions`);
    expect(res.statusCode).toBe(200);
    const days = (res.json().redemptions as { redeemedAt: string }[]).map((r) => r.redeemedAt);
    expect(days.length).toBeGreaterThan(20);
    expect(days).toEqual([...days].sort().reverse());
    // Months of use, not one day's.
    expect(new Set(days.map((d) => d.slice(0, 7))).size).toBeGreaterThan(3);
  });
});
