import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';

let t: TestApp;
let c: Circulation;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
});
afterAll(() => t.close());

describe('booklet serials', () => {
  it('never collide between two programmes whose ids share their first hex digits', async () => {
    const twins = ['abcde000-0000-4000-8000-000000000001', 'abcde000-0000-4000-8000-000000000002'];
    for (const id of twins) {
      // Two copies of the demo campaign, with ids chosen to share their first five hex digits.
      await t.database.pool.query('INSERT INTO programs (id, funder_id) VALUES ($1, $2)', [id, c.funderId]);
      await t.database.pool.query(
        `INSERT INTO program_amendments (funder_id, program_id, kind, effective_on, body, number, decided_on,
           votes_for, votes_against, abstentions, text, changes)
         SELECT funder_id, $1, kind, effective_on, body, number, decided_on, votes_for, votes_against,
           abstentions, text, changes
         FROM program_amendments WHERE program_id = $2 AND kind = 'creation'`,
        [id, c.programId],
      );
    }
    const serials: string[] = [];
    for (const id of twins) {
      const res = await c.funder.request('POST', `/api/v1/programs/${id}/issues`, {
        bookletCount: 2,
        bookletSize: 10,
      });
      expect(res.statusCode, res.body).toBe(201);
      serials.push(res.json().firstSerial, res.json().lastSerial);
    }
    expect(new Set(serials).size).toBe(4);
    const prefixes = new Set(serials.map((s) => s.split('-')[0]));
    expect(prefixes.size).toBe(2);
  });
});
