import { businessDate } from '../../core/dates.js';
import { invalid } from '../../core/errors.js';
import { activationMovement, balances, fundingMovement, type Posting } from '../../core/ledger.js';
import { formatEuros, MAX_AMOUNT_CENTS } from '../../core/money.js';
import type { Actor } from '../../core/permissions.js';
import type { Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as passes from '../passes/service.js';
import * as programs from '../programs/service.js';
import * as repo from './repo.js';

export interface FundingInput {
  payer: string;
  amountCents: number;
  receivedOn: string;
  reference: string;
}

/**
 * Activates as many issued passes as the unactivated funded value covers: a pass whose
 * value is not on account never circulates. Call with the programme locked.
 */
export async function activateFunded(tx: Queryable, program: { id: string; funderId: string }) {
  const { unactivatedCents } = balances(await repo.accountSums(tx, program.id));
  const activated = await passes.activateUpTo(tx, program.id, unactivatedCents);
  if (activated.n > 0) await repo.post(tx, program.funderId, program.id, activationMovement(activated.value));
  return activated;
}

/** Posts a balanced movement of another module's use-case, inside its transaction. */
export async function postMovement(tx: Queryable, funderId: string, programId: string, postings: Posting[]) {
  await repo.post(tx, funderId, programId, postings);
}

/** Records money received, posts it, and activates the passes it now backs. */
export async function recordFunding(
  db: Queryable,
  actor: Actor | null,
  programId: string,
  input: FundingInput,
) {
  return db.transaction(async (tx) => {
    const { program } = await programs.lockAsOf(tx, actor, programId, businessDate());
    const { fundedCents } = balances(await repo.accountSums(tx, programId));
    if (fundedCents + input.amountCents > MAX_AMOUNT_CENTS) {
      throw invalid(
        [
          {
            field: 'amountCents',
            message: `Le total reçu pour ce dispositif dépasserait ${formatEuros(MAX_AMOUNT_CENTS)} : vérifiez le montant.`,
          },
        ],
        'Montant invalide.',
      );
    }
    const funding = await repo.insertFunding(tx, {
      ...input,
      funderId: program.funderId,
      programId,
      createdBy: actor?.userId ?? null,
    });
    await repo.post(tx, program.funderId, programId, fundingMovement(input.payer, input.amountCents));
    const activated = await activateFunded(tx, program);
    await audit.record(tx, {
      actor,
      funderId: program.funderId,
      action: 'funding.record',
      objectType: 'funding',
      objectId: funding.id,
      summary: {
        programId,
        payer: input.payer,
        amountCents: input.amountCents,
        activatedPasses: activated.n,
      },
    });
    return { fundingId: funding.id, activatedPasses: activated.n, ...(await summaryOf(tx, programId)) };
  });
}

async function summaryOf(tx: Queryable, programId: string) {
  return {
    balances: balances(await repo.accountSums(tx, programId)),
    passes: await passes.statusCounts(tx, programId),
  };
}

/** Funded, activated and remaining value of a programme, with its passes by status. */
export async function summary(db: Queryable, actor: Actor, programId: string) {
  await programs.get(db, actor, programId);
  return summaryOf(db, programId);
}
