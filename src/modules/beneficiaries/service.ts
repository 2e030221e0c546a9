import { businessDate, isIsoDate } from '../../core/dates.js';
import { conflict, DomainError, type FieldIssue, invalid, notFound } from '../../core/errors.js';
import { agree } from '../../core/french.js';
import { cancellationMovement } from '../../core/ledger.js';
import { formatPassCode } from '../../core/pass-code.js';
import { type Actor, can } from '../../core/permissions.js';
import { personNameFault } from '../../core/person-name.js';
import { STANDARD_AUDIENCES } from '../../core/program/audiences.js';
import { recordedDate } from '../../core/recorded-date.js';
import { communePlace } from '../../core/territory.js';
import { fileSlug } from '../../core/text.js';
import type { Queryable } from '../../db/client.js';
import { FailureLimiter, ShutOut } from '../../http/failure-limiter.js';
import * as audit from '../audit/service.js';
import { checkTerritory } from '../funders/service.js';
import * as ledger from '../ledger/service.js';
import * as programs from '../programs/service.js';
import * as stock from '../stock/service.js';
import {
  beneficiaryWithinAllowance,
  birthDateIssues,
  birthDatesOf,
  checkAudience,
  checkTerritory as checkCommune,
  maySamePerson,
} from './eligibility.js';
import { handedOutFile } from './handed-out-csv.js';
import * as repo from './repo.js';

export interface HandOutInput {
  serial: string;
  handedOutOn?: string;
  /** Required when `handedOutOn` is not today; only a funder admin may record a past hand-out. */
  backdateReason?: string | null;
  beneficiary: {
    firstName: string;
    lastName: string;
    birthDate: string;
    communeCode: string;
    audience: string;
  };
  /** the desk checked that a person of close name and birth date is someone else */
  confirmNewPerson?: boolean;
}

/**
 * A prescriber's agent hands a booklet of its stock to a person: the person is recorded
 * and the booklet's passes become valid from today until the programme's usage end.
 * The hand-out is dated today unless a funder admin records a past date with a reason;
 * eligibility (the programme's audiences, the birth date) is judged on the day it is
 * recorded, so no typed date can make an ineligible person eligible. `at`, the instant it is
 * recorded, is for demo data and tests that replay the past (as a redemption's): a person is
 * then recorded on the day of the hand-out the demo replays, not on the day it is loaded.
 */
export async function handOut(
  db: Queryable,
  actor: Actor,
  organisationId: string,
  input: HandOutInput,
  at?: Date,
) {
  const membership = prescriberMembership(actor, organisationId);
  const serial = stock.serialOf(input.serial, 'serial');
  const today = businessDate(at);
  const when = recordedDate(
    { date: input.handedOutOn, reason: input.backdateReason },
    today,
    'handedOutOn',
    membership.funderId !== null && can(actor, 'program:write', membership.funderId),
  );
  if (!when.ok) throw invalid(when.issues);
  const { date: on, backdateReason } = when.value;
  const b = input.beneficiary;
  const issues = checkTerritory([{ level: 'commune', code: b.communeCode }], 'beneficiary.communeCode').map(
    (i) => ({
      ...i,
      field: 'beneficiary.communeCode',
    }),
  );
  for (const field of ['firstName', 'lastName'] as const) {
    const fault = personNameFault(b[field]);
    if (fault) issues.push({ field: `beneficiary.${field}`, message: fault });
  }
  if (!isIsoDate(b.birthDate)) {
    issues.push({ field: 'beneficiary.birthDate', message: 'Date de naissance invalide.' });
  } else issues.push(...birthDateIssues(b.birthDate, today));
  if (issues.length) throw invalid(issues);
  const record = () =>
    db.transaction(async (tx) => {
      const replayed = await recordedAlready(tx, membership.funderId, organisationId, serial, b);
      if (replayed) return replayed;
      const booklet = await stock.bookletInStock(tx, membership.funderId, organisationId, serial, 'serial');
      const state = await distributionOpen(tx, booklet.programId, on);
      // Eligibility is judged on the day the hand-out is recorded, whatever date it carries.
      const eligibleOn =
        (on === today ? state : await programs.stateAsOf(tx, booklet.programId, today)) ?? state;
      checkAudience(eligibleOn, b, today);
      await checkCommune(tx, booklet, b.communeCode);
      const confirmed = input.confirmNewPerson === true;
      const personId = await beneficiaryWithinAllowance(tx, booklet, state, b, organisationId, confirmed, at);
      return handOver(tx, actor, organisationId, { ...booklet, serial: serial }, personId, on, state, {
        backdateReason,
        confirmedNewPerson: confirmed,
      });
    });
  try {
    return await earlierHandOutsShown.run(db, [`user:${actor.userId}`], record, showsEarlierHandOuts);
  } catch (error) {
    // The limit is on what shows earlier hand-outs: a hand-out to a new person still passes.
    if (error instanceof ShutOut) return record().catch((refusal) => Promise.reject(shutOut(refusal, error)));
    if (showsEarlierHandOuts(error)) {
      await recordShownHandOuts(db, actor, membership.funderId, organisationId, serial, error);
    }
    throw error;
  }
}

