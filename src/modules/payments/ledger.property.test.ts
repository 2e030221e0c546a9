import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../core/dates.js';
import type { Actor } from '../../core/permissions.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { dayAfterMonth } from '../../core/statement.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { newAccount } from '../../test/accounts.js';
import { startTestApp, type TestApp } from '../../test/app.js';
import { type Circulation, demoCampaign, handedOutBooklets } from '../../test/circulation.js';
import { seededRandom } from '../../test/random.js';
import * as auth from '../auth/service.js';
import * as qualification from '../qualification/service.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from '../statements/service.js';
import * as payments from './service.js';

/**
 * Issue 12's property: for a random sequence of redemptions, cancellations, monthly statements,
 * approvals and payments (some paid for another amount, accepted, their remainder then paid by
 * a complement of the next run or written off; some sent back by the bank, then paid again by a
 * complement once the place records its account anew, or written off; some runs cancelled
 * before approval), at every step and for every place,
 * owed + paid + written off = the value of its live redemptions; and every redemption is counted in
 * exactly one statement line (and a cancelled one after its statement, in one adjustment too).
 * In the end, once everything payable is paid, the statements say what the ledger says: what is
 * owed is what the statements not paid total, with what is not stated yet.
 * A seeded random loop: the seed is printed with any failure, to replay it with PAYMENTS_SEED.
 */
const SEED = Number(process.env.PAYMENTS_SEED ?? Date.now() % 1_000_000);

let t: TestApp;
let c: Circulation;
let admin: Actor;
let second: Actor;
let placeAdmin: Actor;
let placeId: string;
let codes: string[];
const month = businessDate().slice(0, 7);
const nextMonth = (() => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
})();

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  c = await demoCampaign(t);
  placeId = c.organisations['Médiathèque Louis Aragon']!;
  ({ codes } = await handedOutBooklets(t, c, 2));
  admin = (await auth.actorByEmail(t.database.db, 'financeur@hautsdefrance.test'))!;
  await newAccount(t, { funderId: c.funderId, email: 'second@hautsdefrance.test', role: 'funder_admin' });
  second = (await auth.actorByEmail(t.database.db, 'second@hautsdefrance.test'))!;
  placeAdmin = (await auth.actorByEmail(t.database.db, 'lieu@hautsdefrance.test'))!;
}, 120_000);
afterAll(() => t.close());

const caller = () => ({ placeId, userId: null, keyId: null, label: 'propriété' });

/** Each place's claim after the previous step: a step that paid nothing to a place leaves it as it was. */
const owedBefore = new Map<string, number>();

async function checkLedger(step: string) {
  const { rows } = await t.database.pool.query(
    `SELECT o.place_id, o.owed, o.paid, o.written_off, coalesce(r.live, 0)::int AS live,
            place_pending_adjustments($1, o.place_id)::int AS pending
       FROM (SELECT place_id, coalesce(sum(amount_cents) FILTER (WHERE account = 'redeemed'), 0)::int AS owed,
                    coalesce(sum(amount_cents) FILTER (WHERE account = 'paid'), 0)::int AS paid,
                    coalesce(sum(amount_cents) FILTER (WHERE account = 'written_off'), 0)::int AS written_off
               FROM ledger_postings WHERE program_id = $1 AND place_id IS NOT NULL GROUP BY place_id) o
       LEFT JOIN (SELECT place_id, sum(face_value_cents) AS live FROM redemptions
                   WHERE program_id = $1 AND cancelled_at IS NULL GROUP BY place_id) r ON r.place_id = o.place_id`,
    [c.programId],
  );
  for (const r of rows) {
    expect(
      r.owed + r.paid + r.written_off,
      `seed ${SEED}, ${step}: owed + paid + written off = redeemed at ${r.place_id}`,
    ).toBe(r.live);
    // A payment never takes a place's claim below what its next statement will deduct (the
    // database refuses it, 0049). A cancellation may: a redemption cancelled after its statement
    // was paid leaves the place owing it back until its next statement deducts it (an
    // adjustment), as a credit note would; a statement paid meanwhile is paid as it was issued.
    if (step.endsWith('(pay)') && r.owed !== owedBefore.get(r.place_id))
      expect(r.owed, `seed ${SEED}, ${step}: never paid beyond what is owed`).toBeGreaterThanOrEqual(
        -r.pending,
      );
    owedBefore.set(r.place_id, r.owed);
  }
}

