import { frenchDate } from '../../core/dates.js';
import { conflict, DomainError } from '../../core/errors.js';
import { formatEuros } from '../../core/money.js';
import { payerShares } from '../../core/program/index.js';
import type { Queryable } from '../../db/client.js';
import * as funders from '../funders/service.js';
import * as ledger from '../ledger/service.js';
import * as programs from '../programs/service.js';

/*
 * Who may pay into a programme: its funder and its co-funders as of the funding's date (as
 * first decided, between its deliberation and the day it takes effect), each chosen from that
 * list so that one payer is never recorded under two spellings, and each up to its share of
 * the budget unless the funder confirms going past it.
 */

export interface Payer {
  name: string;
  /** Its share of the budget as of the date: a co-funder's amount or share × total, the funder's remainder. */
  shareCents: number;
  /** What it has paid so far, net of reversals. */
  receivedCents: number;
}

export async function payersAsOf(
  tx: Queryable,
  program: { id: string; funderId: string },
  date: string,
): Promise<Payer[]> {
  const state = await stateForPayments(tx, program.id, date);
  const received = (await ledger.balancesOf(tx, program.id)).byPayer;
  const paid = (name: string) => received.find((p) => p.payer === name)?.amountCents ?? 0;
  const funderName = await funders.nameOf(tx, program.funderId);
  const list = state ? payerShares(state, funderName) : [{ name: funderName, shareCents: 0 }];
  return list.map((p) => ({ ...p, receivedCents: paid(p.name) }));
}

/**
 * The programme as of the date, or, from its founding deliberation to the day it takes effect,
 * as first decided: an advance paid once the convention is signed counts against the shares
 * agreed, not against none. Before the deliberation, nobody is a payer but the funder.
 */
async function stateForPayments(tx: Queryable, programId: string, date: string) {
  return (await programs.stateAsOf(tx, programId, date)) ?? programs.stateAsDecided(tx, programId, date);
}

/** The payer as listed; refuses an unknown payer, and a share overrun not confirmed. */
export async function checkPayer(
  tx: Queryable,
  program: { id: string; funderId: string },
  input: { payer: string; amountCents: number; receivedOn: string; confirmOverShare?: boolean },
): Promise<Payer & { overShare: boolean }> {
  const payers = await payersAsOf(tx, program, input.receivedOn);
  const payer = payers.find((p) => p.name === input.payer);
  if (!payer) {
    const message = `Choisissez le payeur parmi le financeur et les cofinanceurs du dispositif au ${frenchDate(input.receivedOn)} : ${payers.map((p) => p.name).join(', ')}.`;
    throw new DomainError('payer_not_cofunder', message, [{ field: 'payer', message }]);
  }
  const after = payer.receivedCents + input.amountCents;
  const overShare = after > payer.shareCents;
  if (overShare && !input.confirmOverShare) {
    const message = `Avec ce versement, ${payer.name} aurait versé ${formatEuros(after)} pour une part de ${formatEuros(payer.shareCents)} au budget du dispositif au ${frenchDate(input.receivedOn)} (déjà versé : ${formatEuros(payer.receivedCents)}). Confirmez pour l'enregistrer quand même.`;
    throw conflict('payer_share_exceeded', message, [{ field: 'amountCents', message }]);
  }
  return { ...payer, overShare };
}
