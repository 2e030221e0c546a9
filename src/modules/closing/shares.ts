import { cofunderShares, valueUsedCents } from '../../core/cofunding.js';
import { businessDate, frenchDate } from '../../core/dates.js';
import { invalid, notFound } from '../../core/errors.js';
import { balances } from '../../core/ledger.js';
import type { Actor } from '../../core/permissions.js';
import type { Queryable } from '../../db/client.js';
import * as funders from '../funders/service.js';
import * as ledger from '../ledger/service.js';
import * as programs from '../programs/service.js';

/**
 * Co-funders' shares of a programme at the end of `asOf`: the rule of each convention as in
 * force that day (the programme's amended state), applied to the value used that day, less
 * what each paid by today (`receivedAsOf`). A call for funds is made today: a payment
 * received since `asOf`, or recorded late, is paid all the same, and asking for it again
 * would be false (a State's payment of 10 April, recorded in December, was called again as of
 * 30 June). `asOf` is today or before: the routes refuse a day to come (schemas.ts), whose
 * figures would be a guess a co-funder reads as a record.
 */
export async function sharesOf(db: Queryable, actor: Actor, programId: string, asOf = businessDate()) {
  const view = await programs.get(db, actor, programId, asOf, 'finance:read');
  // Before its first deliberation took effect the programme had no co-funder: said at the date,
  // rather than « Cofinanceur introuvable » for the one the person chose.
  if (!view.state)
    throw invalid([
      {
        field: 'asOf',
        message: `Le dispositif n’était pas encore en vigueur le ${frenchDate(asOf)} : choisissez le ${frenchDate(view.startsOn)} ou après.`,
      },
    ]);
  const sums = await ledger.accountSumsAsOf(db, programId, asOf);
  const receivedAsOf = businessDate();
  const paid = receivedAsOf === asOf ? sums : await ledger.accountSumsAsOf(db, programId, receivedAsOf);
  const usedCents = valueUsedCents(sums);
  const shares = view.state ? cofunderShares(view.state, usedCents, balances(paid).byPayer) : [];
  const funder = await funders.identityOf(db, view.funderId);
  return {
    programId,
    funderId: view.funderId,
    funderName: funder.name,
    funderSiret: funder.siret,
    programName: view.state?.name ?? '',
    // Until then passes may be used: a share of the used value, and an excess paid, may change.
    usageEnd: view.state.calendar.usageEnd,
    // The deliberations in force that day, which the convention's rule and amounts come from;
    // each once, though one may change the programme on two dates (two entries of the timeline).
    deliberations: [
      ...new Map(
        view.timeline
          .filter((e) => e.supersededBy === null && e.effectiveOn <= asOf)
          .map(({ legal: { body, number, decidedOn } }) => [
            `${body}\n${number}\n${decidedOn}`,
            { body, number, decidedOn },
          ]),
      ).values(),
    ],
    asOf,
    receivedAsOf,
    usedCents,
    shares,
  };
}

export type SharesReport = Awaited<ReturnType<typeof sharesOf>>;

/** One co-funder's share, by its name as the programme lists it; 404 for a name it does not list. */
export async function shareOf(
  db: Queryable,
  actor: Actor,
  programId: string,
  cofunder: string,
  asOf = businessDate(),
) {
  const report = await sharesOf(db, actor, programId, asOf);
  const share = report.shares.find((s) => s.name === cofunder);
  if (!share) throw notFound('Cofinanceur');
  return { report, share };
}