/** Per redemption of the programme: its statement lines, by kind. */
async function linesPerRedemption() {
  const { rows } = await t.database.pool.query(
    `SELECT r.id, r.cancelled_at IS NOT NULL AS cancelled,
            count(l.redemption_id) FILTER (WHERE l.kind = 'redemption')::int AS made,
            count(l.redemption_id) FILTER (WHERE l.kind = 'adjustment')::int AS undone
       FROM redemptions r LEFT JOIN statement_lines l ON l.redemption_id = r.id
      WHERE r.program_id = $1 GROUP BY r.id`,
    [c.programId],
  );
  return rows as { id: number; cancelled: boolean; made: number; undone: number }[];
}

/** Set when the bank sent a transfer back and the place has not recorded its account anew yet. */
let accountToRecord = false;

async function recordAccount() {
  await qualification.setBankAccount(
    t.database.db,
    placeAdmin,
    placeId,
    {
      iban: 'FR76 3000 4000 0312 3456 7890 143',
      bic: 'BNPAFRPP',
      holder: 'Médiathèque Louis Aragon',
      currentPassword: DEMO_PASSWORD,
    },
    '127.0.0.1',
  );
  accountToRecord = false;
}

/** Prepares a run (null when there is nothing to send) and, unless `cancel`, approves and sends it. */
async function sendRun(cancel = false) {
  const run = await payments.prepareRun(t.database.db, admin, c.funderId, {}).catch((e) => {
    if (e.code === 'nothing_to_pay') return null; // only adjustments, or held: nothing to send
    throw e;
  });
  if (!run) return null;
  if (cancel) return payments.cancelRun(t.database.db, admin, c.funderId, run.id);
  // An account recorded anew after a return is checked with the place before approval, as the
  // approver is asked to (payments/account-checks.test.ts tests the asking).
  await payments.approveRun(t.database.db, second, c.funderId, run.id).catch((e) => {
    if (e.code !== 'accounts_to_check') throw e;
    return payments.approveRun(t.database.db, second, c.funderId, run.id, { confirmAccountsChecked: true });
  });
  await payments.sepaFile(t.database.db, admin, c.funderId, run.id);
  return run;
}

async function pay(rand: () => number, step: string) {
  // The place records its account anew some time after the bank sent a transfer back.
  if (accountToRecord && rand() < 0.5) await recordAccount();
  const overview = await payments.overview(t.database.db, admin, c.funderId);
  if (overview.payable.statements > 0 || overview.payable.complements.length > 0)
    await sendRun(rand() < 0.15);
  // The bank pays every transfer sent; now and then for another amount, which is accepted.
  const sent = (await payments.overview(t.database.db, admin, c.funderId)).runs
    .flatMap((r) => r.transfers)
    .filter((x) => x.status === 'sent');
  if (sent.length === 0) return;
  const short = rand() < 0.3;
  const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
  const lines = sent.map((x) => {
    const cents = short && x.amountCents > 100 ? x.amountCents - 100 : x.amountCents;
    return `${businessDate()};-${euros(cents)};${x.endToEndId};`;
  });
  // Now and then the bank sends a transfer it paid in full back (a closed account), in the same
  // file: its value is owed again; once the place records its account anew, a run pays it again
  // by a complement, netted with the place's statements issued since (a cancellation after the
  // return makes one below zero). Meanwhile nothing is sent to the place.
  const back = !short && rand() < 0.5 ? sent.find((x) => x.placeId === placeId) : undefined;
  if (back) lines.push(`${businessDate()};${euros(back.amountCents)};${back.endToEndId};RETOUR AC04`);
  const csv = lines.join('\n');
  const report = await payments.importBankStatement(t.database.db, admin, c.funderId, {
    format: 'csv',
    fileName: `banque-${step}.csv`,
    content: Buffer.from(csv),
  });
  if (back) {
    expect(report.counts.returned, `seed ${SEED}, ${step}: the return is taken`).toBe(1);
    accountToRecord = true;
    // Now and then the funder gives up on what came back (the place closed), with a reason.
    if (rand() < 0.2) await writeOff(back.id);
  }
  for (const line of report.lines.filter((l) => l.outcome === 'partial')) {
    await payments.decideLine(t.database.db, admin, c.funderId, report.id, line.id, 'accept');
    // Half the remainders are written off; the others go into the next run as complements.
    if (rand() < 0.5) await writeOff(line.transferId!);
  }
}

