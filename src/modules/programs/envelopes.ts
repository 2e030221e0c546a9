import { frenchDate } from '../../core/dates.js';
import { conflict, type FieldIssue, invalid } from '../../core/errors.js';
import type { Actor } from '../../core/permissions.js';
import {
  type Amendment,
  type CapViolation,
  checkEnvelopeCaps,
  type Envelope,
} from '../../core/program/index.js';
import { checkPlanCovers, roomLeft, type Shortfall } from '../../core/program/plan-cap.js';
import type { Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import { checkTerritory, checkWithinFunder } from '../funders/service.js';
import * as repo from './repo.js';
import { fmt, lockProgram, withDates } from './shared.js';

/**
 * A programme's envelopes and the caps on its passes: an envelope added within the funder's
 * territory and the plan, the passes a new issue would leave short of the plan (planShortfall)
 * and how that is told, one envelope read for other modules.
 */

export function capMessage(v: CapViolation): string {
  return `Au ${frenchDate(v.date)}, les enveloppes (${v.envelopeNames.join(', ')}) totaliseraient ${fmt(v.envelopesTotal)} pass, plus que les ${fmt(v.plannedPasses)} pass prévus par le dispositif.`;
}

export interface EnvelopeInput {
  name: string;
  cap: number;
  effectiveOn: string;
  territory: Envelope['territory'];
}

/**
 * An envelope takes effect once its programme exists: before its founding deliberation's date
 * there are no planned passes to share (it used to read « plus que les 0 pass prévus », on its cap).
 */
function startIssues(amendments: Amendment[], effectiveOn: string): FieldIssue[] {
  const start = amendments.find((a) => a.kind === 'creation')!.effectiveOn;
  if (effectiveOn >= start) return [];
  return [
    {
      field: 'effectiveOn',
      message: `Le dispositif commence le ${frenchDate(start)} : l'enveloppe ne peut pas prendre effet avant cette date.`,
    },
  ];
}

export async function addEnvelope(
  db: Queryable,
  actor: Actor | null,
  programId: string,
  input: EnvelopeInput,
) {
  return db.transaction(async (t) => {
    const program = await lockProgram(t, actor, programId);
    const amendments = (await repo.amendmentsOf(t, [programId])).get(programId)!;
    const issues = withDates(
      [{ field: 'effectiveOn', label: "la date d'effet", value: input.effectiveOn }],
      [...startIssues(amendments, input.effectiveOn), ...checkTerritory(input.territory)],
    );
    if (issues.length) throw invalid(issues);
    const outside = await checkWithinFunder(t, program.funderId, input.territory);
    if (outside.length) throw invalid(outside);
    if (await repo.envelopeNamed(t, programId, input.name)) {
      throw conflict('envelope_name_taken', 'Une enveloppe porte déjà ce nom.', [
        { field: 'name', message: 'Une enveloppe de ce dispositif porte déjà ce nom.' },
      ]);
    }
    const candidate: Envelope = { id: 'ffffffff-ffff-4fff-bfff-ffffffffffff', ...input };
    const envelopes = [...(await repo.envelopesOf(t, programId)), candidate];
    const violation = checkEnvelopeCaps(amendments, envelopes);
    if (violation)
      throw conflict('envelopes_over_cap', capMessage(violation), [
        { field: 'cap', message: capMessage(violation) },
      ]);
    // The new envelope's cap is taken from the plan's share outside the envelopes.
    const shortfall = checkPlanCovers(
      amendments,
      envelopes,
      await repo.issuedByDay(t, programId),
      input.effectiveOn,
    );
    if (shortfall?.kind === 'outside_envelopes') {
      const room = input.cap - (shortfall.outside - (shortfall.plannedPasses - shortfall.reserved));
      const message = `Au ${frenchDate(shortfall.date)}, ${fmt(shortfall.outside)} pass sont déjà émis hors enveloppe : avec cette enveloppe, le dispositif n'y en laisserait que ${fmt(shortfall.plannedPasses - shortfall.reserved)} (${reservedPart(shortfall)}). Plafond possible pour cette enveloppe à cette date : ${fmt(Math.max(0, room))} pass.`;
      throw conflict('envelopes_over_cap', message, [{ field: 'cap', message }]);
    }
    const saved = await repo.insertEnvelope(t, program, input, actor?.userId ?? null);
    await audit.record(t, {
      actor,
      funderId: program.funderId,
      action: 'envelope.create',
      objectType: 'envelope',
      objectId: saved.id,
      summary: {
        programId,
        name: saved.name,
        cap: saved.cap,
        effectiveOn: saved.effectiveOn,
        // Who may receive its passes: where the envelope's beneficiaries live.
        territory: saved.territory,
      },
    });
    return saved;
  });
}

/**
 * Whether `count` more passes issued on `date`, into the envelope `envelopeId` or outside any
 * (null), keep the programme within its plan, and within the plan's share outside the
 * envelopes, on that date and on every later one; the shortfall otherwise (the caller has the
 * programme locked).
 */
export async function planShortfall(
  tx: Queryable,
  locked: { program: { id: string }; amendments: Amendment[] },
  date: string,
  count: number,
  envelopeId: string | null,
): Promise<Shortfall | null> {
  const issued = [
    ...(await repo.issuedByDay(tx, locked.program.id)),
    { date, passes: count, outside: envelopeId ? 0 : count },
  ];
  return checkPlanCovers(locked.amendments, await repo.envelopesOf(tx, locked.program.id), issued, date);
}

/** « 1 000 pass prévus, dont 350 réservés aux enveloppes (Aisne, Somme) » */
export function reservedPart(s: Extract<Shortfall, { kind: 'outside_envelopes' }>) {
  return `${fmt(s.plannedPasses)} pass prévus, dont ${fmt(s.reserved)} réservés aux enveloppes (${s.envelopeNames.join(', ')})`;
}

/** Why `count` new passes do not fit, and how many would (issuing, carrying over). */
export function shortfallMessage(shortfall: Shortfall, count: number): string {
  const room = fmt(roomLeft(shortfall, count));
  const on = `Au ${frenchDate(shortfall.date)}`;
  return shortfall.kind === 'plan'
    ? `${on}, le dispositif prévoit ${fmt(shortfall.plannedPasses)} pass ; ${fmt(shortfall.issued - count)} sont déjà émis à cette date, il en reste ${room}.`
    : `${on}, le dispositif prévoit ${fmt(shortfall.plannedPasses)} pass, dont ${fmt(shortfall.reserved)} réservés aux enveloppes (${shortfall.envelopeNames.join(', ')}) ; ${fmt(shortfall.outside - count)} sont déjà émis hors enveloppe à cette date, il en reste ${room} hors enveloppe.`;
}

/** One envelope of a programme whatever its date, for checks made by other modules (no authorisation). */
export async function envelopeOf(tx: Queryable, programId: string, envelopeId: string) {
  return (await repo.envelopesOf(tx, programId)).find((e) => e.id === envelopeId);
}
