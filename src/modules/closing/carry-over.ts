import { addDays, businessDate, frenchDate } from '../../core/dates.js';
import { DomainError, notFound } from '../../core/errors.js';
import { formatEuros } from '../../core/money.js';
import type { Actor } from '../../core/permissions.js';
import { allows, phaseOf } from '../../core/program/status.js';
import type { ProgramState } from '../../core/program/types.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as passes from '../passes/service.js';
import * as programs from '../programs/service.js';
import * as repo from './repo.js';

/*
 * Passes never handed out carried over to a following programme (issue 12, point 8): the
 * funder's admin chooses, by its name, a programme of the same funder that will take them at
 * the usage end; the end step moves them there instead of cancelling them. The decision is a
 * list of entries (the latest in force; withdrawing is an entry without target) and may be
 * taken until the step runs: the day after the usage end.
 */

const FIELD = 'target';

/** The day the end step moves (or cancels) the passes never handed out: the day after the usage end. */
export const stepDay = (state: { calendar: { usageEnd: string } }) => addDays(state.calendar.usageEnd, 1);

const refuse = (code: ConstructorParameters<typeof DomainError>[0], detail: string) =>
  new DomainError(code, detail, [{ field: FIELD, message: detail }]);

/**
 * Why `target` cannot take the passes never handed out of `source` on `day`, or null. The
 * rules: the same pass value; the target running that day (passes may still be handed out in
 * it); room under its planned passes as the programmes module decides (planShortfall, the
 * rule issuing obeys). The carried booklets enter outside any envelope (an envelope belongs to
 * its programme), so they take the plan's share left outside the envelopes. The caller has
 * the target locked.
 */
async function refusal(
  tx: Queryable,
  source: ProgramState,
  target: Awaited<ReturnType<typeof programs.lockAsOf>>,
  day: string,
  count: number,
): Promise<DomainError | null> {
  const { state } = target;
  const name = state?.name ?? 'Le dispositif suivant';
  if (!state || state.faceValueCents !== source.faceValueCents) {
    return refuse(
      'carry_over_value_mismatch',
      `Les pass de « ${name} » valent ${formatEuros(state?.faceValueCents ?? 0)}, ceux de ce dispositif ${formatEuros(source.faceValueCents)} : le dispositif suivant doit avoir la même valeur de pass.`,
    );
  }
  const phase = phaseOf(state, day);
  if (!allows(phase, 'hand_out')) {
    return refuse(
      'carry_over_target_not_running',
      `« ${name} » ne sera pas en cours de distribution le ${frenchDate(day)}, jour du report : choisissez un dispositif suivant encore en cours à cette date.`,
    );
  }
  if (count > 0) {
    const shortfall = await programs.planShortfall(tx, target, day, count, null);
    if (shortfall) {
      return refuse(
        'carry_over_no_room',
        `« ${name} » n'a plus de place pour les ${count.toLocaleString('fr-FR')} pass jamais remis qui seraient reportés. ${programs.shortfallMessage(shortfall, count)}`,
      );
    }
  }
  return null;
}

