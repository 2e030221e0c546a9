import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { contestLastDay, dayAfterMonth, nextMonth } from '../../core/statement.js';
import type { Db } from '../../db/client.js';
import * as schema from '../../db/schema/index.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from './service.js';

/**
 * The monthly run's statement_ready e-mails (issue 12, bench:statements): each place's admins
 * get their own statement's figures, in the run's transaction, and the run writes them
 * set-based: the queries it sends do not grow with the statements it issues (a query per
 * statement made the e-mails most of the run's time for 5,000 places).
 */
let t: TestApp;
let c: Circulation;
let codes: string[];
const month = businessDate().slice(0, 7);
const later = nextMonth(month);
const latest = nextMonth(later);

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  ({ codes } = await handedOutBooklets(t, c, 1));
});
afterAll(() => t.close());

const redeemAt = (place: string, code: string) =>
  redemptions.redeem(
    t.database.db,
    { placeId: c.organisations[place]!, userId: null, keyId: null, label: 'test' },
    { code, nonce: randomUUID(), theme: STANDARD_SERVICES[0], durationMinutes: 60, format: 'individual' },
    24,
  );

/** statements.run on the same database, counting the queries it sends. */
async function countedRun(m: string) {
  let queries = 0;
  const db = drizzle(t.database.pool, { schema, logger: { logQuery: () => queries++ } }) as unknown as Db;
  const result = await statements.run(db, { month: m, funderId: c.funderId }, dayAfterMonth(m));
  return { issued: result.funders[0]?.issued ?? 0, queries };
}

async function notices(m: string) {
  const { rows } = await t.database.pool.query(
    `SELECT o.recipient, o.params FROM notification_outbox o
      WHERE o.template = 'statement_ready' AND o.params->>'month' = $1 ORDER BY o.recipient`,
    [m],
  );
  return rows as { recipient: string; params: Record<string, unknown> }[];
}

describe('the monthly run', () => {
  it('writes the e-mails in as many queries for two statements as for one', async () => {
    // What the demo left to state goes on this month's statements first.
    await statements.run(t.database.db, { month, funderId: c.funderId }, dayAfterMonth(month));
    await redeemAt('Médiathèque Louis Aragon', codes[0]!);
    const one = await countedRun(later);
    expect(one.issued).toBe(1);
    await redeemAt('Médiathèque Louis Aragon', codes[1]!);
    await redeemAt('Centre social Arras Ouest', codes[2]!);
    const two = await countedRun(latest);
    expect(two.issued).toBe(2);
    expect(two.queries).toBe(one.queries);
  });

  it("gives each place's admins their own statement's figures, once", async () => {
    const { rows } = await t.database.pool.query(
      `SELECT s.number, s.total_cents::int AS total, s.created_at, o.name, o.id FROM statements s
         JOIN organisations o ON o.id = s.place_id
        WHERE s.funder_id = $1 AND s.month = $2::date ORDER BY o.name`,
      [c.funderId, `${latest}-01`],
    );
    const sent = await notices(latest);
    expect(sent.map((m) => m.recipient)).toEqual(['lieu@hautsdefrance.test', 'mediateur@hautsdefrance.test']);
    const byPlace = (name: string) => rows.find((r) => r.name === name)!;
    for (const [recipient, place] of [
      ['lieu@hautsdefrance.test', 'Médiathèque Louis Aragon'],
      ['mediateur@hautsdefrance.test', 'Centre social Arras Ouest'],
    ] as const) {
      const s = byPlace(place);
      expect(sent.find((m) => m.recipient === recipient)?.params).toEqual({
        placeName: place,
        // The link names the place: its admin may serve another place too (« Consulter vos relevés »).
        placeId: s.id,
        funderName: 'Région Hauts-de-France',
        programName: expect.stringMatching(/\S/),
        statementNumber: s.number,
        month: latest,
        totalCents: s.total,
        contestBy: contestLastDay(new Date(s.created_at)),
      });
    }
    // A second run issues nothing and writes no e-mail again.
    await statements.run(t.database.db, { month: latest, funderId: c.funderId }, dayAfterMonth(latest));
    expect(await notices(latest)).toHaveLength(2);
  });
});
