import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../core/dates.js';
import { DomainError } from '../../core/errors.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { dayAfterMonth, nextMonth } from '../../core/statement.js';
import { hautsDeFranceDemoCampaign } from '../../demo/programs.js';
import { newAccount } from '../../test/accounts.js';
import { type Client, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign } from '../../test/circulation.js';
import { camt053, giveBankAccounts, importBankFile, placeClaim } from '../../test/payments.js';
import { seededRandom } from '../../test/random.js';
import * as auth from '../auth/service.js';
import * as passes from '../passes/service.js';
import * as places from '../places/service.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from '../statements/service.js';
import { runEndOfProgrammes } from './end-of-programme.js';

/**
 * The life of a programme to its end, as a property (issue 12, points 1, 2 and 8): a random
 * sequence of issues, fundings and their reversals, allocations, hand-outs, redemptions (late
 * sessions too), cancellations, blocked booklets and a carry-over decision, then the days
 * through the usage end, the tolerance for late sessions and J+37, with the daily jobs. At every
 * step, in both programmes (the one that ends and the one that receives its passes):
 * - the ledger says what the passes say: outstanding = active passes, used = redeemed passes,
 *   expired = expired passes less what fundings reversed once none circulated took back from
 *   them, cancelled at most the cancelled passes, nothing unactivated, cancelled or expired below
 *   zero, every movement balanced, what left one programme entered the other;
 * - the closure summary adds up: passes by state, what is owed to places, and the money to
 *   return to the payers, never more than each paid;
 * - each place is owed the value of its live redemptions, each on one statement line at most.
 * After the usage end no pass is left in a stock; after the tolerance none is left active; in
 * the end every live redemption is on exactly one statement, the statements total the value
 * used (owed, paid or written off), and once runs are sent and the bank pays them nothing is
 * left owed to the place. The seed is printed with any failure, to replay it with LIFECYCLE_SEED.
 */
const SEED = Number(process.env.LIFECYCLE_SEED ?? Date.now() % 1_000_000);
const T0 = businessDate();
const U = addDays(T0, 40); // the usage end, as amended below
const LAST = addDays(U, 31); // the last day for late sessions (the default tolerance)