/**
 * A retry of a hand-out recorded already, whose answer was lost on the way (the page said it
 * could not reach the server): the same booklet, handed out by this organisation to the same
 * person (names as a hand-out compares them, birth date, commune). Answered as the hand-out it
 * was, nothing written again: the agent who pressed again read that the booklet had left the
 * stock, as if the hand-out had failed. Another person, or another structure's booklet, is
 * still refused as not in stock.
 */
async function recordedAlready(
  tx: Queryable,
  funderId: string | null,
  organisationId: string,
  serial: string,
  b: HandOutInput['beneficiary'],
) {
  const booklet = await stock.lockBooklet(tx, serial);
  if (!booklet || booklet.funderId !== funderId || booklet.status !== 'handed_out') return null;
  if ((await stock.prescriberOfBooklet(tx, booklet)) !== organisationId) return null;
  const given = await repo.handOutTo(tx, booklet.id, b);
  if (!given) return null;
  return {
    serial,
    beneficiaryId: given.beneficiaryId,
    validFrom: given.handedOutOn,
    validUntil: given.validUntil,
    alreadyRecorded: true as const,
  };
}

/*
 * A refusal for a person already served (a close name and birth date, the allowance
 * reached) shows the desk the earlier hand-outs: where, when, the person's initials. That is
 * what the desk needs, and what someone trying names and birth dates would look for: each
 * such refusal is in the audit trail, and an agent who collects too many in an hour waits.
 */
const EARLIER_HAND_OUTS_PER_HOUR = 20;
const earlierHandOutsShown = new FailureLimiter(
  'earlier hand-outs shown',
  EARLIER_HAND_OUTS_PER_HOUR,
  3_600_000,
);

/** What a refusal becomes while the agent is shut out: nothing of the earlier hand-outs. */
function shutOut(refusal: unknown, wait: ShutOut): unknown {
  if (!showsEarlierHandOuts(refusal)) return refusal;
  return new DomainError(
    'rate_limited',
    'Trop de remises refusées pour des personnes déjà servies : patientez avant de réessayer.',
    [],
    { retryAfterS: Math.max(1, Math.ceil(wait.retryAfterMs / 1000)) },
  );
}

const showsEarlierHandOuts = (error: unknown): error is DomainError =>
  error instanceof DomainError &&
  (error.code === 'beneficiary_possible_duplicate' || error.code === 'beneficiary_allowance_reached');

async function recordShownHandOuts(
  db: Queryable,
  actor: Actor,
  funderId: string | null,
  organisationId: string,
  serial: string,
  error: DomainError,
) {
  const shown = (error.extra.earlierHandOuts as { serial: string }[] | undefined) ?? [];
  await db.transaction((tx) =>
    audit.record(tx, {
      actor,
      funderId,
      action: 'booklet.hand_out_refused',
      objectType: 'booklet',
      objectId: serial,
      summary: { organisationId, refusal: error.code, earlierSerials: shown.map((e) => e.serial) },
    }),
  );
}

