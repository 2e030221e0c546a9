import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { newAccount } from '../../test/accounts.js';
import type { Client, TestApp } from '../../test/app.js';
import { startTestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';

// A programme manager prepares next year's programme in December, voted now, in force on
// 1 January: places must apply ahead to be qualified on its first day. The place's page hid it
// (the API took the application all the same), and offered the programme that closed in 2024.
let t: TestApp;
let c: Circulation;
let placeAdmin: Client;
let fablab: string;
const today = businessDate();
const start = addDays(today, 30);
const NEXT = 'Pass numériques Hauts-de-France 2027';
const ENDED = 'Pass numériques Hauts-de-France';
let nextId: string;

const apply = (programId: string, version: number) =>
  placeAdmin.request('POST', `/api/v1/places/${fablab}/applications`, {
    programId,
    questionnaireVersion: version,
    answers: [{ questionId: 'q1', choiceId: 'oui' }],
  });
const offered = async () =>
  (
    (await placeAdmin.request('GET', `/api/v1/places/${fablab}/applications`)).json().funders as {
      funderId: string;
      programs: { programName: string }[];
    }[]
  )
    .find((f) => f.funderId === c.funderId)!
    .programs.map((p) => p.programName);

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  fablab = c.organisations['Fab-lab de Beauvais']!;
  placeAdmin = await newAccount(t, {
    funderId: c.funderId,
    email: 'direction@fablab-2027.test',
    role: 'place_admin',
    organisationId: fablab,
  });
  const { creation } = hautsDeFranceDemoCampaign;
  const created = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/programs`, {
    effectiveOn: start,
    legal: { ...creation.legal, number: 'CP-2027', decidedOn: today },
    state: {
      ...creation.state,
      name: NEXT,
      calendar: {
        distributionStart: start,
        distributionEnd: addDays(start, 300),
        usageEnd: addDays(start, 360),
        closure: null,
      },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  nextId = created.json().id;
  const questionnaire = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/questionnaire`, {
    passMark: 5,
    questions: [{ label: 'Le lieu accueille-t-il du public ?', kind: 'yes_no', yesPoints: 5, noPoints: 0 }],
  });
  expect(questionnaire.statusCode, questionnaire.body).toBe(201);
});
afterAll(() => t.close());

describe('the programmes a place may apply to', () => {
  it('are those to come and those running, not one whose usage has ended', async () => {
    const names = await offered();
    expect(names).toContain(NEXT);
    expect(names).toContain(hautsDeFranceDemoCampaign.creation.state.name);
    expect(names).not.toContain(ENDED);
  });

  it('takes an application to next year’s programme, and refuses one to the programme that ended', async () => {
    expect((await apply(nextId, 1)).statusCode).toBe(201);
    const programs = (await c.funder.request('GET', `/api/v1/funders/${c.funderId}/programs`)).json();
    const ended = programs.find((p: { name: string }) => p.name === ENDED);
    const refused = await apply(ended.id, 1);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'program_closed_to_applications',
      errors: [{ field: 'programId', message: 'Choisissez un dispositif en cours ou à venir.' }],
    });
    expect(refused.json().detail).toContain('il ne prend plus de nouveaux lieux');
  });
});
