import { businessDate, frenchDate, frenchMoment } from '../../core/dates.js';
import { conflict, DomainError, invalid, notFound } from '../../core/errors.js';
import {
  deactivationMovement,
  fundingMovement,
  fundingReversalMovement,
  reclaimMovement,
} from '../../core/ledger.js';
import { formatEuros, MAX_AMOUNT_CENTS } from '../../core/money.js';
import type { Actor } from '../../core/permissions.js';
import { implausibleDates } from '../../core/program/plausible-dates.js';
import { recordedDate } from '../../core/recorded-date.js';
import type { Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as funders from '../funders/service.js';
import * as ledger from '../ledger/service.js';
import * as passes from '../passes/service.js';
import * as programs from '../programs/service.js';
import { checkPayer, payersAsOf } from './payers.js';
import * as repo from './repo.js';

export interface FundingInput {
  payer: string;
  amountCents: number;
  /** Today when absent; a past date needs `backdateReason`, kept in the audit trail. */
  receivedOn?: string;
  backdateReason?: string | null;
  reference: string;
  /** Required to take a payer past its share of the budget. */
  confirmOverShare?: boolean;
  /** Required to record a funding identical to one not cancelled (a form submitted twice, otherwise). */
  confirmDuplicate?: boolean;
}

/**
 * Money is the programme's from its founding deliberation (a co-funder's advance once the
 * convention is signed, before the campaign takes effect: payers.ts): a funding dated before
 * it (a year mistyped) was recorded against a budget of nothing, and activated passes.
 */
async function refuseBeforeDecision(tx: Queryable, programId: string, receivedOn: string) {
  const decided = await programs.decidedOn(tx, programId);
  if (decided === null || receivedOn >= decided) return;
  throw invalid([
    {
      field: 'receivedOn',
      message: `Le dispositif a été décidé le ${frenchDate(decided)} : un versement reçu avant ce jour ne peut pas lui être rattaché.`,
    },
  ]);
}

/**
 * Records money received, posts it, and activates the passes it now backs. The passes are
 * activated when the money is recorded (docs/architecture.md, co-funders' shares); `at`, the
 * instant it is recorded, is for demo data and tests that replay the past (as a redemption's):
 * a funding recorded on its day then activates its passes on that day, before the sessions
 * the demo dates after it.
 */
export async function recordFunding(
  db: Queryable,
  actor: Actor | null,
  programId: string,
  input: FundingInput,
  at = new Date(),
) {
  const today = businessDate(at);
  return db.transaction(async (tx) => {
    const { program } = await programs.lockAsOf(tx, actor, programId, today);
    // Only a funder admin (program:write, checked just above) or the system records money.
    // A year mistyped into the past (1850 for 2025): said with the field's name, before
    // recordedDate's general rule (not before 2000) says it in general words; a future date is
    // recordedDate's (« pas dans le futur »).
    const past = input.receivedOn !== undefined && input.receivedOn < today ? input.receivedOn : undefined;
    const implausible = implausibleDates(
      [{ field: 'receivedOn', label: 'la date de réception', value: past }],
      today,
      today,
    );
    if (implausible.length) throw invalid(implausible);
    const when = recordedDate(
      { date: input.receivedOn, reason: input.backdateReason },
      today,
      'receivedOn',
      true,
    );
    if (!when.ok) throw invalid(when.issues);
    const { date: receivedOn, backdateReason } = when.value;
    // A date before the programme is refused first: the questions that follow (a duplicate, a
    // payer's share, 0 € on such a date) would only lead to this refusal once confirmed.
    await refuseBeforeDecision(tx, programId, receivedOn);
    if (!input.confirmDuplicate) await refuseDuplicate(tx, programId, { ...input, receivedOn });
    const payer = await checkPayer(tx, program, { ...input, receivedOn });
    const { fundedCents } = await ledger.balancesOf(tx, programId);
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
      payer: input.payer,
      amountCents: input.amountCents,
      reference: input.reference,
      receivedOn,
      funderId: program.funderId,
      programId,
      createdBy: actor?.userId ?? null,
    });
    await ledger.post(
      tx,
      program.funderId,
      programId,
      fundingMovement(input.payer, input.amountCents),
      receivedOn,
    );
    const activated = await passes.activateFunded(tx, program, today);
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
        receivedOn,
        ...(backdateReason ? { backdateReason } : {}),
        ...(payer.overShare && { overShareConfirmed: true, shareCents: payer.shareCents }),
      },
    });
    return { fundingId: funding.id, activatedPasses: activated.n, ...(await summaryOf(tx, programId)) };
  });
}

