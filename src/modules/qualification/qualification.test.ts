import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryLines } from '../../core/audit-labels.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { newAccount, sessionOf, TEST_PASSWORD } from '../../test/accounts.js';
import type { Client, TestApp } from '../../test/app.js';
import { startTestApp } from '../../test/app.js';
import { demoCampaign } from '../../test/circulation.js';

/**
 * Issue 11, point 4: a funder's questionnaire and charter, versioned; a place applies for a
 * programme (scored by the server), accepts the charter and gives its bank account; the funder
 * may approve it only then, and suspends it with a reason the place reads.
 */
let t: TestApp;
let hdf: Client;
let hdfId: string;
let programId: string;
let fablab: string;
let placeAdmin: Client;
beforeAll(async () => {
  t = await startTestApp({ demo: true });
  const c = await demoCampaign(t);
  hdf = await sessionOf(t, 'financeur@hautsdefrance.test', DEMO_PASSWORD);
  hdfId = c.funderId;
  programId = c.programId;
  fablab = c.organisations['Fab-lab de Beauvais']!;
  placeAdmin = await newAccount(t, {
    funderId: hdfId,
    email: 'direction@fablab-beauvais.test',
    role: 'place_admin',
    organisationId: fablab,
  });
});
afterAll(() => t.close());

const questionnaireUrl = () => `/api/v1/funders/${hdfId}/questionnaire`;
const charterUrl = () => `/api/v1/funders/${hdfId}/charter`;
const decide = (decision: string, reason?: string) =>
  hdf.request('POST', `/api/v1/programs/${programId}/places/${fablab}/decisions`, {
    decision,
    ...(reason ? { reason } : {}),
  });
type Issue = { field: string; message: string };
const fields = (body: { errors: Issue[] }) => body.errors.map((e) => e.field).sort();

type Gap = Issue & { yours: 'questionnaire' | 'charter' | null };
/** What the place's page says stands between it and its approval, the server judging. */
async function gapsOnPage(): Promise<Gap[] | undefined> {
  const res = await hdf.request('GET', `/api/v1/funders/${hdfId}/places/${fablab}`);
  expect(res.statusCode, res.body).toBe(200);
  const all = res.json().approvalGaps as { programId: string; gaps: Gap[] }[];
  return all.find((g) => g.programId === programId)?.gaps;
}
/** The page's list is the refusal's, word for word. */
const asRefused = (gaps: Gap[] | undefined) => gaps?.map(({ field, message }) => ({ field, message }));

const QUESTIONS = [
  {
    label: 'Combien de médiateurs numériques accueillent le public ?',
    kind: 'choice',
    choices: [
      { label: 'Aucun', points: 0 },
      { label: 'Un', points: 5 },
      { label: 'Deux ou plus', points: 10 },
    ],
  },
  { label: 'Le lieu est-il accessible aux fauteuils roulants ?', kind: 'yes_no', yesPoints: 5, noPoints: 0 },
];

const IBAN = 'FR76 3000 6000 0112 3456 7890 189';

