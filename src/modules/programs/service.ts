import { businessDate, frenchDate, isIsoDate } from '../../core/dates.js';
import { conflict, DomainError, type FieldIssue, invalid, notFound } from '../../core/errors.js';
import { lastRecordingDay } from '../../core/late-session.js';
import { formatEuros } from '../../core/money.js';
import { type Actor, type Permission, requireFunder, seesFunder } from '../../core/permissions.js';
import { DEFAULT_LATE_SESSION_DAYS } from '../../core/program/changes.js';
import {
  type Amendment,
  amendmentTimeline,
  budgetView,
  type CapViolation,
  checkEnvelopeCaps,
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
  validateChanges,
  validateProgramState,
} from '../../core/program/index.js';
import { checkPlanCovers, outsideShareFrom, roomLeft, type Shortfall } from '../../core/program/plan-cap.js';
import {
  deliberationDates,
  implausibleDates,
  programDates,
  type TypedDate,
} from '../../core/program/plausible-dates.js';
import { allows, type ProgramAction, phaseOf, refusalMessage } from '../../core/program/status.js';
import type { Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import { checkTerritory, checkWithinFunder, named } from '../funders/service.js';
import * as ledger from '../ledger/service.js';
import * as repo from './repo.js';

const prefixed = (prefix: string, issues: FieldIssue[]) =>
  issues.map((i) => ({ ...i, field: `${prefix}.${i.field}` }));
const fmt = (n: number) => n.toLocaleString('fr-FR');

/**
 * The issues of a request: its dates outside the plausible window first, then the other
 * issues on any field they leave (a date mistyped 1850 is not also « before the start »).
 */
function withDates(dates: TypedDate[], issues: FieldIssue[]): FieldIssue[] {
  const implausible = implausibleDates(dates, businessDate());
  const flagged = new Set(implausible.map((i) => i.field));
  return [...implausible, ...issues.filter((i) => !flagged.has(i.field))];
}

function capMessage(v: CapViolation): string {
  return `Au ${frenchDate(v.date)}, les enveloppes (${v.envelopeNames.join(', ')}) totaliseraient ${fmt(v.envelopesTotal)} pass, plus que les ${fmt(v.plannedPasses)} pass prévus par le dispositif.`;
}

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

/** The programme if the actor may see it; another funder's programme is simply not found. */
async function visibleProgram(tx: Queryable, actor: Actor, id: string, permission: Permission) {
  const program = await repo.findProgram(tx, id, permission === 'program:write');
  if (!program || !seesFunder(actor, program.funderId)) throw notFound('Dispositif');
  requireFunder(actor, permission, program.funderId, 'Dispositif');
  return program;
}

/** Locks a programme for writing; a null actor is the system itself (demo data, command line). */
async function lockProgram(tx: Queryable, actor: Actor | null, id: string) {
  const program = actor
    ? await visibleProgram(tx, actor, id, 'program:write')
    : await repo.findProgram(tx, id, true);
  if (!program) throw notFound('Dispositif');
  return program;
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
}

/**
 * Records an amendment after checking that the programme stays valid at every date
 * from the amendment on, and that its envelopes still fit under its planned passes.
 */
export async function amend(db: Queryable, actor: Actor | null, programId: string, request: AmendInput) {
  return db.transaction(async (t) => {
    const program = await lockProgram(t, actor, programId);
    const existing = (await repo.amendmentsOf(t, [programId])).get(programId)!;
    const { confirmPastUsageEnd, ...amendment } = request;
    const input = { ...amendment, changes: normaliseChanges(amendment.changes) };
    const candidate: Amendment = { id: 'ffffffff-ffff-4fff-bfff-ffffffffffff', kind: 'amendment', ...input };
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
      },
    });
    return amendmentTimeline([...existing, saved]).find((e) => e.id === saved.id)!;
  });
}

/**
 * A co-funder's payments are recorded under its name (the ledger's `payer:` accounts), which
 * its share is matched by: a co-funder that has paid and that the amendment drops or renames
 * would be called again for all it paid, while the closure still listed its money under the
 * old name. Its share and rule may change, and co-funders may be added; not that. Null when
 * none is dropped.
 */