/**
 * Refuses a funding identical to one recorded and not cancelled (same payer, amount, date
 * received and reference): most likely the same transfer submitted twice. Like a payer's
 * share overrun, the funder may confirm it (`confirmDuplicate`): two equal instalments exist.
 */
async function refuseDuplicate(
  tx: Queryable,
  programId: string,
  f: { payer: string; amountCents: number; receivedOn: string; reference: string },
) {
  const twin = await repo.identicalFunding(tx, programId, f);
  if (!twin) return;
  const message = `Ce versement est déjà enregistré : ${formatEuros(f.amountCents)} de ${f.payer} reçu le ${frenchDate(f.receivedOn)}, référence « ${f.reference} », saisi le ${frenchMoment(twin.createdAt)}. Confirmez pour enregistrer un second versement identique.`;
  throw new DomainError('duplicate_funding', message, [{ field: 'reference', message }], {
    duplicateOf: twin.id,
  });
}

async function summaryOf(tx: Queryable, programId: string) {
  return {
    balances: await ledger.balancesOf(tx, programId),
    passes: await passes.statusCounts(tx, programId),
    fundings: await repo.fundingsOf(tx, programId),
  };
}

/** Who may pay into the programme as of a date, with their share and what they paid. */
export async function payers(db: Queryable, actor: Actor, programId: string, on = businessDate()) {
  const program = await programs.get(db, actor, programId, undefined, 'finance:read');
  return payersAsOf(db, program, on);
}

/**
 * Cancels a funding recorded wrongly by a reversing entry, never an edit: its money leaves
 * the account; if what remains unactivated cannot absorb it, the latest passes still in the
 * funder's stock return to unactivated to cover it. If the stock cannot, the money backs passes
 * that circulate, and the reversal is refused while any does. Once none circulates (after the
 * programme's end, say), the rest is taken back from the value of passes cancelled or expired
 * (`cover`); only money that went to passes used or carried over cannot be, and is refused.
 */
export async function reverseFunding(
  db: Queryable,
  actor: Actor | null,
  programId: string,
  fundingId: string,
  input: { reason: string },
) {
  return db.transaction(async (tx) => {
    const { program } = await programs.lockAsOf(tx, actor, programId, businessDate());
    const funding = (await repo.fundingsOf(tx, programId)).find((f) => f.id === fundingId);
    if (!funding) throw notFound('Versement');
    if (funding.reversal) {
      throw conflict(
        'funding_already_reversed',
        `Ce versement a déjà été annulé le ${frenchDate(funding.reversal.reversedOn)}.`,
      );
    }
    if (input.reason.trim() === '') {
      throw invalid([{ field: 'reason', message: "Indiquez le motif de l'annulation." }]);
    }
    const from = await payerHolding(tx, program, funding);
    const { deactivated, reclaimedCents } = await cover(tx, program.funderId, programId, funding.amountCents);
    await ledger.post(tx, program.funderId, programId, fundingReversalMovement(from, funding.amountCents));
    const reversedOn = businessDate();
    const reversal = await repo.insertReversal(tx, {
      funderId: program.funderId,
      programId,
      fundingId,
      reason: input.reason.trim(),
      reversedOn,
      deactivatedPasses: deactivated.n,
      reclaimedCents,
      createdBy: actor?.userId ?? null,
    });
    await audit.record(tx, {
      actor,
      funderId: program.funderId,
      action: 'funding.reverse',
      objectType: 'funding',
      objectId: fundingId,
      summary: {
        programId,
        payer: funding.payer,
        amountCents: funding.amountCents,
        reason: reversal.reason,
        deactivatedPasses: deactivated.n,
        reclaimedCents,
      },
    });
    return {
      reversalId: reversal.id,
      deactivatedPasses: deactivated.n,
      reclaimedCents,
      ...(await summaryOf(tx, programId)),
    };
  });
}

