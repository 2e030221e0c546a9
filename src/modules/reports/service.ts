import { dashboardRows } from '../../core/dashboard.js';
import { businessDate } from '../../core/dates.js';
import { invalid } from '../../core/errors.js';
import type { Actor } from '../../core/permissions.js';
import type { Queryable } from '../../db/client.js';
import * as passes from '../passes/service.js';
import * as programs from '../programs/service.js';
import * as redemptions from '../redemptions/service.js';

/**
 * The funder's dashboard of a programme: its passes as they are today (their states have no
 * date), against the plan and envelopes as of `asOf`, today or later (what is left to issue
 * under a plan already decided). A past date would mix that day's plan with today's passes,
 * so it is refused; the past is in the closure summary and the statements.
 */
export async function dashboard(db: Queryable, actor: Actor, programId: string, asOf = businessDate()) {
  const program = await programs.get(db, actor, programId, asOf, 'finance:read');
  if (asOf < businessDate()) {
    throw invalid([
      {
        field: 'asOf',
        message:
          'Le tableau de bord compte les pass tels qu’ils sont aujourd’hui : choisissez aujourd’hui ou une date à venir.',
      },
    ]);
  }
  const { rows, total } = dashboardRows(
    program.state?.plannedPasses ?? 0,
    program.envelopes,
    await passes.countsByEnvelope(db, programId),
    await programs.outsideShare(db, programId, asOf),
  );
  return { asOf, rows, total, byMonth: await redemptions.byMonth(db, programId) };
}