async function writeOff(transferId: string) {
  const done = await payments
    .writeOffRemainder(t.database.db, admin, c.funderId, transferId, 'Retenue acceptée par le lieu.')
    .catch((e) => {
      // Refusals the rules make: cancellations since left less owed, or wait for the statement
      // that deducts them, or net the rest to nothing.
      if (['write_off_beyond_owed', 'write_off_pending_cancellations', 'no_remainder'].includes(e.code))
        return null;
      throw e;
    });
  if (done) await checkWriteOff(done.id);
}

/**
 * Pays everything that can be paid, in full: the place records its account, runs are sent and
 * booked by the bank until none is left to send.
 */
async function settleAll() {
  if (accountToRecord) await recordAccount();
  for (let i = 0; i < 5; i++) {
    const run = await sendRun();
    if (!run) return;
    const sent = run.transfers.filter((x) => x.status === 'prepared');
    const csv = sent
      .map((x) => `${businessDate()};-${(x.amountCents / 100).toFixed(2).replace('.', ',')};${x.endToEndId};`)
      .join('\n');
    await payments.importBankStatement(t.database.db, admin, c.funderId, {
      format: 'csv',
      fileName: `banque-fin-${i}.csv`,
      content: Buffer.from(csv),
    });
  }
  throw new Error(`seed ${SEED}: still something to pay after five runs`);
}

/**
 * The statements agree with the ledger: per place, what is owed is what its statements not paid
 * total, with its live redemptions on no statement yet, less its cancellations still to deduct,
 * and less what was paid or written off on transfers whose statements are not paid yet (a
 * transfer paid in part whose statements were all cancelled since: netted to below zero, its
 * complement waits for the place's next statements).
 */
async function checkStatementsAgree() {
  const { rows } = await t.database.pool.query(
    `SELECT p.place_id,
            (SELECT coalesce(sum(amount_cents), 0) FROM ledger_postings l
              WHERE l.program_id = $1 AND l.place_id = p.place_id AND l.account = 'redeemed')::int AS owed,
            (SELECT coalesce(sum(total_cents), 0) FROM statements s
              WHERE s.program_id = $1 AND s.place_id = p.place_id AND s.status <> 'paid')::int AS unpaid,
            (SELECT coalesce(sum(face_value_cents), 0) FROM redemptions r
              WHERE r.program_id = $1 AND r.place_id = p.place_id AND r.cancelled_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM statement_lines x WHERE x.redemption_id = r.id))::int AS unstated,
            place_pending_adjustments($1, p.place_id)::int AS pending,
            (SELECT coalesce(sum(
                      (SELECT coalesce(sum(x.paid_cents), 0) FROM payment_transfers x
                        WHERE (x.id = r.id OR x.complement_of = r.id) AND x.status IN ('paid', 'partial'))
                      + coalesce((SELECT w.amount_cents FROM payment_write_offs w WHERE w.transfer_id = r.id), 0)), 0)
               FROM payment_transfers r
              WHERE r.program_id = $1 AND r.place_id = p.place_id AND r.complement_of IS NULL
                AND EXISTS (SELECT 1 FROM payment_transfer_statements l JOIN statements s ON s.id = l.statement_id
                             WHERE l.transfer_id = r.id AND l.live AND s.status <> 'paid'))::int AS "openPaid"
       FROM (SELECT DISTINCT place_id FROM redemptions WHERE program_id = $1) p`,
    [c.programId],
  );
  for (const r of rows)
    expect(r.owed, `seed ${SEED}: what ${r.place_id} is owed, by its statements`).toBe(
      r.unpaid + r.unstated - r.pending - r.openPaid,
    );
}

/**
 * No write-off takes a pass from the place twice: when it is made, what the funder gives up on a
 * chain is at most the value of the live passes its statements state, less what the chain paid.
 * A pass cancelled since is deducted by a statement; written off as well, the place would lose
 * it twice.
 */
