import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';
import { runEndOfProgrammes } from './end-of-programme.js';

// A programme manager prepares next year in December: the new programme, voted today, takes
// effect on 1 January, after this one's usage end. Offered as the carry-over's target, it used
// to be refused when chosen (« Dispositif suivant introuvable »): the choice was looked up as of
// today, when the new programme is not in force yet, while the list was drawn as of the step.
let t: TestApp;
let c: Circulation;
const today = businessDate();
const usageEnd = addDays(today, 20);
const nextStart = addDays(usageEnd, 1);
const NEXT = 'Campagne de l’an prochain';
const { creation } = hautsDeFranceDemoCampaign;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  const amended = await c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
    effectiveOn: today,
    legal: { ...creation.legal, number: 'FIN-ANNEE-1', decidedOn: today },
    changes: { calendar: { distributionEnd: usageEnd, usageEnd } },
  });
  expect(amended.statusCode, amended.body).toBe(201);
  const created = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/programs`, {
    effectiveOn: nextStart,
    legal: { ...creation.legal, number: 'ANNEE-2', decidedOn: today },
    state: {
      ...creation.state,
      name: NEXT,
      calendar: {
        distributionStart: nextStart,
        distributionEnd: addDays(nextStart, 300),
        usageEnd: addDays(nextStart, 360),
        closure: null,
      },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
});
afterAll(() => t.close());

describe('a carry-over to a programme that starts after this one ends', () => {
  it('is offered, and taken when chosen', async () => {
    const view = await c.funder.request('GET', `/api/v1/programs/${c.programId}/carry-over`);
    expect(view.statusCode).toBe(200);
    expect(view.json().candidates.map((x: { name: string }) => x.name)).toContain(NEXT);

    const chosen = await c.funder.request('PUT', `/api/v1/programs/${c.programId}/carry-over`, {
      target: NEXT,
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().target).toEqual({ name: NEXT });
    const again = await c.funder.request('GET', `/api/v1/programs/${c.programId}/carry-over`);
    expect(again.json().target).toEqual({ name: NEXT });
  });

  it('moves the passes never handed out to it the day after the usage end', async () => {
    const run = await runEndOfProgrammes(t.database.db, nextStart);
    expect(run.carried).toBeGreaterThan(0);
    const { rows } = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM passes p JOIN programs g ON g.id = p.program_id
        WHERE g.funder_id = $1 AND p.program_id <> $2 AND p.status IN ('issued', 'active')
          AND p.program_id = (SELECT to_program_id FROM carry_overs WHERE from_program_id = $2)`,
      [c.funderId, c.programId],
    );
    expect(rows[0].n).toBe(run.carried);
  });
});
