import { dashboardRows } from '../../core/dashboard.js';
import { businessDate } from '../../core/dates.js';
import type { Actor } from '../../core/permissions.js';
import type { Queryable } from '../../db/client.js';
import * as passes from '../passes/service.js';
import * as programs from '../programs/service.js';
import * as redemptions from '../redemptions/service.js';

/** The funder's dashboard of a programme, with the plan and envelopes as of a date. */
export async function dashboard(db: Queryable, actor: Actor, programId: string, asOf = businessDate()) {
  const program = await programs.get(db, actor, programId, asOf, 'finance:read');
  const { rows, total } = dashboardRows(
    program.state?.plannedPasses ?? 0,
    program.envelopes,
    await passes.countsByEnvelope(db, programId),
    await programs.outsideShare(db, programId, asOf),
  );
  return { asOf, rows, total, byMonth: await redemptions.byMonth(db, programId) };
}