/** The programme's state on the hand-out day, whose status must allow handing out. */
async function distributionOpen(tx: Queryable, programId: string, on: string) {
  const locked = await programs.lockAsOf(tx, null, programId, on);
  programs.requireAllowed(locked, on, 'hand_out', 'handedOutOn');
  return locked.state!;
}

async function handOver(
  tx: Queryable,
  actor: Actor,
  organisationId: string,
  booklet: { id: string; funderId: string; programId: string; serial: string },
  beneficiaryId: string,
  on: string,
  state: { calendar: { usageEnd: string } },
  {
    replacesSerial,
    backdateReason,
    confirmedNewPerson,
  }: { replacesSerial?: string; backdateReason?: string | null; confirmedNewPerson?: boolean } = {},
) {
  const validUntil = (await repo.handOut(tx, booklet.id, beneficiaryId, on)) ?? state.calendar.usageEnd;
  await audit.record(tx, {
    actor,
    funderId: booklet.funderId,
    action: replacesSerial ? 'booklet.replace' : 'booklet.hand_out',
    objectType: 'booklet',
    objectId: booklet.serial,
    // The person's name stays out of the journal, which outlives erasure.
    summary: {
      programId: booklet.programId,
      organisationId,
      beneficiaryId,
      handedOutOn: on,
      validUntil,
      replacesSerial,
      ...(backdateReason ? { backdateReason } : {}),
      // The desk confirmed that a person of close name and birth date is someone else.
      ...(confirmedNewPerson ? { confirmedNewPerson } : {}),
    },
  });
  return { serial: booklet.serial, beneficiaryId, validFrom: on, validUntil };
}

/**
 * Gives the holder of a blocked (lost or stolen) booklet a new one from the
 * organisation's stock: same person, validity from today.
 */
export async function replace(
  db: Queryable,
  actor: Actor,
  organisationId: string,
  input: { blockedSerial: string; serial: string; confirmSurplus?: boolean },
) {
  const membership = prescriberMembership(actor, organisationId);
  const blockedSerial = stock.serialOf(input.blockedSerial, 'blockedSerial');
  const serial = stock.serialOf(input.serial, 'serial');
  const on = businessDate();
  return db.transaction(async (tx) => {
    const lost = await stock.lockBooklet(tx, blockedSerial);
    if (!lost || lost.funderId !== membership.funderId) throw stock.unknownBooklet('blockedSerial');
    if (lost.status !== 'blocked' || !lost.beneficiaryId) {
      throw conflict('booklet_not_blocked', 'Seul un carnet remis puis bloqué peut être remplacé.', [
        { field: 'blockedSerial', message: "Ce carnet n'a pas été déclaré perdu ou volé après sa remise." },
      ]);
    }
    if (await repo.replacementOf(tx, lost.id)) {
      throw conflict('booklet_already_replaced', 'Ce carnet a déjà été remplacé.', [
        { field: 'blockedSerial', message: 'Ce carnet a déjà été remplacé.' },
      ]);
    }
    const booklet = await stock.bookletInStock(tx, membership.funderId, organisationId, serial, 'serial');
    if (booklet.programId !== lost.programId) {
      throw invalid([
        { field: 'serial', message: 'Le carnet de remplacement doit relever du même dispositif.' },
      ]);
    }
    // A replacement gives back what was lost: the passes the block cancelled, no more, so that
    // the person stays within the programme's allowance (a replacement is not counted in it).
    // A larger booklet, once the agent confirms, has its passes beyond the loss cancelled at
    // once (a front desk may hold no booklet small enough for 3 passes lost).
    const state = await distributionOpen(tx, booklet.programId, on);
    const left = await repo.lostPassesOf(tx, lost.id);
    const surplus = booklet.size - left;
    if (surplus > 0 && (left === 0 || !input.confirmSurplus))
      throw replacementExceedsLoss(
        booklet.size,
        left,
        await stock.sizesHeld(tx, organisationId, booklet.programId),
      );
    await repo.markReplacement(tx, booklet.id, lost.id);
    const given = await handOver(
      tx,
      actor,
      organisationId,
      { ...booklet, serial },
      lost.beneficiaryId,
      on,
      state,
      { replacesSerial: blockedSerial },
    );
    const voided = surplus > 0 ? await repo.cancelSurplus(tx, booklet.id, surplus) : { codes: [], value: 0 };
    if (voided.value > 0)
      await ledger.post(tx, booklet.funderId, booklet.programId, cancellationMovement(voided.value));
    if (voided.codes.length > 0) {
      await audit.record(tx, {
        actor,
        funderId: booklet.funderId,
        action: 'booklet.surplus_cancel',
        objectType: 'booklet',
        objectId: serial,
        summary: { replacesSerial: blockedSerial, cancelledPasses: voided.codes.length },
      });
    }
    return {
      ...given,
      replacesSerial: blockedSerial,
      cancelledCodes: voided.codes.map(formatPassCode),
    };
  });
}

