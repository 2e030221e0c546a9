import { businessDate } from '../../core/dates.js';
import { type Actor, PLACE_ROLES, placeRoleOf } from '../../core/permissions.js';
import type { Db, Queryable } from '../../db/client.js';
import * as funders from '../funders/service.js';
import * as payments from '../payments/service.js';
import * as qualification from '../qualification/service.js';
import * as redemptions from '../redemptions/service.js';
import * as statements from '../statements/service.js';

/**
 * « Mes lieux »: every place where the signed-in person works, side by side, for whoever works
 * for several (an association's coordinator running six sites, a mediator at two places), who
 * otherwise reads them one at a time, changing place between each. Per place: where it is, the
 * person's role there, what it is owed and by which funders, last month's statements and where
 * they stand, this month's sessions, whether its bank account is recorded; and the totals.
 *
 * Composed from the owners' reads, each one query for all the places (a national association
 * may run fifty): the payables and statements (`statements`, which shows a place's money only
 * where its « Relevés » page would), the activity's count of sessions (`redemptions`), the bank
 * accounts (`qualification`), the places' names and communes (`funders`). In one repeatable-read
 * snapshot, so that the totals are the sum of the rows.
 */
export async function myPlaces(db: Db, actor: Actor, asOf = businessDate()) {
  const placeIds = [
    ...new Set(
      actor.memberships
        .filter((m) => PLACE_ROLES.includes(m.role) && m.organisationId)
        .map((m) => m.organisationId as string),
    ),
  ];
  return db.transaction(
    async (tx) => {
      const period = { from: `${asOf.slice(0, 7)}-01`, to: asOf };
      // One read after the other: a transaction's queries share its one connection.
      const where = await funders.organisationsWhere(tx, placeIds);
      const money = await statements.moneyOfPlaces(tx, actor, placeIds, asOf);
      const sessions = await redemptions.sessionsOfPlaces(tx, actor, placeIds, period);
      const banked = await qualification.placesWithBankAccount(tx, actor, placeIds);
      const standing = await standingsOf(
        tx,
        money.statements.map((s) => s.id),
      );
      const places = placeIds
        .map((placeId) => {
          const owed = money.readable.includes(placeId) ? owedBy(money.payables, placeId) : null;
          return {
            placeId,
            name: where.get(placeId)?.name ?? 'Lieu',
            commune: where.get(placeId)?.commune ?? null,
            role: placeRoleOf(actor, placeId),
            owedCents: owed && owed.reduce((sum, f) => sum + f.owedCents, 0),
            owedBy: owed,
            statements: owed
              ? money.statements
                  .filter((s) => s.placeId === placeId)
                  .map((s) => ({
                    id: s.id,
                    number: s.number,
                    funderName: s.funderName,
                    programName: s.programName,
                    totalCents: s.totalCents,
                    status: s.status,
                    paidOn: s.paidOn,
                    contestableUntil: s.contestableUntil,
                    ...standing(s.id),
                  }))
              : null,
            sessions: sessions.get(placeId) ?? 0,
            bankAccount: banked.has(placeId),
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
      const sum = (f: (p: (typeof places)[number]) => number) => places.reduce((n, p) => n + f(p), 0);
      return {
        asOf,
        statementsMonth: money.month,
        sessionsFrom: period.from,
        places,
        statementsTruncated: money.truncated,
        totals: {
          places: places.length,
          owedCents: sum((p) => p.owedCents ?? 0),
          statements: sum((p) => p.statements?.length ?? 0),
          statementsCents: sum((p) => (p.statements ?? []).reduce((n, s) => n + s.totalCents, 0)),
          sessions: sum((p) => p.sessions),
          withoutBankAccount: sum((p) => (p.bankAccount ? 0 : 1)),
        },
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** What the place is owed, per funder (its programmes added up), largest first. */
function owedBy(
  rows: { placeId: string; funderId: string; funderName: string; owedCents: number }[],
  placeId: string,
) {
  const byFunder = new Map<string, { funderId: string; funderName: string; owedCents: number }>();
  for (const r of rows.filter((x) => x.placeId === placeId)) {
    const f = byFunder.get(r.funderId) ?? { funderId: r.funderId, funderName: r.funderName, owedCents: 0 };
    f.owedCents += r.owedCents;
    byFunder.set(r.funderId, f);
  }
  return [...byFunder.values()]
    .filter((f) => f.owedCents !== 0)
    .sort((a, b) => b.owedCents - a.owedCents || a.funderName.localeCompare(b.funderName, 'fr'));
}

/**
 * What the payments side knows of the statements (a transfer paid in part, a netting, a file
 * refused, a run waiting), for core/statement-standing.ts's rule, as their lists give it.
 */
async function standingsOf(tx: Queryable, ids: string[]) {
  const instalments = await payments.instalmentsOf(tx, ids);
  const deducted = await payments.deductionsOf(tx, ids);
  const refused = await payments.bankRefusalsOf(tx, ids);
  const waiting = await payments.runsWaitingOf(tx, ids);
  return (id: string) => ({
    instalments: instalments.get(id) ?? null,
    deductedFrom: deducted.get(id) ?? null,
    bankRefusedOn: refused.get(id) ?? null,
    inRun: waiting.get(id) ?? null,
  });
}