/**
 * The payer account a funding's money is in now: the one it entered, which holds at least each
 * of its fundings not reversed; or, for the funder's own under a former name, which moved all
 * it held at the rename (funders' correctIdentity), its present name's.
 */
async function payerHolding(
  tx: Queryable,
  program: { id: string; funderId: string },
  funding: { payer: string; amountCents: number },
) {
  const held = (await ledger.balancesOf(tx, program.id)).byPayer.find((p) => p.payer === funding.payer);
  if (held && held.amountCents >= funding.amountCents) return funding.payer;
  return funders.nameOf(tx, program.funderId);
}

/**
 * Brings the unactivated balance up to `amountCents` before a reversal takes it out, so that it
 * never goes below zero: passes of the funder's stock first, then, once no pass circulates,
 * the value of passes cancelled and expired. Refuses (the caller's transaction rolls back)
 * when the money backs passes that circulate, or went to passes used or carried over.
 */
async function cover(tx: Queryable, funderId: string, programId: string, amountCents: number) {
  const b = await ledger.balancesOf(tx, programId);
  const missing = amountCents - b.unactivatedCents;
  if (missing <= 0) return { deactivated: { n: 0, value: 0 }, reclaimedCents: 0 };
  const deactivated = await passes.deactivateInStock(tx, programId, missing);
  if (deactivated.value > 0) {
    await ledger.post(tx, funderId, programId, deactivationMovement(deactivated.value));
  }
  const rest = missing - deactivated.value;
  if (rest <= 0) return { deactivated, reclaimedCents: 0 };
  const circulating = await passes.circulatingCount(tx, programId);
  if (circulating > 0) {
    const message = `Ce versement finance des pass qui circulent déjà (${circulating} pass activés sont confiés à des prescripteurs ou remis) : l'annuler demanderait de désactiver ${formatEuros(missing)} de pass encore dans le stock du financeur, qui n'en a pas assez. Reprenez d'abord des carnets aux prescripteurs, ou enregistrez un versement qui le compense.`;
    throw conflict('funding_passes_circulating', message, [{ field: 'fundingId', message }]);
  }
  const dead = b.cancelledCents + b.expiredCents;
  if (dead < rest) {
    const message = `L'argent de ce versement a servi à des pass déjà utilisés ou reportés sur un autre dispositif : seuls ${formatEuros(dead)} de pass annulés ou expirés peuvent couvrir les ${formatEuros(rest)} à retirer. Si ce payeur n'a pas versé cette somme, enregistrez d'abord le versement de celui qui l'a réellement apportée.`;
    throw conflict('funding_value_used', message, [{ field: 'fundingId', message }]);
  }
  const fromCancelled = Math.min(b.cancelledCents, rest);
  await ledger.post(tx, funderId, programId, reclaimMovement(fromCancelled, rest - fromCancelled));
  return { deactivated, reclaimedCents: rest };
}

/** Money received in a period by payer, less the fundings cancelled in it, for the programme's report (the caller has authorised). */
export const fundingsInPeriod = repo.fundingsInPeriod;

/** Funded, activated and remaining value of a programme, with its passes by status. */
export async function summary(db: Queryable, actor: Actor, programId: string) {
  await programs.get(db, actor, programId, undefined, 'finance:read');
  return summaryOf(db, programId);
}

/** Every funding of the funder, with its reversal, for its export (the caller has authorised). */
export const fundingsOfFunder = repo.fundingsOfFunder;
