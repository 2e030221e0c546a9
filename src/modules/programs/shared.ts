import { businessDate } from '../../core/dates.js';
import { type FieldIssue, notFound } from '../../core/errors.js';
import { type Actor, type Permission, requireFunder, seesFunder } from '../../core/permissions.js';
import { implausibleDates, type TypedDate } from '../../core/program/plausible-dates.js';
import type { Queryable } from '../../db/client.js';
import * as repo from './repo.js';

/**
 * What the programme's use-cases (service.ts), the checks of a deliberation (amendment-checks.ts)
 * and the envelopes (envelopes.ts) all use: issues prefixed and dated, numbers in French, and a
 * programme found for the actor or locked for writing.
 */

export const prefixed = (prefix: string, issues: FieldIssue[]) =>
  issues.map((i) => ({ ...i, field: `${prefix}.${i.field}` }));
export const fmt = (n: number) => n.toLocaleString('fr-FR');

/**
 * The issues of a request: its dates outside the plausible window first, then the other
 * issues on any field they leave (a date mistyped 1850 is not also « before the start »).
 */
export function withDates(dates: TypedDate[], issues: FieldIssue[]): FieldIssue[] {
  const implausible = implausibleDates(dates, businessDate());
  const flagged = new Set(implausible.map((i) => i.field));
  return [...implausible, ...issues.filter((i) => !flagged.has(i.field))];
}

/** The programme if the actor may see it; another funder's programme is simply not found. */
export async function visibleProgram(tx: Queryable, actor: Actor, id: string, permission: Permission) {
  const program = await repo.findProgram(tx, id, permission === 'program:write');
  if (!program || !seesFunder(actor, program.funderId)) throw notFound('Dispositif');
  requireFunder(actor, permission, program.funderId, 'Dispositif');
  return program;
}

/** Locks a programme for writing; a null actor is the system itself (demo data, command line). */
export async function lockProgram(tx: Queryable, actor: Actor | null, id: string) {
  const program = actor
    ? await visibleProgram(tx, actor, id, 'program:write')
    : await repo.findProgram(tx, id, true);
  if (!program) throw notFound('Dispositif');
  return program;
}