let t: TestApp;
let c: Circulation;
let prescriber: Client;
let agent: Client;
let missionLocale: string;
let placeId: string;
let next: string; // the following programme, which may receive the passes never handed out

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  prescriber = await signIn(t.app, 'prescripteur@hautsdefrance.test');
  agent = await signIn(t.app, 'lieu@hautsdefrance.test');
  missionLocale = c.organisations['Mission locale du Grand Amiénois']!;
  placeId = c.organisations['Médiathèque Louis Aragon']!;
  const { creation } = hautsDeFranceDemoCampaign;
  const amended = await c.funder.request('POST', `/api/v1/programs/${c.programId}/amendments`, {
    effectiveOn: T0,
    legal: { ...creation.legal, number: 'VIE-FIN', decidedOn: T0 },
    changes: { calendar: { distributionEnd: addDays(T0, 20), usageEnd: U } },
  });
  expect(amended.statusCode, amended.body).toBe(201);
  const created = await c.funder.request('POST', `/api/v1/funders/${c.funderId}/programs`, {
    ...creation,
    legal: { ...creation.legal, number: 'VIE-SUITE' },
    state: {
      ...creation.state,
      name: 'Campagne suivante',
      calendar: {
        distributionStart: T0,
        distributionEnd: addDays(T0, 400),
        usageEnd: addDays(T0, 500),
        closure: null,
      },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  next = created.json().id;
  await places.decide(t.database.db, null, next, placeId, { decision: 'approved' });
}, 120_000);
afterAll(() => t.close());

type Op = 'issue' | 'fund' | 'reverse' | 'allocate' | 'handOut' | 'redeem' | 'cancel' | 'block' | 'carryOver';

/** What each operation answered (its code, or ok), to show the sequence reached the cases. */
const outcomes = new Map<string, number>();
const tally = (op: Op, outcome: string) =>
  outcomes.set(`${op}:${outcome}`, (outcomes.get(`${op}:${outcome}`) ?? 0) + 1);
const answered = (op: Op, res: { statusCode: number; json(): { code?: string } }, allowed: number[]) => {
  expect(allowed, `seed ${SEED}, ${op}: ${res.statusCode} ${JSON.stringify(res.json())}`).toContain(
    res.statusCode,
  );
  tally(op, res.statusCode < 300 ? 'ok' : (res.json().code ?? String(res.statusCode)));
};

const program = (id = c.programId) => `/api/v1/programs/${id}`;
let persons = 0;
let nonces = 0;

async function booklets(where: string) {
  const { rows } = await t.database.pool.query<{ serial: string }>(
    `SELECT serial FROM booklets WHERE program_id IN ($1, $2) AND ${where} ORDER BY serial`,
    [c.programId, next],
  );
  return rows.map((r) => r.serial);
}

/**
 * The Mission locale hands a booklet to a person of Amiens over 60, one per last name, each
 * born on a day of her own: « Vie 1 » and « Vie 2 » born the same day would be asked about as
 * one person typed twice (beneficiary_possible_duplicate).
 */
let births = 0;
const handOut = (serial: string, lastName: string) =>
  prescriber.request('POST', `/api/v1/organisations/${missionLocale}/hand-outs`, {
    serial,
    beneficiary: {
      firstName: 'Odette',
      lastName,
      birthDate: addDays('1951-03-04', births++),
      communeCode: '80021',
      audience: 'senior_60_plus',
    },
  });

async function act(op: Op, rand: () => number, day: string) {
  const one = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  if (op === 'issue') {
    const res = await c.funder.request('POST', `${program()}/issues`, {
      bookletCount: 1 + Math.floor(rand() * 8),
      bookletSize: 10,
    });
    answered(op, res, [201, 409]);
  } else if (op === 'fund') {
    const res = await c.funder.request('POST', `${program()}/fundings`, {
      payer: rand() < 0.5 ? 'Région Hauts-de-France' : 'État (ANCT)',
      amountCents: 1000 * (1 + Math.floor(rand() * 60)),
      reference: `VIE-${nonces++}`,
      confirmOverShare: true,
    });
    answered(op, res, [201]);
  } else if (op === 'reverse') {
    const list = (await c.funder.request('GET', `${program()}/finance`)).json().fundings as {
      id: string;
      reversal: unknown;
    }[];
    const funding = one(list.filter((f) => !f.reversal));
    if (!funding) return;
    const res = await c.funder.request('POST', `${program()}/fundings/${funding.id}/reversal`, {
      reason: 'Versement saisi par erreur.',
    });
    answered(op, res, [200, 201, 409]);
  } else if (op === 'allocate') {
    const res = await c.funder.request('POST', `${program()}/allocations`, {
      prescriberId: missionLocale,
      count: 1 + Math.floor(rand() * 3),
    });
    answered(op, res, [201, 409]);
  } else if (op === 'handOut') {
    const serial = one(await booklets(`status = 'allocated' AND holder_id = '${missionLocale}'`));
    if (!serial) return;
    answered(op, await handOut(serial, `Vie ${persons++}`), [201, 409]);
  } else if (op === 'redeem') {
    const serial = one(await booklets(`beneficiary_id IS NOT NULL`));
    if (!serial) return;
    const code = one(await passes.bookletCodes(t.database.db, serial))!;
    // Now and then a session given some days before it is recorded (after the usage end: late).
    const sessionOn = rand() < 0.3 ? addDays(day, -Math.floor(rand() * 10)) : undefined;
    const caller = { placeId, userId: null, keyId: null, label: 'propriété de fin' };
    const input = {
      code,
      nonce: `vie-${nonces++}`,
      theme: STANDARD_SERVICES[0],
      durationMinutes: 60,
      format: 'individual' as const,
      sessionOn: sessionOn && sessionOn < T0 ? T0 : sessionOn,
    };
    await redemptions.redeem(t.database.db, caller, input, 24, new Date(`${day}T11:00:00Z`)).then(
      () => tally(op, 'ok'),
      (e) => {
        if (!(e instanceof DomainError) || e.status >= 500) throw e;
        tally(op, e.code);
      },
    );
  } else if (op === 'cancel') {
    const { rows } = await t.database.pool.query<{ id: number }>(
      `SELECT id FROM redemptions WHERE program_id IN ($1, $2) AND place_id = $3 AND cancelled_at IS NULL
        ORDER BY id DESC LIMIT 5`,
      [c.programId, next, placeId],
    );
    const r = one(rows);
    if (!r) return;
    answered(op, await agent.request('POST', `/api/v1/redemptions/${r.id}/cancel`), [200, 409]);
  } else if (op === 'block') {
    const serial = one(await booklets(`status <> 'blocked'`));
    if (!serial) return;
    answered(
      op,
      await c.funder.request('POST', `/api/v1/booklets/${serial}/block`, { reason: 'lost' }),
      [200, 409],
    );
  } else {
    const res = await c.funder.request('PUT', `${program()}/carry-over`, {
      target: rand() < 0.7 ? 'Campagne suivante' : null,
    });
    answered(op, res, [200, 409]);
  }
}

/** Sums of the ledger's accounts and of the passes' face values by state, per programme. */
async function facts(programId: string) {
  const ledger = (
    await t.database.pool.query<{ account: string; cents: string }>(
      `SELECT account, sum(amount_cents)::bigint AS cents FROM ledger_postings WHERE program_id = $1 GROUP BY account`,
      [programId],
    )
  ).rows;
  const account = (name: string) => Number(ledger.find((r) => r.account === name)?.cents ?? 0);
  const states = (
    await t.database.pool.query<{ status: string; n: number; cents: string }>(
      `SELECT status, count(*)::int AS n, sum(face_value_cents)::bigint AS cents FROM passes WHERE program_id = $1 GROUP BY status`,
      [programId],
    )
  ).rows;
  const state = (s: string) => states.find((r) => r.status === s);
  const reclaimed = await t.database.pool.query<{ cents: string }>(
    `SELECT coalesce(sum(reclaimed_cents), 0)::bigint AS cents FROM funding_reversals WHERE program_id = $1`,
    [programId],
  );
  return {
    total: ledger.reduce((sum, r) => sum + Number(r.cents), 0),
    /** Taken back from passes cancelled or expired by fundings reversed once none circulated. */
    reclaimed: Number(reclaimed.rows[0]!.cents),
    account,
    passes: (s: string) => state(s)?.n ?? 0,
    value: (s: string) => Number(state(s)?.cents ?? 0),
  };
}

async function check(step: string) {
  const say = (what: string) => `seed ${SEED}, ${step}: ${what}`;
  const moved = (
    await t.database.pool.query<{ cents: string }>(
      `SELECT coalesce(sum(value_cents), 0)::bigint AS cents FROM carry_overs WHERE from_program_id = $1 AND refusal IS NULL`,
      [c.programId],
    )
  ).rows[0]!;
  const [a, b] = [await facts(c.programId), await facts(next)];
  expect(a.account('carried_out'), say('carried out = value moved')).toBe(Number(moved.cents));
  expect(0 - b.account('carried_in'), say('carried in = value moved')).toBe(Number(moved.cents));
  for (const [name, f, id] of [['ending', a, c.programId] as const, ['next', b, next] as const]) {
    expect(f.total, say(`${name}: every movement balanced`)).toBe(0);
    expect(f.account('outstanding'), say(`${name}: outstanding = active passes`)).toBe(f.value('active'));
    expect(
      f.account('redeemed') + f.account('paid') + f.account('written_off'),
      say(`${name}: used = redeemed passes`),
    ).toBe(f.value('redeemed'));
    expect(f.account('expired'), say(`${name}: expired ≤ expired passes`)).toBeLessThanOrEqual(
      f.value('expired'),
    );
    expect(f.account('expired'), say(`${name}: expired ≥ expired passes − reclaimed`)).toBeGreaterThanOrEqual(
      f.value('expired') - f.reclaimed,
    );
    expect(f.account('expired'), say(`${name}: expired never below zero`)).toBeGreaterThanOrEqual(0);
    expect(f.account('cancelled'), say(`${name}: cancelled never below zero`)).toBeGreaterThanOrEqual(0);
    expect(f.account('cancelled'), say(`${name}: cancelled ≤ cancelled passes`)).toBeLessThanOrEqual(
      f.value('cancelled'),
    );
    expect(f.account('unactivated'), say(`${name}: unactivated never below zero`)).toBeGreaterThanOrEqual(0);

    const closure = (await c.funder.request('GET', `${program(id)}/closure`)).json();
    const p = closure.passes;
    expect(p.issued, say(`${name}: passes by state`)).toBe(
      p.used + p.expired + p.cancelled + p.outstanding + p.notActivated,
    );
    expect(p.used, say(`${name}: passes used`)).toBe(f.passes('redeemed'));
    expect(closure.money.owedCents + closure.money.paidCents, say(`${name}: owed + paid = used`)).toBe(
      closure.money.usedCents,
    );
    const neverActivated = closure.byPayer.reduce(
      (s: number, x: { neverActivatedCents: number }) => s + x.neverActivatedCents,
      0,
    );
    expect(neverActivated, say(`${name}: money never activated, shared out whole`)).toBe(
      Math.max(0, closure.money.unactivatedCents),
    );
    for (const x of closure.byPayer) {
      expect(x.toReturnCents, say(`${name}: ${x.payer} gets back no more than it paid`)).toBeLessThanOrEqual(
        Math.max(0, x.receivedCents),
      );
      // Beyond its share for a co-funder tied to the passes used, else its part never activated.
      expect(x.toReturnCents, say(`${name}: what goes back to ${x.payer}`)).toBe(
        x.shareCents === null ? x.neverActivatedCents : Math.max(0, x.receivedCents - x.shareCents),
      );
    }
  }
  const claims = await t.database.pool.query<{ program_id: string; owed: number; live: number }>(
    `SELECT r.program_id, r.place_id,
            (SELECT coalesce(sum(amount_cents), 0) FROM ledger_postings l
              WHERE l.program_id = r.program_id AND l.place_id = r.place_id
                AND l.account IN ('redeemed', 'paid', 'written_off'))::int AS owed,
            sum(r.face_value_cents) FILTER (WHERE r.cancelled_at IS NULL)::int AS live
       FROM redemptions r WHERE r.program_id IN ($1, $2) GROUP BY r.program_id, r.place_id`,
    [c.programId, next],
  );
  for (const r of claims.rows)
    expect(r.owed, say('owed + paid + written off = the live redemptions, per place')).toBe(r.live ?? 0);
  const lines = await t.database.pool.query<{ made: number; undone: number }>(
    `SELECT count(*) FILTER (WHERE l.kind = 'redemption')::int AS made, count(*) FILTER (WHERE l.kind = 'adjustment')::int AS undone
       FROM redemptions r JOIN statement_lines l ON l.redemption_id = r.id
      WHERE r.program_id IN ($1, $2) GROUP BY r.id HAVING count(*) FILTER (WHERE l.kind = 'redemption') > 1
         OR count(*) FILTER (WHERE l.kind = 'adjustment') > count(*) FILTER (WHERE l.kind = 'redemption')`,
    [c.programId, next],
  );
  expect(lines.rows, say('each redemption on one statement line at most, adjusted once at most')).toEqual([]);
}

/** Passes of the ending programme still in a stock (funder's or prescriber's), and still active. */
async function leftOver() {
  const { rows } = await t.database.pool.query<{ inStock: number; active: number }>(
    `SELECT count(*) FILTER (WHERE b.status IN ('stock', 'allocated') AND p.status IN ('issued', 'active'))::int AS "inStock",
            count(*) FILTER (WHERE p.status = 'active')::int AS active
       FROM passes p JOIN booklets b ON b.id = p.booklet_id WHERE p.program_id = $1`,
    [c.programId],
  );
  return rows[0]!;
}

/**
 * The passes carried over work in the following programme: a booklet of them is allocated if
 * still in the funder's stock, handed out and one of its passes used on `day`. A booklet carried
 * over while allocated stays with its prescriber: only the Mission locale's are handed out here.
 */
async function usesCarriedPass(day: string) {
  const { rows } = await t.database.pool.query<{ serial: string; status: string }>(
    `SELECT b.serial, b.status FROM booklets b JOIN carry_overs o ON b.id = ANY(o.booklet_ids)
      WHERE o.from_program_id = $1 AND o.refusal IS NULL
        AND (b.status = 'stock' OR (b.status = 'allocated' AND b.holder_id = $2))
        AND EXISTS (SELECT 1 FROM passes p WHERE p.booklet_id = b.id AND p.status = 'active')
        -- Funded whole: a booklet partly funded is rightly refused at hand-out.
        AND NOT EXISTS (SELECT 1 FROM passes p WHERE p.booklet_id = b.id AND p.status = 'issued')
      ORDER BY b.status DESC, b.serial LIMIT 1`,
    [c.programId, missionLocale],
  );
  const carried = rows[0];
  if (!carried) return;
  let serial = carried.serial;
  if (carried.status === 'stock') {
    // That very booklet: by count, the oldest in stock came, which may be one carried with
    // passes not funded (seed 713427), and its hand-out was rightly refused.
    const res = await c.funder.request('POST', `${program(next)}/allocations`, {
      prescriberId: missionLocale,
      serials: [carried.serial],
    });
    expect(res.statusCode, `seed ${SEED}: ${res.body}`).toBe(201);
    serial = res.json().serials[0];
  }
  const handedOut = await handOut(serial, 'Suite');
  expect(handedOut.statusCode, `seed ${SEED}: ${handedOut.body}`).toBe(201);
  const codes = await passes.bookletCodes(t.database.db, serial);
  const live = await t.database.pool.query<{ code: string }>(
    `SELECT code FROM passes WHERE code = ANY($1) AND status = 'active' ORDER BY id LIMIT 1`,
    [codes],
  );
  const done = await redemptions.redeem(
    t.database.db,
    { placeId, userId: null, keyId: null, label: 'propriété de fin' },
    {
      code: live.rows[0]!.code,
      nonce: `vie-${nonces++}`,
      theme: STANDARD_SERVICES[0],
      durationMinutes: 60,
      format: 'individual',
    },
    24,
    new Date(`${day}T11:00:00Z`),
  );
  expect(done.redemption.programName, `seed ${SEED}: the carried pass is the next programme's`).toBe(
    'Campagne suivante',
  );
  tally('redeem', 'carried');
  await check(`${day} (a carried pass used)`);
}

/**
 * After the final statements: the funder answers the place's contest, the place's bank account
 * is given, and runs are prepared, approved by a second admin, sent and paid by the bank until
 * there is nothing left to send.
 */
async function payEverything() {
  const admin = (await auth.actorByEmail(t.database.db, 'financeur@hautsdefrance.test'))!;
  const contested = await t.database.pool.query<{ id: string }>(
    `SELECT id FROM statements WHERE place_id = $1 AND status = 'contested'`,
    [placeId],
  );
  for (const s of contested.rows)
    await statements.answer(t.database.db, admin, s.id, {
      reason: 'Les ateliers sont sur le relevé suivant.',
    });
  await giveBankAccounts(c, agent, placeId);
  const approver = await newAccount(t, {
    funderId: c.funderId,
    email: 'seconde-fin@hautsdefrance.test',
    role: 'funder_admin',
  });
  const runs = `/api/v1/funders/${c.funderId}/payment-runs`;
  for (let i = 0; ; i++) {
    expect(i, `seed ${SEED}: still something to pay after three runs`).toBeLessThan(3);
    const prepared = await c.funder.request('POST', runs, {});
    if (prepared.statusCode === 409 && prepared.json().code === 'nothing_to_pay') return;
    expect(prepared.statusCode, `seed ${SEED}: ${prepared.body}`).toBe(201);
    const run = prepared.json();
    expect((await approver.request('POST', `${runs}/${run.id}/approve`)).statusCode).toBe(200);
    expect((await c.funder.request('POST', `${runs}/${run.id}/sepa`)).statusCode).toBe(200);
    const paid = run.transfers.map((x: { endToEndId: string; amountCents: number }) => [
      x.endToEndId,
      x.amountCents,
    ]);
    // Imported today (the jobs' days are simulated, not the import's), the bank's statement
    // shows no day to come: it is booked today.
    const booked = await importBankFile(t, c, c.funder, camt053(businessDate(), paid));
    expect(booked.statusCode, `seed ${SEED}: ${booked.body}`).toBeLessThan(300);
  }
}

const months = (from: string, to: string) => {
  const list: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = nextMonth(m)) list.push(m);
  return list;
};