async function cofundersDroppedWithPayments(
  tx: Queryable,
  programId: string,
  existing: Amendment[],
  candidate: Amendment,
): Promise<string | null> {
  const before = programAsOf(existing, FAR_FUTURE)?.budget.cofunders ?? [];
  const after = new Set(
    (programAsOf([...existing, candidate], FAR_FUTURE)?.budget.cofunders ?? []).map((c) => c.name),
  );
  const gone = before.filter((c) => !after.has(c.name));
  if (!gone.length) return null;
  const paid = (await ledger.balancesOf(tx, programId)).byPayer.filter((p) => p.amountCents > 0);
  const lost = gone.flatMap((c) => paid.filter((p) => p.payer === c.name));
  if (!lost.length) return null;
  return `${lost
    .map(
      (p) => `« ${p.payer} » a déjà versé ${formatEuros(p.amountCents)} au dispositif, enregistrés à ce nom`,
    )
    .join(
      ' ; ',
    )} : gardez-le dans la liste des cofinanceurs sous ce nom (sa part et sa règle peuvent changer).`;
}

/**
 * A usage end that the amendment moves earlier, to a day already past, is acted on by the next
 * hourly run (closing/end-of-programme) and cannot be undone: the passes never handed out are
 * cancelled, those handed out expire once the tolerance is over. What it would do, in words,
 * for the funder to confirm; null when the usage end stays ahead or does not move earlier.
 */
async function usageEndMovedIntoPast(
  tx: Queryable,
  programId: string,
  existing: Amendment[],
  candidate: Amendment,
): Promise<string | null> {
  const before = programAsOf(existing, FAR_FUTURE);
  const after = programAsOf([...existing, candidate], FAR_FUTURE);
  if (!before || !after) return null;
  const today = businessDate();
  const end = after.calendar.usageEnd;
  if (end >= today || end >= before.calendar.usageEnd) return null;
  return pastUsageEndMessage(
    { usageEnd: end, lastRecordingDay: lastRecordingDay(after), today },
    await repo.passesAtStake(tx, programId),
  );
}

export function pastUsageEndMessage(
  dates: { usageEnd: string; lastRecordingDay: string; today: string },
  stake: { neverHandedOut: number; handedOutUnused: number },
): string {
  const expiry =
    dates.lastRecordingDay < dates.today
      ? 'dès la prochaine heure, le délai des séances tardives étant lui aussi passé'
      : `après le ${frenchDate(dates.lastRecordingDay)}, fin du délai des séances tardives`;
  return [
    `La fin d’utilisation (${frenchDate(dates.usageEnd)}) est passée.`,
    `À la prochaine heure, ${fmt(stake.neverHandedOut)} pass jamais remis seront annulés (ou reportés, si un report est décidé) ;`,
    `${fmt(stake.handedOutUnused)} pass remis et non utilisés expireront ${expiry}.`,
    'Ni l’un ni l’autre ne se défait. Confirmez pour enregistrer cette délibération quand même.',
  ].join(' ');
}

/** A day after every effective date: the programme as its amendments leave it in the end. */
const FAR_FUTURE = '9999-12-31';

/**
 * What was done under the calendar stays within it: the distribution cannot end before a
 * booklet already handed out, nor the usage before a session already paid by a pass (that
 * session would be owed, or paid, by a programme that says it had ended).
 */
function checkCalendarCoversActivity(
  state: ProgramState | null,
  last: { handOut: string | null; session: string | null },
) {
  if (!state) return;
  const { distributionEnd, usageEnd } = state.calendar;
  const issues: FieldIssue[] = [];
  if (last.handOut && distributionEnd < last.handOut)
    issues.push({
      field: 'changes.calendar.distributionEnd',
      message: `Un carnet a déjà été remis le ${frenchDate(last.handOut)} : la fin de distribution (${frenchDate(distributionEnd)}) ne peut pas être avant.`,
    });
  if (last.session && usageEnd < last.session)
    issues.push({
      field: 'changes.calendar.usageEnd',
      message: `Une séance du ${frenchDate(last.session)} a déjà été payée par un pass de ce dispositif : la fin d'utilisation (${frenchDate(usageEnd)}) ne peut pas être avant.`,
    });
  if (issues.length)
    throw conflict('calendar_before_activity', issues.map((i) => i.message).join(' '), issues);
}

