import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate, frenchDate } from '../../core/dates.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, programDecidedAhead } from '../../test/circulation.js';

/* The server owns the dates of issuing, funding and hand-out; caps hold at every later date. */
let t: TestApp;
let c: Circulation;
let agent: Client;
let missionLocale: string;

const today = businessDate();
const dayOffset = (n: number) => {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const amendment = (changes: Record<string, unknown>, effectiveOn: string, decidedOn = effectiveOn) => ({
  effectiveOn,
  legal: {
    body: 'Commission permanente',
    number: `T.${Math.floor(Math.random() * 1e9)}`,
    decidedOn,
    votesFor: null,
    votesAgainst: null,
    abstentions: null,
    text: 'Test',
  },
  changes,
});
const issue = (body: Record<string, unknown>) =>
  c.funder.request('POST', `/api/v1/programs/${c.programId}/issues`, body);
const fund = (body: Record<string, unknown>) =>
  c.funder.request('POST', `/api/v1/programs/${c.programId}/fundings`, {
    payer: 'Région Hauts-de-France',
    amountCents: 1_000,
    reference: `T ${Math.random()}`,
    ...body,
  });
const issued = async () =>
  Number(
    (await t.database.pool.query('SELECT count(*) FROM passes WHERE program_id = $1', [c.programId])).rows[0]
      .count,
  );
const lastAudit = async (action: string) =>
  (
    await t.database.pool.query(
      'SELECT summary FROM audit_entries WHERE action = $1 ORDER BY id DESC LIMIT 1',
      [action],
    )
  ).rows[0]?.summary;
const fieldsOf = (res: { json(): { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field);

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  agent = await signIn(t.app, 'prescripteur@hautsdefrance.test');
  missionLocale = c.organisations['Mission locale du Grand Amiénois']!;
});
afterAll(() => t.close());

describe('dates of issuing and funding', () => {
  it('default to today', async () => {
    const res = await issue({ bookletCount: 1, bookletSize: 10 });
    expect(res.statusCode).toBe(201);
    const { rows } = await t.database.pool.query('SELECT issued_on FROM issue_batches WHERE id = $1', [
      res.json().batchId,
    ]);
    expect(rows[0].issued_on).toBe(today);
    const funded = await fund({});
    expect(funded.statusCode).toBe(201);
  });

  it('refuse a future date, naming the field', async () => {
    const before = await issued();
    const res = await issue({ bookletCount: 1, bookletSize: 10, issuedOn: dayOffset(1) });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res)).toContain('issuedOn');
    expect(await issued()).toBe(before);
    const funding = await fund({ receivedOn: dayOffset(1) });
    expect(funding.statusCode).toBe(422);
    expect(fieldsOf(funding)).toContain('receivedOn');
  });

  it('say from when a programme decided ahead may issue', async () => {
    const { programId, startsOn: start } = await programDecidedAhead(
      c,
      'Campagne de l’an prochain',
      'EMISSION-AVANT',
    );
    const res = await c.funder.request('POST', `/api/v1/programs/${programId}/issues`, {
      bookletCount: 1,
      bookletSize: 10,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      {
        field: 'issuedOn',
        message: `Le dispositif prend effet le ${frenchDate(start)} : ses carnets peuvent être émis à partir de ce jour.`,
      },
    ]);
  });

  it('accept a past date only with a reason, kept in the audit trail', async () => {
    const bare = await issue({ bookletCount: 1, bookletSize: 10, issuedOn: dayOffset(-2) });
    expect(bare.statusCode).toBe(422);
    expect(fieldsOf(bare)).toContain('backdateReason');
    const ok = await issue({
      bookletCount: 1,
      bookletSize: 10,
      issuedOn: dayOffset(-2),
      backdateReason: 'Bon de commande signé avant-hier',
    });
    expect(ok.statusCode).toBe(201);
    expect(await lastAudit('passes.issue')).toMatchObject({
      issuedOn: dayOffset(-2),
      backdateReason: 'Bon de commande signé avant-hier',
    });
    const bareFunding = await fund({ receivedOn: dayOffset(-3) });
    expect(fieldsOf(bareFunding)).toContain('backdateReason');
    const funding = await fund({ receivedOn: dayOffset(-3), backdateReason: 'Avis de virement reçu tard' });
    expect(funding.statusCode).toBe(201);
    expect(await lastAudit('funding.record')).toMatchObject({ backdateReason: 'Avis de virement reçu tard' });
  });
});

