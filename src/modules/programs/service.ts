import { businessDate, frenchDate } from '../../core/dates.js';
import { conflict, DomainError, invalid } from '../../core/errors.js';
import { type Actor, type Permission, requireFunder } from '../../core/permissions.js';
import { DEFAULT_LATE_SESSION_DAYS } from '../../core/program/changes.js';
import {
  type Amendment,
  amendmentTimeline,
  budgetView,
  type Envelope,
  envelopesAsOf,
  normaliseChanges,
  type ProgramChanges,
  type ProgramState,
  type ProgramStateInput,
  programAsDecided,
  programAsOf,
  programDecidedOn,
  programName,
  programStart,
  validateProgramState,
} from '../../core/program/index.js';
import { checkPlanCovers, outsideShareFrom } from '../../core/program/plan-cap.js';
import { deliberationDates, programDates } from '../../core/program/plausible-dates.js';
import { allows, type ProgramAction, phaseOf, refusalMessage } from '../../core/program/status.js';
import type { Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import { named } from '../funders/service.js';
import {
  checkAmendment,
  checkCalendarCoversActivity,
  checkRectified,
  cofundersDroppedWithPayments,
  decisionIssues,
  FAR_FUTURE,
  refuseRecordedTwice,
  sharesCutBelowPaid,
  usageEndMovedIntoPast,
} from './amendment-checks.js';
import { reservedPart } from './envelopes.js';
import * as repo from './repo.js';
import { fmt, lockProgram, prefixed, visibleProgram, withDates } from './shared.js';

export { pastUsageEndMessage } from './amendment-checks.js';
export { addEnvelope, type EnvelopeInput, envelopeOf, planShortfall, shortfallMessage } from './envelopes.js';

/**
 * The programmes: read as of a date, created by their founding deliberation, amended, locked for
 * other modules' writes. This file is the module's entry point: the checks of a deliberation are
 * in amendment-checks.ts, the envelopes and caps in envelopes.ts, what they share in shared.ts.
 */

/** Envelopes' territories with their names and labels, as people read them (« Meuse (55) — département »). */
const labelled = (envelopes: Envelope[]) => envelopes.map((e) => ({ ...e, territory: named(e.territory) }));

/** A programme's name and first day, also before that day (programmes are decided ahead). */
function naming(amendments: Amendment[], asOf: string) {
  return { name: programName(amendments, asOf), startsOn: programStart(amendments) ?? asOf };
}

/** What a programme page shows as of a date: its state, its history, its envelopes and budget. */
function view(program: repo.ProgramRow, amendments: Amendment[], envelopes: Envelope[], asOf: string) {
  const state = programAsOf(amendments, asOf);
  return {
    id: program.id,
    funderId: program.funderId,
    asOf,
    ...naming(amendments, asOf),
    state,
    status: phaseOf(state, asOf),
    timeline: amendmentTimeline(amendments),
    envelopes: labelled(envelopesAsOf(envelopes, asOf)),
    allEnvelopes: labelled(envelopes),
    budget: state ? budgetView(state) : null,
  };
}

/** The programme as of a date; `permission` is what the caller reads through it (its finance, say). */
export async function get(
  db: Queryable,
  actor: Actor,
  id: string,
  asOf = businessDate(),
  permission: Permission = 'program:read',
) {
  const program = await visibleProgram(db, actor, id, permission);
  const amendments = (await repo.amendmentsOf(db, [id])).get(id)!;
  return view(program, amendments, await repo.envelopesOf(db, id), asOf);
}

/**
 * How many passes the programme's plan leaves outside its envelopes on every day from `asOf`
 * on (`outsideShareFrom`), for the dashboard (no authorisation: its caller has it).
 */
export async function outsideShare(db: Queryable, programId: string, asOf: string): Promise<number> {
  const amendments = (await repo.amendmentsOf(db, [programId])).get(programId) ?? [];
  return outsideShareFrom(amendments, await repo.envelopesOf(db, programId), asOf);
}

/** A programme's state as of a date, for other modules' checks (no authorisation, no lock). */
export async function stateAsOf(
  db: Queryable,
  programId: string,
  date: string,
): Promise<ProgramState | null> {
  const amendments = (await repo.amendmentsOf(db, [programId])).get(programId);
  return amendments ? programAsOf(amendments, date) : null;
}

/**
 * A programme decided but not yet in effect on `date` (from its founding deliberation on), as
 * first decided; null at any other date (no authorisation: callers have it).
 */
export async function stateAsDecided(
  db: Queryable,
  programId: string,
  date: string,
): Promise<ProgramState | null> {
  const amendments = (await repo.amendmentsOf(db, [programId])).get(programId);
  return amendments ? programAsDecided(amendments, date) : null;
}

/** The day a programme takes effect, for other modules' messages (no authorisation). */
export async function startsOn(db: Queryable, programId: string): Promise<string | null> {
  const amendments = (await repo.amendmentsOf(db, [programId])).get(programId);
  return amendments ? programStart(amendments) : null;
}

/** The day its founding deliberation was decided, for other modules' checks (no authorisation). */
export async function decidedOn(db: Queryable, programId: string): Promise<string | null> {
  const amendments = (await repo.amendmentsOf(db, [programId])).get(programId);
  return amendments ? programDecidedOn(amendments) : null;
}

/** A programme's name as of a date, for other modules' answers (no authorisation: callers have it). */
export async function nameOf(db: Queryable, programId: string, asOf = businessDate()): Promise<string> {
  const amendments = (await repo.amendmentsOf(db, [programId])).get(programId);
  return amendments ? programName(amendments, asOf) : '';
}

/** Programmes' names as of a date, for other modules' lists (no authorisation: callers have it). */
export async function namesOf(db: Queryable, programIds: string[], asOf = businessDate()) {
  const amendments = await repo.amendmentsOf(db, programIds);
  return new Map(programIds.map((id) => [id, programName(amendments.get(id) ?? [], asOf)]));
}

/** The ids of the funder's programmes, oldest first (no authorisation: callers have it). */
export async function idsOfFunder(db: Queryable, funderId: string): Promise<string[]> {
  return (await repo.programsOfFunder(db, funderId)).map((p) => p.id);
}

export async function listForFunder(db: Queryable, actor: Actor, funderId: string, asOf = businessDate()) {
  requireFunder(actor, 'program:read', funderId, 'Financeur');
  const programs = await repo.programsOfFunder(db, funderId);
  const amendments = await repo.amendmentsOf(
    db,
    programs.map((p) => p.id),
  );
  return programs.map((p) => {
    const history = amendments.get(p.id)!;
    const state = programAsOf(history, asOf);
    return {
      id: p.id,
      funderId: p.funderId,
      asOf,
      ...naming(history, asOf),
      state,
      status: phaseOf(state, asOf),
    };
  });
}

export interface CreateProgramInput {
  effectiveOn: string;
  legal: Amendment['legal'];
  state: ProgramStateInput;
}

/** A programme is born of its founding deliberation, recorded as its 'creation' amendment. */
export async function create(
  db: Queryable,
  actor: Actor | null,
  funderId: string,
  input: CreateProgramInput,
) {
  if (actor) requireFunder(actor, 'program:write', funderId, 'Financeur');
  // Stored in full form: audiences with their labels and bounds, the allowance explicit.
  const state = normaliseChanges({
    passesPerBeneficiary: null,
    lateSessionDays: DEFAULT_LATE_SESSION_DAYS,
    ...input.state,
  }) as ProgramChanges;
  const issues = withDates(
    [...deliberationDates(input), ...programDates(input.state, 'state.')],
    [...prefixed('state', validateProgramState(state as ProgramStateInput)), ...decisionIssues(input)],
  );
  if (issues.length) throw invalid(issues);
  return db.transaction(async (tx) => {
    const program = await repo.insertProgram(tx, { funderId, createdBy: actor?.userId ?? null });
    const creation = await repo.insertAmendment(
      tx,
      program,
      { kind: 'creation', effectiveOn: input.effectiveOn, legal: input.legal, changes: state },
      actor?.userId ?? null,
    );
    await audit.record(tx, {
      actor,
      funderId,
      action: 'program.create',
      objectType: 'program',
      objectId: program.id,
      summary: { name: input.state.name, effectiveOn: input.effectiveOn, deliberation: input.legal.number },
    });
    return { program, creation };
  });
}

export interface AmendInput {
  effectiveOn: string;
  legal: Amendment['legal'];
  changes: ProgramChanges;
  /** The amendment this one rectifies, which it supersedes. */
  rectifies?: string;
  /** Moving the usage end into the past needs this explicit confirmation (see usageEndMovedIntoPast). */
  confirmPastUsageEnd?: boolean;
  /** Cutting a payer's share below what it has paid (the rest owed back): confirmed after `share_below_paid`. */
  confirmShareBelowPaid?: boolean;
}

/**
 * Records an amendment after checking that the programme stays valid at every date
 * from the amendment on, and that its envelopes still fit under its planned passes.
 */
export async function amend(db: Queryable, actor: Actor | null, programId: string, request: AmendInput) {
  return db.transaction(async (t) => {
    const program = await lockProgram(t, actor, programId);
    const existing = (await repo.amendmentsOf(t, [programId])).get(programId)!;
    const { confirmPastUsageEnd, confirmShareBelowPaid, ...amendment } = request;
    const input = { ...amendment, changes: normaliseChanges(amendment.changes) };
    const candidate: Amendment = { id: 'ffffffff-ffff-4fff-bfff-ffffffffffff', kind: 'amendment', ...input };
    refuseRecordedTwice(existing, candidate);
    const rectified = input.rectifies ? checkRectified(existing, input.rectifies, candidate) : undefined;
    checkAmendment(existing, candidate, await repo.envelopesOf(t, programId), rectified?.effectiveOn);
    // A rectification changes the programme from the earlier of the two dates on.
    const from =
      rectified && rectified.effectiveOn < candidate.effectiveOn
        ? rectified.effectiveOn
        : candidate.effectiveOn;
    const shortfall = checkPlanCovers(
      [...existing, candidate],
      await repo.envelopesOf(t, programId),
      await repo.issuedByDay(t, programId),
      from,
    );
    if (shortfall) {
      const message =
        shortfall.kind === 'plan'
          ? `Au ${frenchDate(shortfall.date)}, ${fmt(shortfall.issued)} pass seraient déjà émis, plus que les ${fmt(shortfall.plannedPasses)} prévus.`
          : `Au ${frenchDate(shortfall.date)}, ${fmt(shortfall.outside)} pass seraient déjà émis hors enveloppe, plus que les ${fmt(shortfall.plannedPasses - shortfall.reserved)} que le dispositif y laisserait (${reservedPart(shortfall)}).`;
      throw conflict('plan_below_issued', message, [{ field: 'changes.plannedPasses', message }]);
    }
    // Only a calendar that moves is checked: an unrelated change is not refused for the past.
    if (candidate.changes.calendar || rectified?.changes.calendar)
      checkCalendarCoversActivity(
        programAsOf([...existing, candidate], FAR_FUTURE),
        await repo.lastActivity(t, programId),
      );
    const pastUsageEnd = await usageEndMovedIntoPast(t, programId, existing, candidate);
    if (pastUsageEnd && !confirmPastUsageEnd)
      throw conflict('usage_end_in_past', pastUsageEnd, [
        { field: 'confirmPastUsageEnd', message: pastUsageEnd },
      ]);
    const dropped = await cofundersDroppedWithPayments(t, programId, existing, candidate);
    if (dropped)
      throw conflict('cofunder_has_payments', dropped, [
        { field: 'changes.budget.cofunders', message: dropped },
      ]);
    const cut = await sharesCutBelowPaid(t, program, existing, candidate);
    if (cut && !confirmShareBelowPaid)
      throw conflict('share_below_paid', cut.message, [
        { field: 'confirmShareBelowPaid', message: cut.message },
      ]);
    const saved = await repo.insertAmendment(
      t,
      program,
      { kind: 'amendment', ...input },
      actor?.userId ?? null,
    );
    await audit.record(t, {
      actor,
      funderId: program.funderId,
      action: 'program.amend',
      objectType: 'program',
      objectId: program.id,
      summary: {
        effectiveOn: input.effectiveOn,
        deliberation: input.legal.number,
        changes: input.changes,
        ...(rectified && { rectifies: rectified.id, rectifiesDeliberation: rectified.legal.number }),
        ...(pastUsageEnd && { confirmedPastUsageEnd: true }),
        ...(cut && { confirmedShareBelowPaid: cut.payers }),
      },
    });
    return amendmentTimeline([...existing, saved]).find((e) => e.id === saved.id)!;
  });
}

/**
 * Locks a programme for a write made by another module (issuing passes) and gives its
 * state and envelopes as of a date: the caller checks its caps against them.
 */
export async function lockAsOf(tx: Queryable, actor: Actor | null, programId: string, date: string) {
  const program = await lockProgram(tx, actor, programId);
  const amendments = (await repo.amendmentsOf(tx, [programId])).get(programId)!;
  const state = programAsOf(amendments, date);
  return {
    program,
    amendments,
    state,
    status: phaseOf(state, date),
    envelopes: envelopesAsOf(await repo.envelopesOf(tx, programId), date),
  };
}

/**
 * Refuses an action that the programme's status on `date` forbids (the table ALLOWED of
 * core/program/status.ts), naming `field`, the date the caller chose or the server gave.
 */
export function requireAllowed(
  locked: { state: ProgramState | null },
  date: string,
  action: ProgramAction,
  field: string,
) {
  const status = phaseOf(locked.state, date);
  if (allows(status, action)) return;
  const detail = refusalMessage(status, action, date, locked.state);
  throw new DomainError('program_status_forbids', detail, [{ field, message: detail }], {
    programStatus: status,
    action,
  });
}

/** Every programme with its state as of a date, for the daily jobs (no authorisation: the system). */
export async function allAsOf(db: Queryable, date: string) {
  const rows = await repo.allPrograms(db);
  const amendments = await repo.amendmentsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((p) => ({
    id: p.id,
    funderId: p.funderId,
    state: programAsOf(amendments.get(p.id) ?? [], date),
  }));
}
