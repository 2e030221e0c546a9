import { addMonths, businessDate } from '../../core/dates.js';
import type { Db } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as funders from '../funders/service.js';
import * as programs from '../programs/service.js';
import * as repo from './repo.js';

/**
 * Erases the names and birth dates of the people whose every programme ended more than the
 * funder's retention period ago (docs/architecture.md, "A person's data"; the period is a funder's setting,
 * migration 0056). A programme ends at its closure as amended, or at its usage end when it has
 * no closure date. Run hourly by the jobs and idempotent: a person is erased once, on the first
 * run after the last of their periods ended; each funder's erasures are one audit entry.
 */
export async function eraseBeyondRetention(db: Db, today = businessDate()): Promise<number> {
  const byFunder = new Map<string, { programId: string; ends: string }[]>();
  for (const p of await programs.allAsOf(db, today)) {
    // A programme not in force yet has no state today, and no one to erase.
    if (!p.state) continue;
    const ends = p.state.calendar.closure ?? p.state.calendar.usageEnd;
    byFunder.set(p.funderId, [...(byFunder.get(p.funderId) ?? []), { programId: p.id, ends }]);
  }
  let erased = 0;
  for (const [funderId, ended] of byFunder) {
    const months = await funders.beneficiaryRetentionMonths(db, funderId);
    const dueOn = ended.map((p) => ({ programId: p.programId, dueOn: addMonths(p.ends, months) }));
    if (!dueOn.some((d) => d.dueOn <= today)) continue;
    erased += await db.transaction(async (tx) => {
      const people = await repo.eraseDue(tx, funderId, dueOn, today);
      if (people > 0)
        await audit.record(tx, {
          actor: null,
          funderId,
          action: 'beneficiary.retention_erase',
          objectType: 'funder',
          objectId: funderId,
          summary: { people, retentionMonths: months },
        });
      return people;
    });
  }
  return erased;
}
