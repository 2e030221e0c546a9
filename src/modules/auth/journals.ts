import type { Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as funders from '../funders/service.js';

/**
 * Records a change of people in the journals it belongs to. A funder's people: the funder's.
 * A place's people (a place belongs to no funder): each funder whose roster holds the place,
 * since who may redeem at its desk matters to those who pay for it; a place on no roster yet:
 * the platform's (no funder). Before, a place's team changes went only there, read by nobody.
 */
export async function recordTeamChange(
  tx: Queryable,
  where: { funderId: string | null; placeId: string | null },
  ...entries: Omit<audit.AuditInput, 'funderId'>[]
) {
  // The journals are found once for all the entries of one change.
  const journals: (string | null)[] = where.funderId
    ? [where.funderId]
    : where.placeId
      ? await funders.fundersOfPlace(tx, where.placeId)
      : [];
  for (const entry of entries)
    for (const funderId of journals.length ? journals : [null])
      await audit.record(tx, { ...entry, funderId });
}
