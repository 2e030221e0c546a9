import { balances, type Posting } from '../../core/ledger.js';
import type { Queryable } from '../../db/client.js';
import * as repo from './repo.js';

/**
 * The programme's double-entry ledger, on its own below the modules that move money (finance
 * records fundings, passes activate, cancel and expire them, redemptions reverse a redemption),
 * so that none of them has to call another to post: finance calls passes, never the reverse.
 * It has no routes: each use-case authorises, then posts inside its own transaction.
 */

/** Posts one balanced movement inside the caller's transaction. */
export async function post(tx: Queryable, funderId: string, programId: string, postings: Posting[]) {
  await repo.post(tx, funderId, programId, postings);
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
