import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { notificationOutbox } from '../../db/schema/index.js';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { demoCampaign, handedOutBooklets, redeemCodes } from '../../test/circulation.js';
import * as auth from '../auth/service.js';
import { noticeUnusualDays } from './unusual-days-notice.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
}, 60_000);
afterAll(() => t.close());

const notices = () =>
  t.database.db.select().from(notificationOutbox).where(eq(notificationOutbox.template, 'unusual_days'));

describe('the morning-after notice of unusual days', () => {
  it('tells each of the funder’s admins, once, of the place that redeemed far more than usual yesterday', async () => {
    const today = businessDate();
    const c = await demoCampaign(t);
    const placeId = c.organisations['Médiathèque Louis Aragon']!;
    const { codes } = await handedOutBooklets(t, c, 3);
    await redeemCodes(await signIn(t.app, 'lieu@hautsdefrance.test'), placeId, codes, 'notice');

    // This morning: yesterday was a usual day, and today is not over.
    expect(await noticeUnusualDays(t.database.db, today)).toBe(0);
    expect(await notices()).toHaveLength(0);

    // Tomorrow morning: today is told to every admin of the funder, the demo's included.
    const admins = await auth.funderAdminEmails(t.database.db, c.funderId);
    expect(admins).toContain('financeur@hautsdefrance.test');
    expect(await noticeUnusualDays(t.database.db, addDays(today, 1))).toBe(admins.length);
    const sent = await notices();
    expect(sent.map((m) => m.recipient).sort()).toEqual([...admins].sort());
    for (const m of sent) {
      expect(m.funderId).toBe(c.funderId);
      // The funder's rule, for the message to say it (the default: it set none).
      expect(m.params).toMatchObject({
        // Named in the dashboard's link, for a person of two funders.
        funderId: c.funderId,
        programId: c.programId,
        day: today,
        rule: { minimum: 20, factor: 3 },
      });
      const places = (m.params as { places: { placeName: string; redemptions: number }[] }).places;
      expect(places.map((p) => p.placeName)).toEqual(['Médiathèque Louis Aragon']);
      expect(places[0]!.redemptions).toBeGreaterThanOrEqual(codes.length);
    }

    // The job runs every hour: the day is told once.
    expect(await noticeUnusualDays(t.database.db, addDays(today, 1))).toBe(0);
    expect(await notices()).toHaveLength(admins.length);
  });
});