describe('caps at the date and at every later date', () => {
  it('refuse an amendment that cuts the plan below the passes already issued', async () => {
    const fill = await issue({ bookletCount: Math.ceil((2_500 - (await issued())) / 10), bookletSize: 10 });
    expect(fill.statusCode).toBe(201);
    const res = await c.funder.request(
      'POST',
      `/api/v1/programs/${c.programId}/amendments`,
      amendment({ plannedPasses: 2_000 }, dayOffset(1), today),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('plan_below_issued');
    expect(fieldsOf(res)).toContain('changes.plannedPasses');
  });

  it('refuse passes issued yesterday beyond a plan cut that takes effect later', async () => {
    // The campaign plans 5,000 passes, 2,000 of them reserved to its envelope « Somme »; a cut
    // voted today, effective in two days, leaves 100 more than already issued outside it.
    const outsideBefore = Number(
      (
        await t.database.pool.query(
          'SELECT sum(booklet_count * booklet_size) AS n FROM issue_batches WHERE program_id = $1 AND envelope_id IS NULL',
          [c.programId],
        )
      ).rows[0].n,
    );
    const cut = await c.funder.request(
      'POST',
      `/api/v1/programs/${c.programId}/amendments`,
      amendment({ plannedPasses: outsideBefore + 2_000 + 100 }, dayOffset(2), today),
    );
    expect(cut.statusCode, cut.body).toBe(201);
    const before = await issued();
    // What still fits outside the envelope under 5,000 on that day: accepted on its own date,
    // refused from the cut on.
    const res = await issue({
      bookletCount: Math.floor((5_000 - 2_000 - outsideBefore) / 10),
      bookletSize: 10,
      envelopeId: null,
      issuedOn: dayOffset(-1),
      backdateReason: 'Rattrapage',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('program_cap_exceeded');
    expect(res.json().detail).toContain(`Au ${frenchDate(dayOffset(2))}`);
    expect(await issued()).toBe(before);
  });

  it('refuse a decision dated after its effective date', async () => {
    const res = await c.funder.request(
      'POST',
      `/api/v1/programs/${c.programId}/amendments`,
      amendment({ audiences: ['senior_60_plus'] }, dayOffset(-5), dayOffset(-1)),
    );
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res)).toContain('legal.decidedOn');
  });
});

describe('the date of a hand-out', () => {
  const person = {
    firstName: 'Yvette',
    lastName: 'Test',
    birthDate: '2001-01-01',
    communeCode: '80021',
    audience: 'etudiant',
  };
  const handOut = (body: Record<string, unknown>) =>
    agent.request('POST', `/api/v1/organisations/${missionLocale}/hand-outs`, body);

  it('judges eligibility on the day it is recorded: a typed future date makes nobody eligible', async () => {
    // Students become eligible in ten days; today they are not.
    const widen = await c.funder.request(
      'POST',
      `/api/v1/programs/${c.programId}/amendments`,
      amendment(
        { audiences: ['demandeur_emploi', 'senior_60_plus', 'jeune_18_25_insertion', 'etudiant'] },
        dayOffset(10),
        today,
      ),
    );
    expect(widen.statusCode).toBe(201);
    const stock = (await agent.request('GET', `/api/v1/organisations/${missionLocale}/stock`)).json();
    const serial = stock.booklets.find((b: { programId: string }) => b.programId === c.programId).serial;
    const future = await handOut({ serial, handedOutOn: dayOffset(10), beneficiary: person });
    expect(future.statusCode).toBe(422);
    expect(fieldsOf(future)).toContain('handedOutOn');
    const now = await handOut({ serial, beneficiary: person });
    expect(now.statusCode).toBe(422);
    expect(fieldsOf(now)).toContain('beneficiary.audience');
    const past = await handOut({
      serial,
      handedOutOn: dayOffset(-1),
      backdateReason: 'Oubli',
      beneficiary: person,
    });
    expect(past.statusCode).toBe(422);
    expect(fieldsOf(past)).toContain('handedOutOn');
  });
});