describe('the life of a programme to its end', () => {
  it(`keeps the ledger, the passes, the closure summary and the statements in agreement (seed ${SEED})`, async () => {
    const rand = seededRandom(SEED);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    // Today: the programme runs; everything may happen, as often as in a real start.
    const today: Op[] = ['issue', 'fund', 'fund', 'reverse', 'allocate', 'allocate', 'handOut', 'handOut'];
    const running: Op[] = [...today, 'redeem', 'redeem', 'redeem', 'cancel', 'block', 'carryOver'];
    for (let i = 0; i < 40; i++) {
      const op = pick(i < 12 ? today : running);
      await act(op, rand, T0);
      await check(`today, step ${i} (${op})`);
    }
    // Then day after day to past J+37, the daily jobs first, then what people do that day.
    const later: Op[] = ['redeem', 'redeem', 'redeem', 'cancel', 'block', 'fund', 'reverse'];
    for (let day = addDays(T0, 1); day <= addDays(U, 40); day = addDays(day, 1)) {
      await runEndOfProgrammes(t.database.db, day);
      await statements.runIfDue(t.database.db, day);
      await check(`${day} (jobs)`);
      if (day > U) expect((await leftOver()).inStock, `seed ${SEED}, ${day}: nothing left in stock`).toBe(0);
      if (day > LAST) expect((await leftOver()).active, `seed ${SEED}, ${day}: nothing left active`).toBe(0);
      for (let n = Math.floor(rand() * 3); n > 0; n--) {
        const op = pick(later);
        await act(op, rand, day);
        await check(`${day} (${op})`);
      }
    }
    await usesCarriedPass(addDays(U, 41));
    // The months after J+37 that the monthly job has not reached yet.
    for (const m of months(U, LAST))
      await statements.run(t.database.db, { month: m, funderId: c.funderId }, dayAfterMonth(m));
    await check('statements of every month');
    const { rows } = await t.database.pool.query<{
      program_id: string;
      used: number;
      stated: number;
      unstated: number;
    }>(
      `SELECT x.program_id, x.used,
              (SELECT coalesce(sum(total_cents), 0) FROM statements s WHERE s.program_id = x.program_id AND s.place_id = x.place_id)::int AS stated,
              (SELECT count(*) FROM redemptions r WHERE r.program_id = x.program_id AND r.place_id = x.place_id
                  AND r.cancelled_at IS NULL AND NOT EXISTS (SELECT 1 FROM statement_lines l WHERE l.redemption_id = r.id))::int AS unstated
         FROM (SELECT program_id, place_id, sum(amount_cents)::int AS used FROM ledger_postings
                WHERE program_id IN ($1, $2) AND account IN ('redeemed', 'paid', 'written_off')
                GROUP BY program_id, place_id) x`,
      [c.programId, next],
    );
    for (const r of rows) {
      expect(r.unstated, `seed ${SEED}: every live redemption on a statement`).toBe(0);
      expect(r.stated, `seed ${SEED}: the statements total the value used`).toBe(r.used);
    }
    // Then the place is paid everything it is owed, in both programmes.
    await payEverything();
    await check('everything paid');
    for (const id of [c.programId, next]) {
      const claim = await placeClaim(t, id, placeId);
      expect(claim.owed, `seed ${SEED}: nothing left owed to the place`).toBe(0);
      const money = (await c.funder.request('GET', `${program(id)}/closure`)).json().money;
      expect(money.paidCents, `seed ${SEED}: the closure counts what was paid`).toBeGreaterThanOrEqual(
        claim.paid,
      );
    }
    // The sequence went through the cases that matter at the end.
    const seen = [...outcomes.keys()];
    for (const must of ['redeem:ok', 'cancel:ok', 'fund:ok', 'handOut:ok', 'block:ok'])
      expect(seen, `seed ${SEED}: ${JSON.stringify(Object.fromEntries(outcomes))}`).toContain(must);
  }, 600_000);
});