/**
 * The refusal of a booklet larger than the loss. It suggests a smaller booklet only among those
 * the desk holds (it suggested the programme's sizes, a size the desk had none of).
 */
function replacementExceedsLoss(size: number, left: number, held: readonly number[]) {
  const fitting = held.filter((n) => n <= left);
  const extra = size - left;
  const lost = `Le carnet perdu n’avait plus que ${left} ${agree(left, 'pass non utilisé', 'pass non utilisés')} : ce carnet en donnerait ${size}.`;
  // What the confirmation does, said after « confirmez : » in either sentence.
  const struck =
    extra === 1
      ? 'son dernier pass sera annulé, à barrer avant de le remettre.'
      : `ses ${extra} derniers pass seront annulés, à barrer avant de le remettre.`;
  const message =
    left === 0
      ? 'Tous les pass du carnet perdu avaient été utilisés : il n’y a rien à remplacer.'
      : fitting.length > 0
        ? `${lost} Choisissez un de vos carnets de ${Math.max(...fitting)} pass, ou confirmez : ${struck}`
        : `${lost} Votre structure n’a aucun carnet de ce dispositif assez petit. Pour remettre celui-ci, confirmez : ${struck}`;
  // `surplus`: how many passes the confirmation would cancel (none to offer when nothing is left).
  return new DomainError(
    'replacement_exceeds_loss',
    message,
    [{ field: 'serial', message }],
    left > 0 ? { surplus: size - left } : undefined,
  );
}

/**
 * The people a programme's booklets reached in a period, by audience code and commune, each
 * person once (for the programme's report: the caller has authorised).
 */
export const peopleReached = repo.peopleReached;

/**
 * What a prescriber handed out, a page at a time, the latest first unless asked otherwise, for
 * its agents to find a lost booklet by its day and the person's initials; in a period when one
 * is asked, with what it adds up to, for the structure's monthly report.
 */
export async function handedOutBy(
  db: Queryable,
  actor: Actor,
  organisationId: string,
  q: repo.HandedOutOrder & repo.HandOutPeriod & { page: number; pageSize: number },
) {
  await stock.readablePrescriber(db, actor, organisationId);
  const { rows, totals } = await repo.handedOutBy(
    db,
    organisationId,
    q,
    (q.page - 1) * q.pageSize,
    q.pageSize,
  );
  const audience = await audienceLabels(db, rows);
  return {
    total: totals.booklets,
    page: q.page,
    pageSize: q.pageSize,
    period: q.from || q.to ? { from: q.from ?? null, to: q.to ?? null } : null,
    totals,
    booklets: rows.map((r) => ({
      ...r,
      status: r.status as 'handed_out' | 'blocked',
      audience: { code: r.audience, label: audience(r.programId, r.audience) },
    })),
  };
}

/**
 * The hand-outs of a period as a French CSV file, one a line then their total, named after the
 * structure and the period: what its advisor attaches to her monthly report. The person's
 * initials and public only, as the list shows them.
 */