/**
 * A deliberation takes effect on or after the day it was decided, never before; and it was
 * decided: a vote to come is recorded once it has taken place (its effect may be ahead).
 */
function decisionIssues(input: { effectiveOn: string; legal: { decidedOn: string } }): FieldIssue[] {
  const { decidedOn } = input.legal;
  const today = businessDate();
  if (isIsoDate(decidedOn) && decidedOn > today)
    return [
      {
        field: 'legal.decidedOn',
        message: `La date de décision (${frenchDate(decidedOn)}) est à venir : enregistrez la délibération une fois votée, au plus tard avec la date d'aujourd'hui (${frenchDate(today)}).`,
      },
    ];
  if (decidedOn <= input.effectiveOn) return [];
  return [
    {
      field: 'legal.decidedOn',
      message: `La date de décision (${frenchDate(decidedOn)}) ne peut être postérieure à la date d'effet (${frenchDate(input.effectiveOn)}).`,
    },
  ];
}

/**
 * The amendment to rectify: one of this programme's, not the creation, not already rectified,
 * decided before the rectification (which corrects what it says).
 */
function checkRectified(existing: Amendment[], id: string, rectifying: Amendment): Amendment {
  const target = existing.find((a) => a.id === id);
  if (!target) {
    throw invalid([{ field: 'rectifies', message: "Cette délibération n'appartient pas à ce dispositif." }]);
  }
  if (target.kind === 'creation') {
    throw invalid([
      {
        field: 'rectifies',
        message:
          'La délibération fondatrice ne se rectifie pas : enregistrez une délibération modificative qui corrige ses valeurs.',
      },
    ]);
  }
  const by = existing.find((a) => a.rectifies === id);
  if (by) {
    const message = `Cette délibération a déjà été rectifiée par la délibération n° ${by.legal.number} : rectifiez celle-ci.`;
    throw conflict('amendment_already_rectified', message, [{ field: 'rectifies', message }]);
  }
  if (rectifying.legal.decidedOn < target.legal.decidedOn) {
    throw invalid([
      {
        field: 'legal.decidedOn',
        message: `La délibération n° ${target.legal.number} a été décidée le ${frenchDate(target.legal.decidedOn)} : sa rectification ne peut être décidée avant.`,
      },
    ]);
  }
  return target;
}

function checkAmendment(
  existing: Amendment[],
  candidate: Amendment,
  envelopes: Envelope[],
  rectifiedOn?: string,
) {
  const found = [...prefixed('changes', validateChanges(candidate.changes)), ...decisionIssues(candidate)];
  if (Object.keys(candidate.changes).length === 0) {
    found.push({ field: 'changes', message: 'Indiquez au moins un élément modifié par la délibération.' });
  }
  const creation = existing.find((a) => a.kind === 'creation')!;
  if (candidate.effectiveOn < creation.effectiveOn) {
    found.push({
      field: 'effectiveOn',
      message: `La date d'effet ne peut précéder la création du dispositif (${frenchDate(creation.effectiveOn)}).`,
    });
  }
  const issues = withDates(
    [...deliberationDates(candidate), ...programDates(candidate.changes, 'changes.')],
    found,
  );
  if (issues.length) throw invalid(issues);
  const after = [...existing, candidate];
  // Later amendments keep applying on top: the programme must be valid at each of their dates too,
  // and from the rectified amendment's date on, which no longer counts.
  const from = rectifiedOn && rectifiedOn < candidate.effectiveOn ? rectifiedOn : candidate.effectiveOn;
  for (const date of new Set(after.map((a) => a.effectiveOn).filter((d) => d >= from))) {
    const stateIssues = validateProgramState(programAsOf(after, date)!);
    if (stateIssues.length)
      throw invalid(
        prefixed('changes', stateIssues),
        `Au ${frenchDate(date)}, le dispositif deviendrait incohérent.`,
      );
  }
  const violation = checkEnvelopeCaps(after, envelopes);
  if (violation) {
    throw conflict('envelopes_over_cap', capMessage(violation), [
      { field: 'changes.plannedPasses', message: capMessage(violation) },
    ]);
  }
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
function reservedPart(s: Extract<Shortfall, { kind: 'outside_envelopes' }>) {
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
