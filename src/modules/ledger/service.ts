import { conflict, invalid } from '../../core/errors.js';
import {
  balances,
  PAYER_PREFIX,
  type Posting,
  payerRenamedMovement,
  placePaymentMovement,
  placeReturnMovement,
  placeWriteOffMovement,
} from '../../core/ledger.js';
import type { ProblemCode } from '../../core/problems.js';
import type { Queryable } from '../../db/client.js';
import * as repo from './repo.js';

/**
 * The programme's double-entry ledger, on its own below the modules that move money (finance
 * records fundings, passes activate, cancel and expire them, redemptions reverse a redemption),
 * so that none of them has to call another to post: finance calls passes, never the reverse.
 * It has no routes: each use-case authorises, then posts inside its own transaction.
 */

/**
 * Posts one balanced movement inside the caller's transaction, at this instant; or, given
 * `valueOn` ('YYYY-MM-DD', a day before today in Paris), at the end of that day: money received
 * on a day and recorded later counts from that day in every figure as of a date, as the period
 * report's fundings (by day received) say.
 */
export async function post(
  tx: Queryable,
  funderId: string,
  programId: string,
  postings: Posting[],
  valueOn?: string,
) {
  await repo.post(tx, funderId, programId, postings, valueOn);
}

/**
 * The funder's own payer account follows its name (funders' correctIdentity): in each of its
 * programmes, what it paid under the old name moves to the new one, by a movement of today.
 */
export async function renamePayer(tx: Queryable, funderId: string, from: string, to: string) {
  for (const { programId, amountCents } of await repo.payerBalances(tx, funderId, `${PAYER_PREFIX}${from}`))
    await repo.post(tx, funderId, programId, payerRenamedMovement(from, to, amountCents));
}

/** The programme's balances, as the sums of its postings. */
export async function balancesOf(tx: Queryable, programId: string) {
  return balances(await repo.accountSums(tx, programId));
}

/** Per-account sums at the end of a day (Paris time), numbers: what a report as of that date reads. */
export async function accountSumsAsOf(tx: Queryable, programId: string, date: string) {
  const sums = await repo.accountSumsAsOf(tx, programId, date);
  return sums.map((s) => ({ account: s.account, amountCents: Number(s.amountCents) }));
}

/** What a place is owed and was paid in a programme (with what was written off: the value it redeemed). */
export async function placeClaim(tx: Queryable, programId: string, placeId: string) {
  return repo.placeClaim(tx, programId, placeId);
}

/**
 * Records a payment to a place (issue 12): its value leaves what the place is owed for what
 * it was paid, in the caller's transaction. The database refuses a payment beyond what is
 * owed (migration 0033, serialised per programme and place); the refusal is a DomainError.
 * `movementReason` says why (e.g. the transfer's end-to-end id), for the caller's audit entry.
 */
export async function payPlace(
  tx: Queryable,
  p: { funderId: string; programId: string; placeId: string; amountCents: number; movementReason: string },
) {
  await settleClaim(tx, p, placePaymentMovement(p.placeId, p.amountCents), {
    code: 'payment_beyond_owed',
    detail: 'Ce paiement dépasse ce que le financeur doit au lieu pour ce programme.',
  });
}

/**
 * Writes off part of what a place is owed (the remainder of a partial payment the funder will
 * not pay, with a reason its caller records): from 'redeemed' to 'written_off', never beyond
 * what is owed, checked by the database like a payment (migration 0043).
 */
export async function writeOffPlace(
  tx: Queryable,
  p: { funderId: string; programId: string; placeId: string; amountCents: number; movementReason: string },
) {
  await settleClaim(tx, p, placeWriteOffMovement(p.placeId, p.amountCents), {
    code: 'write_off_beyond_owed',
    detail: 'Ce montant dépasse ce que le financeur doit au lieu pour ce programme.',
  });
}

/**
 * Takes back a payment the bank sent back (a closed account): its value is owed to the place
 * again. The database refuses to take back more than the place was paid (0043's trigger: no
 * place's 'paid' balance below zero), as it refuses a payment beyond what is owed.
 */
export async function takeBackPayment(
  tx: Queryable,
  p: { funderId: string; programId: string; placeId: string; amountCents: number; movementReason: string },
) {
  await settleClaim(tx, p, placeReturnMovement(p.placeId, p.amountCents), {
    code: 'return_beyond_paid',
    detail: 'Ce retour dépasse ce que le financeur a payé au lieu pour ce programme.',
  });
}

async function settleClaim(
  tx: Queryable,
  p: { funderId: string; programId: string; amountCents: number },
  postings: Posting[],
  refusal: { code: ProblemCode; detail: string },
) {
  if (!Number.isSafeInteger(p.amountCents) || p.amountCents <= 0) {
    throw invalid([{ field: 'amountCents', message: 'Le montant doit être un nombre positif de centimes.' }]);
  }
  try {
    await tx.transaction(async (sp) => repo.post(sp, p.funderId, p.programId, postings));
  } catch (e) {
    // Drizzle wraps the database's error: its message is in the cause.
    const cause = (e as { cause?: { message?: string } }).cause;
    if (/payment beyond what is owed/.test(String(cause?.message ?? (e as Error).message)))
      throw conflict(refusal.code, refusal.detail);
    throw e;
  }
}