async function checkWriteOff(rootId: string) {
  const { rows } = await t.database.pool.query(
    `SELECT w.transfer_id AS root, w.amount_cents::int AS "writtenOff",
            (SELECT coalesce(sum(r.face_value_cents), 0) FROM payment_transfers x
               JOIN payment_transfer_statements l ON l.transfer_id = x.id AND l.live
               JOIN statement_lines sl ON sl.statement_id = l.statement_id AND sl.kind = 'redemption'
               JOIN redemptions r ON r.id = sl.redemption_id
              WHERE (x.id = w.transfer_id OR x.complement_of = w.transfer_id) AND r.cancelled_at IS NULL)::int AS live,
            (SELECT coalesce(sum(x.paid_cents), 0) FROM payment_transfers x
              WHERE (x.id = w.transfer_id OR x.complement_of = w.transfer_id)
                AND x.status IN ('paid', 'partial'))::int AS paid
       FROM payment_write_offs w WHERE w.transfer_id = $1`,
    [rootId],
  );
  for (const w of rows)
    expect(w.writtenOff, `seed ${SEED}: write-off of ${w.root}, live passes less paid`).toBeLessThanOrEqual(
      w.live - w.paid,
    );
}

describe('owed + paid = redeemed, and every redemption on one statement line', () => {
  it(`holds for a random sequence (seed ${SEED})`, async () => {
    const rand = seededRandom(SEED);
    const live: number[] = [];
    const pick = <T>(xs: T[]) => xs.splice(Math.floor(rand() * xs.length), 1)[0];
    let next = 0;
    // Before the month's statements: redemptions and cancellations; then the month is stated,
    // then cancellations (adjustments next month), approvals and payments; then next month.
    const phases: { steps: number; actions: ('redeem' | 'cancel' | 'pay')[]; then?: string }[] = [
      { steps: 10, actions: ['redeem', 'redeem', 'redeem', 'cancel', 'pay'], then: month },
      { steps: 6, actions: ['cancel', 'pay', 'pay'], then: nextMonth },
      { steps: 2, actions: ['pay'] },
    ];
    let step = 0;
    for (const phase of phases) {
      for (let i = 0; i < phase.steps; i++) {
        step++;
        const action = phase.actions[Math.floor(rand() * phase.actions.length)]!;
        if (action === 'redeem' && next < codes.length) {
          const done = await redemptions.redeem(
            t.database.db,
            caller(),
            {
              code: codes[next++]!,
              nonce: randomUUID(),
              theme: STANDARD_SERVICES[0],
              durationMinutes: 60,
              format: 'individual',
            },
            24,
          );
          live.push(done.redemption.id);
        } else if (action === 'cancel' && live.length > 0) {
          await redemptions.cancel(t.database.db, { caller: caller() }, pick(live)!, 24);
        } else if (action === 'pay') await pay(rand, `${step}`);
        await checkLedger(`step ${step} (${action})`);
        for (const r of await linesPerRedemption()) {
          expect(r.made, `seed ${SEED}: redemption ${r.id} on one statement at most`).toBeLessThanOrEqual(1);
          expect(r.undone, `seed ${SEED}: redemption ${r.id} adjusted once at most`).toBeLessThanOrEqual(
            r.made,
          );
        }
      }
      if (phase.then) {
        await statements.run(
          t.database.db,
          { month: phase.then, funderId: c.funderId },
          dayAfterMonth(phase.then),
        );
        await checkLedger(`statements of ${phase.then}`);
      }
    }
    await settleAll();
    await checkLedger('settled');
    await checkStatementsAgree();
    // In the end, each redemption of this month is on exactly one statement line; a cancelled
    // one either on none (cancelled before) or on one line and one adjustment (after).
    for (const r of await linesPerRedemption()) {
      if (!r.cancelled) expect(r.made, `seed ${SEED}: live redemption ${r.id}`).toBe(1);
      else expect([0, 2], `seed ${SEED}: cancelled redemption ${r.id}`).toContain(r.made + r.undone);
      if (r.cancelled && r.made === 1) expect(r.undone).toBe(1);
    }
  }, 300_000);
});