describe('the funder’s questionnaire and charter', () => {
  it('refuses a pass mark above the highest possible score, naming the field', async () => {
    const res = await hdf.request('POST', questionnaireUrl(), { passMark: 40, questions: QUESTIONS });
    expect(res.statusCode).toBe(422);
    expect(fields(res.json())).toEqual(['passMark']);
    expect(res.json().errors[0].message).toContain('15 points');
  });

  it('versions the questionnaire: each change is a new version, the latest is current', async () => {
    const v1 = await hdf.request('POST', questionnaireUrl(), { passMark: 10, questions: QUESTIONS });
    expect(v1.statusCode).toBe(201);
    expect(v1.json()).toMatchObject({ version: 1, passMark: 10, maxScore: 15 });
    expect(v1.json().questions[1]).toMatchObject({
      kind: 'yes_no',
      choices: [
        { id: 'oui', label: 'Oui', points: 5 },
        { id: 'non', label: 'Non', points: 0 },
      ],
    });
    const v2 = await hdf.request('POST', questionnaireUrl(), { passMark: 12, questions: QUESTIONS });
    expect(v2.json()).toMatchObject({ version: 2, passMark: 12 });
    const read = (await placeAdmin.request('GET', questionnaireUrl())).json();
    expect(read.current).toMatchObject({ version: 2, passMark: 12 });
    expect(read.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('lets only the funder’s admins publish, and hides it from other funders', async () => {
    const viewer = await sessionOf(t, 'lecteur@hautsdefrance.test', DEMO_PASSWORD);
    expect((await viewer.request('POST', charterUrl(), { text: 'Charte' })).statusCode).toBe(403);
    expect(
      (await placeAdmin.request('POST', questionnaireUrl(), { passMark: 0, questions: QUESTIONS }))
        .statusCode,
    ).toBe(403);
    const pdc = await sessionOf(t, 'financeur@pasdecalais.test', DEMO_PASSWORD);
    expect((await pdc.request('GET', questionnaireUrl())).statusCode).toBe(404);
    expect((await pdc.request('GET', charterUrl())).statusCode).toBe(404);
  });
});

describe('a place applies and the funder decides', () => {
  it('refuses the approval of a place that has done nothing, saying what is missing', async () => {
    const res = await decide('approved');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('qualification_incomplete');
    expect(fields(res.json())).toEqual(['application', 'bankAccount', 'charter']);
    expect(res.json().detail).toContain('Fab-lab de Beauvais');
    expect(res.json().detail).toContain("n'a pas répondu au questionnaire");
    // The place's page said so before the click: the same list, the funder's own step marked.
    const gaps = await gapsOnPage();
    expect(asRefused(gaps)).toEqual(res.json().errors);
    expect(gaps!.map((g) => g.yours)).toEqual([null, 'charter', null]);
  });

  it('computes the score on the server, whatever the client claims', async () => {
    const current = (await placeAdmin.request('GET', questionnaireUrl())).json().current;
    const res = await placeAdmin.request('POST', `/api/v1/places/${fablab}/applications`, {
      programId,
      questionnaireVersion: current.version,
      answers: [
        { questionId: 'q1', choiceId: 'q1c2' },
        { questionId: 'q2', choiceId: 'non' },
      ],
      score: 999,
      passed: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      score: 5,
      maxScore: 15,
      passMark: 12,
      passed: false,
      questionnaireVersion: 2,
    });
  });

  it('refuses answers to an old version, and an unanswered question by its name', async () => {
    const old = await placeAdmin.request('POST', `/api/v1/places/${fablab}/applications`, {
      programId,
      questionnaireVersion: 1,
      answers: [
        { questionId: 'q1', choiceId: 'q1c3' },
        { questionId: 'q2', choiceId: 'oui' },
      ],
    });
    expect(old.statusCode).toBe(409);
    expect(old.json().code).toBe('questionnaire_outdated');
    const missing = await placeAdmin.request('POST', `/api/v1/places/${fablab}/applications`, {
      programId,
      questionnaireVersion: 2,
      answers: [{ questionId: 'q1', choiceId: 'q1c3' }],
    });
    expect(missing.statusCode).toBe(422);
    expect(fields(missing.json())).toEqual(['answers.q2']);
    expect(missing.json().errors[0].message).toContain('fauteuils roulants');
  });

  it('refuses the approval of a failing score, with the score and the pass mark', async () => {
    const res = await decide('approved');
    expect(res.statusCode).toBe(409);
    expect(fields(res.json())).toEqual(['bankAccount', 'charter', 'score']);
    expect(res.json().detail).toContain('5 points');
    expect(res.json().detail).toContain('12 points');
    expect(asRefused(await gapsOnPage())).toEqual(res.json().errors);
  });

  it('checks the bank account with French messages naming the field', async () => {
    const url = `/api/v1/places/${fablab}/applications/bank-accounts`;
    const bad = await placeAdmin.request('POST', url, {
      iban: 'FR76 3000 6000 0112 3456 7890 188',
      bic: 'AGRI',
      holder: ' ',
      currentPassword: TEST_PASSWORD,
    });
    expect(bad.statusCode).toBe(422);
    expect(fields(bad.json())).toEqual(['bic', 'holder', 'iban']);
    expect(bad.json().errors.find((e: Issue) => e.field === 'iban').message).toContain(
      'IBAN invalide : vérifiez la clé de contrôle',
    );
    const abroad = await placeAdmin.request('POST', url, {
      iban: 'BR1800360305000010009795493C1',
      bic: 'AGRIFRPP',
      holder: 'Fab-lab de Beauvais',
      currentPassword: TEST_PASSWORD,
    });
    expect(abroad.statusCode).toBe(422);
    expect(abroad.json().errors[0]).toMatchObject({
      field: 'iban',
      message: expect.stringContaining('SEPA'),
    });
    const wrongCountry = await placeAdmin.request('POST', url, {
      iban: IBAN,
      bic: 'DEUTDEFF',
      holder: 'Fab-lab de Beauvais',
      currentPassword: TEST_PASSWORD,
    });
    expect(fields(wrongCountry.json())).toEqual(['bic']);
    // An agent of the place cannot commit it.
    const agent = await newAccount(t, {
      funderId: hdfId,
      email: 'benevole@fablab-beauvais.test',
      role: 'place_agent',
      organisationId: fablab,
    });
    const byAgent = await agent.request('POST', url, {
      iban: IBAN,
      bic: 'AGRIFRPP',
      holder: 'Fab-lab',
      currentPassword: TEST_PASSWORD,
    });
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().detail).toContain("Seul l'administrateur du lieu");
  });

  it('keeps the bank account’s history, shown whole only to the place’s admin and the funder’s admins', async () => {
    const url = `/api/v1/places/${fablab}/applications/bank-accounts`;
    const first = await placeAdmin.request('POST', url, {
      iban: IBAN,
      bic: 'agrifrpp',
      holder: 'Fab-lab de Beauvais',
      currentPassword: TEST_PASSWORD,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' });
    const second = await placeAdmin.request('POST', url, {
      iban: 'DE89 3704 0044 0532 0130 00',
      bic: 'COBADEFFXXX',
      holder: 'Association Fab-lab de Beauvais',
      currentPassword: TEST_PASSWORD,
    });
    expect(second.statusCode).toBe(201);
    const history = (await placeAdmin.request('GET', url)).json();
    // The answer is the account as the list shows it, who recorded it included.
    const { formerAccountTransfers, ...recorded } = second.json();
    expect(recorded).toEqual(history[0]);
    expect(formerAccountTransfers).toEqual([]);
    expect(history[0].createdBy).toEqual(expect.any(String));
    expect(history.map((a: { iban: string }) => a.iban)).toEqual([
      'DE89370400440532013000',
      'FR7630006000011234567890189',
    ]);
    // The same account sent again, twice at once (a double click) and spelt otherwise: recorded
    // once, its admins told once.
    const told = async () =>
      (
        await t.database.pool.query(
          `SELECT count(*)::int AS n FROM notification_outbox WHERE template = 'safeguard_changed'`,
        )
      ).rows[0].n as number;
    const toldBefore = await told();
    const same = {
      iban: 'de89370400440532013000',
      bic: 'cobadeffxxx',
      holder: 'Association Fab-lab de Beauvais',
      currentPassword: TEST_PASSWORD,
    };
    const twice = await Promise.all([
      placeAdmin.request('POST', url, same),
      placeAdmin.request('POST', url, same),
    ]);
    expect(twice.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(history[0].id).toBeDefined();
    expect(twice.map((r) => r.json().id)).toEqual([history[0].id, history[0].id]);
    expect((await placeAdmin.request('GET', url)).json()).toHaveLength(2);
    expect(await told()).toBe(toldBefore);
    const agent = await sessionOf(t, 'benevole@fablab-beauvais.test', 'Quartz-Lantern-Velvet-2026!');
    const masked = (await agent.request('GET', url)).json();
    expect(masked[0]).toMatchObject({ iban: 'DE•• •••• •••• •••• ••30 00', full: false });
    expect(JSON.stringify(masked)).not.toContain('370400440532');

    const seen = (await hdf.request('GET', `/api/v1/funders/${hdfId}/places/${fablab}`)).json();
    expect(seen.qualification.bankAccount).toMatchObject({ iban: 'DE89370400440532013000', full: true });
    const viewer = await sessionOf(t, 'lecteur@hautsdefrance.test', DEMO_PASSWORD);
    const byViewer = (await viewer.request('GET', `/api/v1/funders/${hdfId}/places/${fablab}`)).json();
    expect(byViewer.qualification.bankAccount).toMatchObject({ full: false });
    expect(JSON.stringify(byViewer)).not.toContain('370400440532');
  });

  it('requires the current version of the charter', async () => {
    const v1 = await hdf.request('POST', charterUrl(), {
      text: 'Le lieu accueille gratuitement les bénéficiaires.\nIl rend compte de chaque séance.',
    });
    expect(v1.statusCode).toBe(201);
    expect(v1.json()).toMatchObject({ version: 1 });
    const accept = (version: number) =>
      placeAdmin.request('POST', `/api/v1/places/${fablab}/applications/charter`, {
        funderId: hdfId,
        version,
        signatory: 'Claire Dumont, présidente',
      });
    const accepted = await accept(1);
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ version: 1, signatory: 'Claire Dumont, présidente' });
    await hdf.request('POST', charterUrl(), { text: 'Version 2 : le lieu affiche la charte.' });
    const res = await decide('approved');
    expect(fields(res.json())).toEqual(['charter', 'score']);
    expect(res.json().detail).toContain('version 1');
    expect((await accept(1)).json().code).toBe('charter_outdated');
    expect((await accept(2)).statusCode).toBe(201);
  });

  it('approves once everything is there, then suspends with a reason the place reads', async () => {
    const passing = await placeAdmin.request('POST', `/api/v1/places/${fablab}/applications`, {
      programId,
      questionnaireVersion: 2,
      answers: [
        { questionId: 'q1', choiceId: 'q1c3' },
        { questionId: 'q2', choiceId: 'oui' },
      ],
    });
    expect(passing.json()).toMatchObject({ score: 15, passed: true });
    expect(await gapsOnPage()).toEqual([]);
    expect((await decide('approved')).statusCode).toBe(201);
    // Approved: an approval is no longer the next step for this programme.
    expect(await gapsOnPage()).toBeUndefined();
    expect((await decide('suspended', 'Séances non déclarées en octobre')).statusCode).toBe(201);

    const decisions = (await placeAdmin.request('GET', `/api/v1/places/${fablab}/decisions`)).json();
    expect(decisions.map((d: { decision: string }) => d.decision)).toEqual(['approved', 'suspended']);
    expect(decisions[1]).toMatchObject({ reason: 'Séances non déclarées en octobre' });

    const mine = (await placeAdmin.request('GET', `/api/v1/places/${fablab}/applications`)).json();
    const withHdf = mine.funders.find((f: { funderId: string }) => f.funderId === hdfId);
    expect(withHdf.charterAcceptance).toMatchObject({ version: 2, current: true });
    expect(
      withHdf.programs.find((p: { programId: string }) => p.programId === programId).application,
    ).toMatchObject({
      score: 15,
      passMark: 12,
    });

    const roster = (await hdf.request('GET', `/api/v1/funders/${hdfId}/places`)).json();
    expect(roster.find((p: { id: string }) => p.id === fablab)).toMatchObject({
      name: 'Fab-lab de Beauvais',
      shared: false,
      standings: [{ programId, standing: 'suspended' }],
      applications: [{ programId, score: 15, passMark: 12 }],
    });
    const seen = (await hdf.request('GET', `/api/v1/funders/${hdfId}/places/${fablab}`)).json();
    expect(seen.qualification.applications[0].questions[1].label).toContain('fauteuils');
    expect(seen.qualification.charterAcceptance).toMatchObject({ signatory: 'Claire Dumont, présidente' });
  });

  it('keeps every step in the audit trail', async () => {
    const trail = (await hdf.request('GET', `/api/v1/funders/${hdfId}/audit?limit=200`)).json();
    const actions = trail.entries.map((e: { action: string }) => e.action);
    for (const action of [
      'questionnaire.publish',
      'charter.publish',
      'place.apply',
      'place.charter_accept',
      'place.bank_account',
      'place.approve',
      'place.suspend',
    ])
      expect(actions).toContain(action);
    const bank = trail.entries.find((e: { action: string }) => e.action === 'place.bank_account');
    expect(JSON.stringify(bank.summary)).not.toContain('370400440532');
    // The journal reads every detail in French: a key without a label shows as it is stored.
    const raw = trail.entries.flatMap((e: { action: string; summary: Record<string, unknown> }) =>
      Object.keys(e.summary ?? {})
        .filter((key) => summaryLines({ [key]: 1 }, new Map())[0]?.startsWith(`${key} :`))
        .map((key) => `${e.action}: ${key}`),
    );
    expect(raw).toEqual([]);
  });
});