/** The funder's other programmes that could take the passes on `day`, by name (for the form). */
async function candidates(
  db: Queryable,
  funderId: string,
  programId: string,
  source: ProgramState,
  day: string,
) {
  return (await programs.allAsOf(db, day))
    .filter((p) => p.funderId === funderId && p.id !== programId && p.state)
    .filter(
      (p) => p.state!.faceValueCents === source.faceValueCents && allows(phaseOf(p.state, day), 'hand_out'),
    )
    .map((p) => ({ id: p.id, name: p.state!.name, usageEnd: p.state!.calendar.usageEnd }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** A carry-over as the pages show it: the target by its name (closing section, closure summary). */
export async function outcomeOf(row: repo.CarryOverRow, nameOf: (programId: string) => Promise<string>) {
  const { toProgramId, carriedOn, passes, activePasses, valueCents, refusal } = row;
  return { to: await nameOf(toProgramId), carriedOn, passes, activePasses, valueCents, refusal };
}

/** What the closing section shows: the decision in force, the choices, what will happen and when. */
export async function carryOverView(db: Queryable, actor: Actor, programId: string, today = businessDate()) {
  const view = await programs.get(db, actor, programId, today, 'finance:read');
  const state = view.state;
  const day = state ? stepDay(state) : null;
  const decision = await repo.decisionOf(db, programId);
  const done = (await repo.carryOversOf(db, programId)).find((c) => c.fromProgramId === programId) ?? null;
  const pending = await passes.neverHandedOut(db, programId);
  const nameOf = (id: string) => programs.nameOf(db, id, today);
  return {
    programId,
    stepOn: day,
    open: !!day && !done && today < day,
    // Named as the list of choices names it (a programme not in force today has no name yet).
    target: decision?.targetProgramId
      ? { name: await programs.nameOf(db, decision.targetProgramId, day ?? today) }
      : null,
    decidedAt: decision ? new Date(decision.decidedAt).toISOString() : null,
    neverHandedOut: { passes: pending.n, activePasses: pending.active, valueCents: pending.value },
    candidates:
      state && day
        ? (await candidates(db, view.funderId, programId, state, day)).map((c) => ({
            name: c.name,
            usageEnd: c.usageEnd,
          }))
        : [],
    done: done ? await outcomeOf(done, nameOf) : null,
    // What the end of usage cancelled, when nothing was carried: the page said there was nothing to carry over.
    cancelledAtEnd: !done && day && today >= day ? await passes.cancelledNeverHandedOut(db, programId) : 0,
  };
}

/**
 * Records the funder's decision: `target` is the name of one of its programmes, or null to
 * withdraw. Refused once the step is due (the day after the usage end) or done.
 */
export async function decide(
  db: Db,
  actor: Actor,
  programId: string,
  target: string | null,
  today = businessDate(),
) {
  await db.transaction(async (tx) => {
    // Who may decide, and which programme the name designates, read before any lock: both
    // programmes are then locked in id order, so that two admins choosing A → B and B → A at
    // the same instant wait for each other instead of deadlocking.
    // Read, not locked (`program:write` would lock it); the source's lock below, with the actor,
    // refuses a reader: another funder's programme is not found, a reader may not decide.
    const source = await programs.get(tx, actor, programId, today);
    // Named as the list offers it: as of the step's day, when next year's programme may only
    // just have taken effect.
    const offeredOn = source.state ? stepDay(source.state) : today;
    const targetId =
      target === null ? null : await targetNamed(tx, source.funderId, programId, target, offeredOn);
    // The source's lock is the end step's: a decision and the step never cross.
    const { state } = await lockInIdOrder(tx, actor, programId, targetId, today);
    if (!state) throw notFound('Dispositif');
    const day = stepDay(state);
    const done = (await repo.carryOversOf(tx, programId)).some((c) => c.fromProgramId === programId);
    if (done || today >= day) {
      throw refuse(
        'carry_over_too_late',
        `La fin d'utilisation de ce dispositif est passée (${frenchDate(state.calendar.usageEnd)}) : ses pass jamais remis ont déjà été reportés ou annulés.`,
      );
    }
    if (targetId !== null) {
      // Judged as of the step's day (the target is locked already).
      const lockedTarget = await programs.lockAsOf(tx, null, targetId, day);
      const count = (await passes.neverHandedOut(tx, programId)).n;
      const refused = await refusal(tx, state, lockedTarget, day, count);
      if (refused) throw refused;
    }
    await repo.insertDecision(tx, {
      funderId: source.funderId,
      programId,
      targetProgramId: targetId,
      decidedBy: actor.userId,
    });
    await audit.record(tx, {
      actor,
      funderId: source.funderId,
      action: target === null ? 'program.carry_over_withdraw' : 'program.carry_over_decide',
      objectType: 'program',
      objectId: programId,
      summary: { ...(target === null ? {} : { target }), usageEnd: state.calendar.usageEnd },
    });
  });
  return carryOverView(db, actor, programId, today);
}

/**
 * The funder's one other programme of that name as of `day` (names are chosen from a list,
 * never ids; the list is drawn as of the step's day).
 */
async function targetNamed(tx: Queryable, funderId: string, programId: string, name: string, day: string) {
  const same = (await programs.allAsOf(tx, day)).filter(
    (p) => p.funderId === funderId && p.id !== programId && p.state?.name === name,
  );
  if (same.length !== 1) throw notFound('Dispositif suivant');
  return same[0]!.id;
}

/**
 * Locks a programme (with the actor's right to write it, when given) and the programme its
 * passes go to, in id order, as both decide() and the end step do: a decision taken on the
 * target at the same instant waits instead of deadlocking. Returns the source as locked.
 */
async function lockInIdOrder(
  tx: Queryable,
  actor: Actor | null,
  programId: string,
  targetId: string | null,
  today: string,
) {
  const ids = [programId, ...(targetId === null ? [] : [targetId])].sort();
  let source: Awaited<ReturnType<typeof programs.lockAsOf>> | undefined;
  for (const id of ids) {
    const locked = await programs.lockAsOf(tx, id === programId ? actor : null, id, today);
    if (id === programId) source = locked;
  }
  return source!;
}

/** Locks a programme for its end step, with the programme its decision names. */
export async function lockForEndStep(tx: Queryable, programId: string, today: string) {
  const targetId = (await repo.decisionOf(tx, programId))?.targetProgramId ?? null;
  await lockInIdOrder(tx, null, programId, targetId, today);
}

export interface CarryOutcome {
  carried: number;
  /** Why the target could not take the passes (they are then cancelled), or null. */
  refused: string | null;
}

/**
 * The end step's carry-over, in the step's transaction with the source programme locked: when
 * a decision names a target, locks it too, checks it can still take the passes, and moves
 * them; when it no longer can, records the refusal (the caller then cancels as without a
 * decision). Once per programme (carry_overs is unique per source); null when nothing to do.
 */
export async function carryAtUsageEnd(
  tx: Queryable,
  p: { id: string; funderId: string; state: ProgramState },
  today: string,
): Promise<CarryOutcome | null> {
  const decision = await repo.decisionOf(tx, p.id);
  if (!decision?.targetProgramId) return null;
  if ((await repo.carryOversOf(tx, p.id)).some((c) => c.fromProgramId === p.id)) return null;
  const pending = await passes.neverHandedOut(tx, p.id);
  if (pending.n === 0) return null;
  const targetId = decision.targetProgramId;
  const target = await programs.lockAsOf(tx, null, targetId, today);
  const refused = await refusal(tx, p.state, target, today, pending.n);
  const base = { fromProgramId: p.id, toProgramId: targetId, carriedOn: today };
  const facts = { target: target.state?.name ?? '', carriedOn: today };
  if (refused) {
    await repo.insertCarryOver(tx, p.funderId, {
      ...base,
      bookletIds: [],
      passes: pending.n,
      activePasses: pending.active,
      valueCents: pending.value,
      refusal: refused.detail,
    });
    await audit.record(tx, {
      actor: null,
      actorLabel: 'fin de dispositif',
      funderId: p.funderId,
      action: 'program.carry_over_refused',
      objectType: 'program',
      objectId: p.id,
      summary: { ...facts, passes: pending.n, refusal: refused.detail },
    });
    return { carried: 0, refused: refused.detail };
  }
  const moved = await passes.carryOver(tx, p, { id: targetId, funderId: p.funderId });
  await repo.insertCarryOver(tx, p.funderId, {
    ...base,
    bookletIds: moved.bookletIds,
    passes: moved.n,
    activePasses: moved.active,
    valueCents: moved.value,
    refusal: null,
  });
  const summary = { passes: moved.n, valueCents: moved.value, booklets: moved.bookletIds.length };
  await audit.record(tx, {
    actor: null,
    actorLabel: 'fin de dispositif',
    funderId: p.funderId,
    action: 'program.carry_over',
    objectType: 'program',
    objectId: p.id,
    summary: { ...summary, ...facts },
  });
  await audit.record(tx, {
    actor: null,
    actorLabel: 'fin de dispositif',
    funderId: p.funderId,
    action: 'program.carry_over_receive',
    objectType: 'program',
    objectId: targetId,
    summary: { ...summary, previous: p.state.name, carriedOn: today },
  });
  return { carried: moved.n, refused: null };
}
