import type { Actor } from '../../core/permissions.js';
import type { Queryable } from '../../db/client.js';
import * as statements from '../statements/service.js';
import * as repo from './repo.js';

/**
 * What a payment run's life (runs.ts) and the bank's statement (reconciliation.ts) both use:
 * the name a run goes by in errors, the statements' payment steps, and a rest as a write-off
 * takes it.
 */

export const WHAT = 'Lot de paiement';

/**
 * Takes statements through a payment step (statements.advanceForPayment). Those a run the bank
 * refused freed (rejectRun) were approved and sent with it, and are in payment still: a later
 * run takes them through neither step again (nor tells their places twice they were approved),
 * and cancelled, leaves them in payment, payable by the next.
 */
export async function advance(
  tx: Queryable,
  actor: Actor | null,
  ids: string[],
  step: statements.PaymentStep,
) {
  const resent = await repo.inPayment(tx, ids);
  await statements.advanceForPayment(
    tx,
    actor,
    ids.filter((id) => !resent.has(id)),
    step,
  );
}

/**
 * The rest of a chain as a write-off takes it: netted with the place's statements below zero
 * issued since for the programme (passes cancelled after they were stated), as a complement
 * would net them. Written off whole, the rest would count those passes twice: once in what the
 * funder gives up, and again when the place's next statements deduct them.
 */
export function nettedRemainder(
  payable: repo.PayableRow[],
  r: { programId: string; placeId: string; remainderCents: number },
) {
  const netted = payable.filter(
    (s) => s.programId === r.programId && s.placeId === r.placeId && s.totalCents < 0,
  );
  return { netted, amountCents: r.remainderCents + netted.reduce((sum, s) => sum + s.totalCents, 0) };
}
