import { businessDate } from '../../core/dates.js';
import { invalid } from '../../core/errors.js';
import { firstWorkingDay } from '../../core/french-holidays.js';
import { monthStart, previousMonth } from '../../core/statement.js';
import type { Db } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as repo from './repo.js';

/**
 * Paying places, part one (issue 12, points 1 and 2; docs/architecture.md "Paying places:
 * statements"): monthly statements per place and programme, generated set-based, numbered
 * without gaps per funder, then downloaded, contested and answered.
 */

export const RUN_LABEL = 'Relevés mensuels';

export interface RunResult {
  month: string;
  funders: { funderId: string; issued: number; firstNumber: number | null; lastNumber: number | null }[];
}

/**
 * Issues the statements of `month` ('YYYY-MM') for every funder, or one. Idempotent: a second
 * run issues nothing more for the places already given this month's statement. One
 * transaction per funder, holding the funder's counter row, so that numbers have no gap.
 */
export async function run(db: Db, input: { month: string; funderId?: string }): Promise<RunResult> {
  const start = monthStart(input.month);
  if (!start) throw invalid([{ field: 'month', message: 'Le mois doit être de la forme AAAA-MM.' }]);
  const funders = await repo.fundersWithRedemptions(db, input.funderId);
  const result: RunResult = { month: input.month, funders: [] };
  for (const funderId of funders) {
    result.funders.push(
      await db.transaction(async (tx) => {
        const last = await repo.lockCounter(tx, funderId);
        const made = await repo.issueMonth(tx, funderId, start, last);
        if (made.n > 0) {
          await repo.advanceCounter(tx, funderId, last + made.n);
          await audit.record(tx, {
            actor: null,
            actorLabel: RUN_LABEL,
            funderId,
            action: 'statement.issue_month',
            objectType: 'funder',
            objectId: funderId,
            summary: {
              month: input.month,
              statements: made.n,
              firstNumber: made.first,
              lastNumber: made.last,
            },
          });
        }
        return { funderId, issued: made.n, firstNumber: made.first, lastNumber: made.last };
      }),
    );
  }
  return result;
}

/**
 * The background job: on the first working day of the month (French public holidays), the
 * past month's statements. Run hourly that day; each run after the first issues nothing more.
 */
export async function runIfDue(db: Db, today = businessDate()): Promise<RunResult | null> {
  if (today !== firstWorkingDay(today)) return null;
  return run(db, { month: previousMonth(today) });
}
