import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate, frenchDate } from '../../core/dates.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, programDecidedAhead } from '../../test/circulation.js';
import { decidedOn } from '../programs/service.js';

/*
 * A finance officer records the money received on the demo's running campaign: the date it
 * came in must be a plausible one, and the same funding submitted twice is caught.
 */
let t: TestApp;
let c: Circulation;
const today = businessDate();

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
});
afterAll(() => t.close());

const url = (path = '') => `/api/v1/programs/${c.programId}${path}`;
const fund = (body: Record<string, unknown>) =>
  c.funder.request('POST', url('/fundings'), {
    payer: 'Région Hauts-de-France',
    amountCents: 450,
    receivedOn: today,
    // Small amounts, past the Region's share all the same: not what these tests are about.
    confirmOverShare: true,
    ...body,
  });
const fundings = async () =>
  (await c.funder.request('GET', url('/finance'))).json().fundings as {
    id: string;
    reference: string;
    reversal: unknown;
  }[];
const errorsOf = (res: { json(): { errors?: { field: string; message: string }[] } }) =>
  res.json().errors ?? [];

describe('the date a funding was received', () => {
  it('is refused before 2000, on its field, in French', async () => {
    const before = (await fundings()).length;
    const res = await fund({ reference: 'VIR-1850', receivedOn: '1850-01-01', backdateReason: 'Reprise' });
    expect(res.statusCode, res.body).toBe(422);
    expect(errorsOf(res)).toEqual([
      {
        field: 'receivedOn',
        message: `La date de réception (1er janvier 1850) n'est pas plausible : indiquez une date entre le 1er janvier 2000 et le ${frenchDate(today)}.`,
      },
    ]);
    expect((await fundings()).length).toBe(before);
  });

  it('is refused before the deliberation that decided the programme, and nothing is recorded', async () => {
    // A year mistyped (2025 for 2026) was recorded against a budget of 0 € and activated passes.
    const decided = (await decidedOn(t.database.db, c.programId))!;
    const before = (await fundings()).length;
    const res = await fund({
      reference: 'VIR-AVANT',
      receivedOn: addDays(decided, -1),
      backdateReason: 'Virement reçu avant la délibération',
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(errorsOf(res)).toEqual([
      {
        field: 'receivedOn',
        message: `Le dispositif a été décidé le ${frenchDate(decided)} : un versement reçu avant ce jour ne peut pas lui être rattaché.`,
      },
    ]);
    // Said first, before any question on the payer's share, which a date before the
    // programme makes 0 €: confirming that share would only lead to this refusal.
    const unconfirmed = await fund({
      reference: 'VIR-AVANT-2',
      receivedOn: addDays(decided, -1),
      backdateReason: 'Virement reçu avant la délibération',
      confirmOverShare: undefined,
    });
    expect(unconfirmed.statusCode, unconfirmed.body).toBe(422);
    expect(errorsOf(unconfirmed)[0]?.field).toBe('receivedOn');
    expect((await fundings()).length).toBe(before);
    // The day of the decision is the programme's.
    const first = await fund({
      reference: 'VIR-JOUR-DECISION',
      receivedOn: decided,
      backdateReason: 'Reprise',
    });
    expect(first.statusCode, first.body).toBe(201);
    // The database holds the rule for every writer, not only this service.
    await expect(
      t.database.pool.query(
        `INSERT INTO fundings (funder_id, program_id, payer, amount_cents, received_on, reference)
         VALUES ($1, $2, 'Région Hauts-de-France', 100, $3, 'SQL-AVANT')`,
        [c.funderId, c.programId, addDays(decided, -1)],
      ),
    ).rejects.toMatchObject({ constraint: 'fundings_not_before_decision' });
  });

  it('is still refused in the future (2207 as well as tomorrow)', async () => {
    for (const receivedOn of ['2207-01-01', addDays(today, 1)]) {
      const res = await fund({ reference: `VIR-${receivedOn}`, receivedOn });
      expect(res.statusCode).toBe(422);
      expect(errorsOf(res)).toEqual([{ field: 'receivedOn', message: expect.stringContaining('futur') }]);
    }
  });
});

describe('the same funding recorded twice', () => {
  const transfer = { reference: 'VIR-2026-0451', amountCents: 12_345 };

  it('is refused unless confirmed, naming the funding already recorded', async () => {
    const first = await fund(transfer);
    expect(first.statusCode, first.body).toBe(201);
    const before = (await fundings()).length;

    const again = await fund(transfer);
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().code).toBe('duplicate_funding');
    expect(again.json().duplicateOf).toBe(first.json().fundingId);
    const detail: string = again.json().detail;
    expect(detail).toContain('123,45\u00A0€');
    expect(detail).toContain('Région Hauts-de-France');
    expect(detail).toContain(`reçu le ${frenchDate(today)}`);
    expect(detail).toContain('« VIR-2026-0451 »');
    expect(detail).toMatch(/Confirmez/);
    expect(errorsOf(again)).toEqual([{ field: 'reference', message: detail }]);
    expect((await fundings()).length).toBe(before);

    const confirmed = await fund({ ...transfer, confirmDuplicate: true });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect((await fundings()).filter((f) => f.reference === transfer.reference)).toHaveLength(2);
  });

  it('is another funding when its reference, amount, payer or date differs', async () => {
    const yesterday = addDays(today, -1);
    for (const change of [
      { reference: 'VIR-2026-0452' },
      { amountCents: 12_346 },
      { payer: 'État (ANCT)' },
      { receivedOn: yesterday, backdateReason: 'Relevé de la veille' },
    ]) {
      const res = await fund({ ...transfer, ...change });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  it('is caught when both submissions arrive at once (a double click)', async () => {
    const click = { reference: 'VIR-DOUBLE-CLIC', amountCents: 777 };
    const answers = await Promise.all([fund(click), fund(click)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect((await fundings()).filter((f) => f.reference === click.reference)).toHaveLength(1);
  });

  it('is not a duplicate of a funding cancelled since', async () => {
    const wrong = await fund({ reference: 'VIR-ANNULE', amountCents: 300 });
    expect(wrong.statusCode, wrong.body).toBe(201);
    const reversed = await c.funder.request('POST', url(`/fundings/${wrong.json().fundingId}/reversal`), {
      reason: 'Montant erroné',
    });
    expect(reversed.statusCode, reversed.body).toBe(201);
    const again = await fund({ reference: 'VIR-ANNULE', amountCents: 300 });
    expect(again.statusCode, again.body).toBe(201);
  });
});

describe('money received before the programme takes effect', () => {
  // A co-funder's advance paid once the convention is signed, before the campaign's first day.
  it("is checked against the payers' shares as decided, not refused as a share of 0 €", async () => {
    const { programId, startsOn } = await programDecidedAhead(c, 'Campagne de l’an prochain', 'CP-AVANCE');
    const payers = await c.funder.request('GET', `/api/v1/programs/${programId}/payers?asOf=${today}`);
    expect(payers.statusCode, payers.body).toBe(200);
    const listed = payers.json() as { name: string; shareCents: number }[];
    expect(listed.map((p) => p.name)).toEqual(['Région Hauts-de-France', 'État (ANCT)']);
    const state = listed.find((p) => p.name === 'État (ANCT)')!;
    expect(state.shareCents).toBeGreaterThan(0);

    const advance = await c.funder.request('POST', `/api/v1/programs/${programId}/fundings`, {
      payer: 'État (ANCT)',
      amountCents: Math.floor(state.shareCents / 2),
      receivedOn: today,
      reference: 'ANCT-AVANCE-30',
    });
    expect(advance.statusCode, advance.body).toBe(201);
    expect(startsOn > today).toBe(true);
  });

  it('has no payer but the funder before the deliberation that decided the programme', async () => {
    const { programId } = await programDecidedAhead(c, 'Campagne pas encore votée', 'CP-AVANT');
    const yesterday = addDays(today, -1);
    const payers = await c.funder.request('GET', `/api/v1/programs/${programId}/payers?asOf=${yesterday}`);
    expect((payers.json() as { name: string }[]).map((p) => p.name)).toEqual(['Région Hauts-de-France']);
    const res = await c.funder.request('POST', `/api/v1/programs/${programId}/fundings`, {
      payer: 'État (ANCT)',
      amountCents: 100,
      receivedOn: yesterday,
      backdateReason: 'Relevé de la veille',
      reference: 'ANCT-AVANT-VOTE',
    });
    // Refused for its date, said first: nobody pays into a programme not yet decided.
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([
      { field: 'receivedOn', message: expect.stringContaining('un versement reçu avant ce jour') },
    ]);
  });
});