export async function handedOutCsv(
  db: Queryable,
  actor: Actor,
  organisationId: string,
  period: { from: string; to: string },
) {
  const org = await stock.readablePrescriber(db, actor, organisationId);
  const { rows, totals } = await repo.handedOutBy(
    db,
    organisationId,
    { ...period, sort: 'handedOutOn', order: 'asc' },
    0,
    null,
  );
  const audience = await audienceLabels(db, rows);
  const programNames = await programs.namesOf(db, [...new Set(rows.map((r) => r.programId))]);
  return {
    name: `carnets-remis-${fileSlug(org.name, 'structure')}-${period.from}-${period.to}.csv`,
    body: handedOutFile(
      org.name,
      rows.map((r) => ({
        ...r,
        programName: programNames.get(r.programId) ?? '',
        audienceLabel: audience(r.programId, r.audience),
      })),
      totals,
    ),
  };
}

/**
 * The label of each hand-out's public as its programme names it today (the platform's standard
 * label for a code the programme no longer lists, the code itself failing that).
 */
async function audienceLabels(db: Queryable, rows: readonly { programId: string }[]) {
  const today = businessDate();
  const states = new Map(
    await Promise.all(
      [...new Set(rows.map((r) => r.programId))].map(
        async (id) => [id, await programs.stateAsOf(db, id, today)] as const,
      ),
    ),
  );
  return (programId: string, code: string) =>
    states.get(programId)?.audiences.find((a) => a.code === code)?.label ??
    STANDARD_AUDIENCES[code]?.label ??
    code;
}

/**
 * The booklets the organisation handed out to the person the desk has in front of it, found by
 * their names and birth date (a lost booklet among several « J. L. » of one day): compared as
 * a hand-out compares them, so that a name typed otherwise (a letter, a part of a compound
 * name), or the birth date (day and month swapped, a digit off), still finds the person. Shown with initials and the commune recorded, for the desk to
 * confirm; nothing is listed by a part of a name. Its own agents only, as for a hand-out.
 */
export async function findHandedOut(
  db: Queryable,
  actor: Actor,
  organisationId: string,
  input: { firstName: string; lastName: string; birthDate: string },
) {
  const membership = prescriberMembership(actor, organisationId);
  const issues: FieldIssue[] = [];
  for (const field of ['firstName', 'lastName'] as const) {
    const fault = personNameFault(input[field]);
    if (fault) issues.push({ field, message: fault });
  }
  if (issues.length) throw invalid(issues);
  const bornNear = await repo.handedOutToBornOn(db, organisationId, birthDatesOf(input.birthDate));
  const typed = bornNear.length ? await repo.nameKeys(db, input) : null;
  const found = typed ? bornNear.filter((r) => maySamePerson(typed, input.birthDate, r)) : [];
  // Whether a person was served here is a reading of their identity, found or not: journalled
  // as the funder's own searches are, with whom it showed and never what was typed (a name
  // would outlive the person's erasure in the journal), for its DPO to say who looked.
  await audit.record(db, {
    actor,
    funderId: membership.funderId,
    action: 'beneficiary.search',
    objectType: 'beneficiary',
    objectId: null,
    summary: {
      organisationId,
      by: 'names_and_birth_date',
      beneficiaryIds: [...new Set(found.map((r) => r.personId))],
    },
  });
  const booklets = found.map(
    ({ firstKey: _f, lastKey: _l, personId: _p, birthDate: _b, communeCode, ...r }) => ({
      ...r,
      status: r.status as 'handed_out' | 'blocked',
      commune: { code: communeCode, name: communePlace(communeCode)?.name ?? communeCode },
    }),
  );
  return { booklets };
}

function prescriberMembership(actor: Actor, organisationId: string) {
  const membership = actor.memberships.find(
    (m) => m.role === 'prescriber_agent' && m.organisationId === organisationId,
  );
  if (!membership) throw notFound('Structure');
  return membership;
}

/**
 * Every person the funder recorded, a batch at a time, for its export (the caller has
 * authorised `beneficiary:data`).
 */
export const forEachPersonOfFunder = repo.forEachPersonOfFunder;
