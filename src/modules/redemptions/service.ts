import { businessDate, frenchDate, frenchMoment } from '../../core/dates.js';
import { DomainError, notFound } from '../../core/errors.js';
import { lastRecordingDay, lateSessionRefusal, lateSessionsMessage } from '../../core/late-session.js';
import { redemptionReversal } from '../../core/ledger.js';
import { formatPassCode, maskPassCode, parsePassCode } from '../../core/pass-code.js';
import { type Actor, PLACE_ROLES, worksAtPlace } from '../../core/permissions.js';
import { NOT_ACCEPTED, REFUSAL_MESSAGES, type Refusal } from '../../core/session.js';
import { fileSlug } from '../../core/text.js';
import type { Db, Queryable, Tx } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as auth from '../auth/service.js';
import * as funders from '../funders/service.js';
import * as ledger from '../ledger/service.js';
import * as placeProfiles from '../place-profiles/service.js';
import * as places from '../places/service.js';
import * as programs from '../programs/service.js';
import { batcherFor } from './batcher.js';
import { refusedByDatabase } from './refused-item.js';
import * as repo from './repo.js';
import type { RedeemInput, RedemptionListQuery } from './schemas.js';
import { placeSessionsCsv } from './sessions-csv.js';

/** Who redeems: a place, through one of its agents or one of its API keys. */
export interface Caller {
  placeId: string;
  userId: string | null;
  keyId: string | null;
  label: string;
}

export function callerFromSession(actor: Actor, placeId: string | undefined): Caller {
  if (!placeId) {
    throw new DomainError('validation_failed', 'Précisez le lieu.', [
      { field: 'placeId', message: 'Précisez le lieu qui encaisse.' },
    ]);
  }
  const place = places.placeOf(actor, placeId);
  return { ...place, userId: actor.userId, keyId: null, label: actor.email };
}

export function callerFromKey(key: places.KeyCaller, placeId: string | undefined): Caller {
  // A key speaks for its own place only; naming another is naming a place that is not there.
  if (placeId && placeId !== key.placeId) throw notFound('Lieu');
  return { placeId: key.placeId, userId: null, keyId: key.keyId, label: key.label };
}

export function refusal(reason: Refusal, extra: Record<string, unknown> = {}): DomainError {
  const errors = reason === 'malformed_code' ? [{ field: 'code', message: REFUSAL_MESSAGES[reason] }] : [];
  return new DomainError(reason, REFUSAL_MESSAGES[reason], errors, extra);
}

/**
 * The check character is verified here, before any database lookup, and before the guess
 * limiter (routes): a mistyped code is said to be mistyped, even to a place told to wait.
 */
export function canonicalCode(raw: string): string {
  const parsed = parsePassCode(raw);
  if (!parsed.ok) throw refusal('malformed_code');
  return parsed.code;
}

// Programme names change only by amendment; answers may lag a minute behind one.
const NAME_CACHE_MS = 60_000;
const names = new Map<string, { name: string; at: number }>();
async function programName(db: Queryable, programId: string): Promise<string> {
  const hit = names.get(programId);
  if (hit && Date.now() - hit.at < NAME_CACHE_MS) return hit.name;
  const name = await programs.nameOf(db, programId);
  names.set(programId, { name, at: Date.now() });
  return name;
}

/**
 * What the place would be told if it redeemed this pass now, for a session given today or,
 * with `sessionOn`, on an earlier day (refused as redeem() would refuse that late session: the
 * place's standing as of that day included).
 */
export async function check(
  db: Queryable,
  caller: Caller,
  rawCode: string,
  today = businessDate(),
  sessionOn?: string,
) {
  const code = canonicalCode(rawCode);
  const late = sessionOn !== undefined && sessionOn !== today ? sessionOn : null;
  const row = late
    ? await repo.passStatus(db, caller.placeId, code, late, true)
    : await repo.passStatus(db, caller.placeId, code, today);
  // A pass of a programme this place does not take does not exist for it: the same answer
  // as a code that matches nothing, counted as a guess by the route alike.
  if (!row || row.status === NOT_ACCEPTED) throw refusal('unknown_code');
  if (late) {
    const state = row.program_id ? await programs.stateAsOf(db, row.program_id, today) : null;
    const refused = lateSessionRefusal(state, late, today);
    if (refused) throw refused;
  }
  const status = row.status as Refusal | 'redeemable';
  const by = status === 'already_redeemed' ? await redeemedBy(db, caller, code, row.redeemed_at) : null;
  const lateSessionsUntil =
    status === 'expired' && !late ? await lateWindow(db, caller, code, row, today) : null;
  const message =
    status === 'redeemable'
      ? 'Ce pass peut être encaissé.'
      : by
        ? by.message
        : lateSessionsUntil
          ? lateSessionsMessage(row.valid_until!, lateSessionsUntil)
          : REFUSAL_MESSAGES[status];
  return {
    code: formatPassCode(code),
    status: status as Exclude<typeof status, 'malformed_code' | 'unknown_code'>,
    message,
    faceValueCents: row.face_value_cents,
    programName: await programName(db, row.program_id),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    redeemedAt: row.redeemed_at,
    byThisPlace: by ? by.byThisPlace : null,
    redemptionId: by?.redemptionId ?? null,
    lateSessionsUntil,
    themes: await placeProfiles.sessionThemes(db, caller.placeId),
  };
}

/**
 * For a pass refused today because its programme's usage has ended: the last day a session
 * given on its last valid day may still be recorded (the tolerance period), if the pass would
 * be taken for it; null otherwise. « Ce pass a expiré » alone made places turn away sessions
 * they were still entitled to be paid for.
 */
async function lateWindow(
  db: Queryable,
  caller: Caller,
  code: string,
  row: { program_id: string; valid_until: string | null },
  today: string,
): Promise<string | null> {
  if (!row.valid_until || row.valid_until >= today) return null;
  const state = await programs.stateAsOf(db, row.program_id, today);
  if (!state || lateSessionRefusal(state, row.valid_until, today)) return null;
  const then = await repo.passStatus(db, caller.placeId, code, row.valid_until, true);
  return then?.status === 'redeemable' ? lastRecordingDay(state) : null;
}

export interface Redeemed {
  replayed: boolean;
  redemption: Awaited<ReturnType<typeof present>>;
}

/**
 * A fresh or replayed redemption, as the redemption function returned it; `lateOn`, the day
 * of its session when it was recorded later (late_sessions).
 */
async function present(
  db: Queryable,
  r: repo.RedeemRow,
  placeId: string,
  cancelHours: number,
  lateOn: string | null,
) {
  // A retry of a redemption cancelled since (rare: the one read it costs is on its path only).
  const standing = r.cancelled_at
    ? await repo.passStandingAfter(db, r.redemption_id!)
    : { pass_usable_again: null, pass_unusable_reason: null };
  return presentStored(
    db,
    {
      id: r.redemption_id!,
      code: r.code,
      place_id: placeId,
      program_id: r.program_id!,
      face_value_cents: r.face_value_cents!,
      theme: r.theme!,
      duration_minutes: r.duration_minutes!,
      format: r.format!,
      redeemed_at: r.redeemed_at!,
      cancelled_at: r.cancelled_at,
      session_on: lateOn,
      ...standing,
    },
    cancelHours,
  );
}

/**
 * Redeems a pass exactly once. The same nonce from the same place returns the first
 * redemption and writes nothing; `at` is for demo data and tests that need the past.
 */
export async function redeem(
  db: Db,
  caller: Caller,
  input: RedeemInput,
  cancelHours: number,
  at = new Date(),
): Promise<Redeemed> {
  const code = canonicalCode(input.code);
  const recordedOn = businessDate(at);
  // A session given on an earlier day (the tolerance period after the usage end): judged as of
  // its own day. Only such a redemption pays the extra reads; one of the day takes the batcher.
  const late = input.sessionOn !== undefined && input.sessionOn !== recordedOn ? input.sessionOn : null;
  const call: repo.RedeemCall = {
    placeId: caller.placeId,
    code,
    nonce: input.nonce,
    theme: input.theme,
    durationMinutes: input.durationMinutes,
    format: input.format,
    userId: caller.userId,
    keyId: caller.keyId,
    actorLabel: caller.label,
    at,
    today: late ?? recordedOn,
    proof: audit.redemptionProof({
      at: at.toISOString(),
      actorUserId: caller.userId,
      actorLabel: caller.label,
      placeId: caller.placeId,
      apiKeyId: caller.keyId,
      theme: input.theme,
      durationMinutes: input.durationMinutes,
      format: input.format,
    }),
  };
  const refused = (error: unknown) => {
    throw refusedByDatabase(error, call) ?? error;
  };
  await refuseUndeclaredTheme(db, caller, input).catch(refused);
  const row = await (late ? redeemLate(db, call, late, recordedOn) : batcherFor(db).redeem(call)).catch(
    refused,
  );
  // As in check(): another programme's pass is, for this place, an unknown code.
  if (!row || row.outcome === NOT_ACCEPTED) throw refusal('unknown_code');
  if (row.outcome === 'redeemed') {
    return { replayed: false, redemption: await present(db, row, caller.placeId, cancelHours, late) };
  }
  if (row.outcome === 'replay') {
    // The database compared the pass and the session's theme, length and format; its date is
    // compared here, where replays are rare, rather than on every redemption's path.
    const firstLate = await repo.lateSessionOf(db, row.redemption_id!);
    if (!sameSessionDay(input.sessionOn, firstLate, row.redeemed_at!)) throw nonceReused(row);
    return { replayed: true, redemption: await present(db, row, caller.placeId, cancelHours, firstLate) };
  }
  if (row.outcome === 'nonce_reused') throw nonceReused(row);
  if (row.outcome === 'already_redeemed') {
    throw alreadyRedeemed(row.redeemed_at, await redeemedBy(db, caller, code, row.redeemed_at));
  }
  throw refusal(row.outcome as Refusal);
}

/**
 * Whether a pass already redeemed was redeemed by the asking place: a double entry at its own
 * desk, which it may cancel within the window (its redemption's id is given for that), reads
 * otherwise than a pass used elsewhere, of which nothing is said but that (no oracle: neither
 * the place nor anything of its redemption). One small read, on this refusal's path only: a
 * redemption that goes through, and the batch, pay nothing for it.
 */
async function redeemedBy(db: Queryable, caller: Caller, code: string, redeemedAt: Date | null) {
  return redeemedByWord(redeemedAt, await repo.liveRedemptionOf(db, caller.placeId, code));
}

/** What redeemedBy() tells, from the live redemption as the place may know of it. */
export function redeemedByWord(
  redeemedAt: Date | null,
  live: { byThisPlace: boolean; redemptionId: number | null } | undefined,
) {
  const byThisPlace = live?.byThisPlace ?? false;
  const on = redeemedAt ? ` le ${frenchMoment(redeemedAt)}` : '';
  // Cancelled in between (the pass is usable again): nothing to tell but the usual refusal.
  const message = !live
    ? REFUSAL_MESSAGES.already_redeemed
    : byThisPlace
      ? `Ce pass a déjà été encaissé par votre lieu${on}.`
      : `Ce pass a déjà été utilisé dans un autre lieu${on}.`;
  return { byThisPlace, redemptionId: byThisPlace ? (live?.redemptionId ?? null) : null, message };
}

/** The 409 of a pass already redeemed: when, and whether by the asking place (extension members). */
export function alreadyRedeemed(redeemedAt: Date | null, by: ReturnType<typeof redeemedByWord>): DomainError {
  return new DomainError('already_redeemed', by.message, [], {
    ...(redeemedAt ? { redeemedAt } : {}),
    byThisPlace: by.byThisPlace,
    ...(by.redemptionId !== null ? { redemptionId: by.redemptionId } : {}),
  });
}

/**
 * A session under a theme its place does not declare is refused before the pass is looked up
 * (the place knows its own themes: nothing is told of the code): sessions are counted by theme
 * in the programme's report, and a place's figures must not show a service it does not give.
 * A redemption sent again is answered as it was made, even if its theme was dropped since.
 */
async function refuseUndeclaredTheme(db: Db, caller: Caller, input: RedeemInput) {
  const { offered, themes } = await placeProfiles.offersTheme(db, caller.placeId, input.theme);
  if (offered || (await isRetry(db, caller, input))) return;
  const message = `Thème : « ${input.theme} » n’est pas un des services que le lieu déclare sur sa fiche (${themes.join(', ')}). Choisissez l’un d’eux, ou demandez à l’administrateur du lieu d’ajouter ce service à sa fiche.`;
  throw new DomainError('theme_not_offered', message, [{ field: 'theme', message }]);
}

/**
 * Whether this redemption was made already, with this code and nonce, by this place: sent
 * again (its answer was lost), it asks about nothing the place does not know, and is answered
 * even while the place is told to wait for its guesses.
 */
export async function isRetry(db: Db, caller: Caller, input: RedeemInput): Promise<boolean> {
  return (await repo.codeRedeemedWith(db, caller.placeId, input.nonce)) === canonicalCode(input.code);
}

/**
 * A late session: refused outside the tolerance period (the programme as decided on the day it
 * is recorded), else redeemed as of its day with its real date kept beside the redemption. As of
 * its day the place's standing too: a place suspended or withdrawn since is paid for the
 * sessions it gave while approved, and refused those it gave once suspended.
 */
async function redeemLate(db: Db, call: repo.RedeemCall, sessionOn: string, recordedOn: string) {
  const pass = await repo.passStatus(db, call.placeId, call.code, sessionOn, true);
  // Another programme's pass is, for this place, an unknown code: its calendar must not show
  // through a late-session refusal (no oracle, issue 10).
  if (!pass || pass.status === NOT_ACCEPTED) throw refusal('unknown_code');
  const state = pass.program_id ? await programs.stateAsOf(db, pass.program_id, recordedOn) : null;
  const refused = lateSessionRefusal(state, sessionOn, recordedOn);
  if (refused) throw refused;
  if (pass.status === 'not_yet_valid' && pass.valid_from) {
    // Valid today, not on the session's day: the date sent is what is wrong, said on its field.
    const message = `Ce pass n’était pas encore valable le ${frenchDate(sessionOn)} : il l’est depuis le ${frenchDate(pass.valid_from)}.`;
    throw new DomainError('not_yet_valid', message, [{ field: 'sessionOn', message }]);
  }
  return db.transaction(async (tx) => {
    const row = await repo.redeemLateIn(tx, call);
    if (row?.outcome === 'redeemed') {
      await repo.recordLateSession(tx, row.redemption_id!, sessionOn, recordedOn);
      await audit.record(tx, {
        actor: null,
        actorLabel: call.actorLabel,
        funderId: pass.funder_id,
        action: 'redemption.late_session',
        objectType: 'pass',
        objectId: String(pass.pass_id),
        summary: { placeId: call.placeId, redemptionId: row.redemption_id, sessionOn, recordedOn },
      });
    }
    return row;
  });
}

/**
 * Whether a nonce sent again names the first request's session day. Sent without a date, it is
 * the same request when the first one had none either: a retry after midnight stays a retry.
 */
function sameSessionDay(sent: string | undefined, firstLate: string | null, firstAt: Date): boolean {
  if (sent === undefined) return firstLate === null;
  return sent === (firstLate ?? businessDate(firstAt));
}

export const cancelWindowClosed = (hours: number) =>
  new DomainError(
    'cancel_window_closed',
    `Un encaissement ne peut être annulé que dans les ${hours} heures qui suivent.`,
  );

/** The place's software sent one nonce for two different requests: the first one stands. */
export function nonceReused(
  first: Pick<repo.RedeemRow, 'redemption_id' | 'code' | 'redeemed_at'>,
): DomainError {
  const message = 'Ce nonce a déjà servi à un autre encaissement de votre lieu (autre pass ou autre séance).';
  return new DomainError(
    'nonce_reused',
    `${message} Chaque encaissement demande un nonce nouveau ; seul le renvoi à l'identique de la même demande rend la première réponse.`,
    [{ field: 'nonce', message }],
    {
      firstRedemption: {
        id: first.redemption_id,
        code: formatPassCode(first.code),
        redeemedAt: first.redeemed_at,
      },
    },
  );
}

/** A programme's live redemptions per month, for the dashboard (the caller has authorised). */
export const byMonth = repo.redemptionsByMonth;

/**
 * What makes a place's day of redemptions worth a funder's look: passes used without a session
 * (codes bought from their holders, a booklet a place keeps) show as a place redeeming far
 * more than it does. A mediator gives a handful of sessions a day, a collective workshop a
 * dozen or two: by default at least 20 passes, and more than three times the place's average
 * over its days of activity in the four weeks before. Each funder sets its own minimum and
 * factor (its settings, migration 0073): one whose places hold workshops of thirty raises
 * them. Nothing is refused on this ground: the funder is shown the days, and looks.
 */
export const UNUSUAL_DAY_WINDOW_DAYS = 28;

/** A funder's rule: the least number of passes in the day, and how many times usual. */
export interface UnusualDayRule {
  minimum: number;
  factor: number;
}

/** The programme's unusual days of the last four weeks up to `today`, by its funder's rule. */
export const unusualDays = (db: Queryable, programId: string, today: string, rule: UnusualDayRule) =>
  repo.unusualDays(db, programId, today, { windowDays: UNUSUAL_DAY_WINDOW_DAYS, ...rule });

/**
 * A programme's sessions given in a period, by month, theme, format and place, each dated by
 * the day it was given (a late session's real day), for its report (the caller has authorised).
 */
export const sessionsInPeriod = repo.sessionsInPeriod;
export type SessionGroup = repo.SessionGroup;

/** A programme's sessions given up to a day and the value of their passes, for its report. */
export const sessionsUpTo = repo.sessionsUpTo;
export const sessionsChangedAfter = repo.sessionsChangedAfter;

function placesOf(actor: Actor): string[] {
  return actor.memberships
    .filter((m) => PLACE_ROLES.includes(m.role) && m.organisationId)
    .map((m) => m.organisationId!);
}

/**
 * A page of the place's redemptions, newest first: for the agent who may need to cancel one,
 * and for the place's software that reconciles them with its visits. The caller is the place
 * (its key) or one of its agents, checked before.
 */
export async function listForPlace(
  db: Queryable,
  caller: Caller,
  page: RedemptionListQuery,
  cancelHours: number,
) {
  // One row more than the page: whether an older one exists, so that the last page says so
  // (a page that was just full gave a `nextBefore` leading to an empty page).
  // The count ignores `before`: each page says the whole list's size (« Page 2 sur 9 »).
  const [rows, total] = await Promise.all([
    repo.listForPlace(db, caller.placeId, { ...page, limit: page.limit + 1 }),
    repo.countForPlace(db, caller.placeId, page),
  ]);
  const shown = rows.slice(0, page.limit);
  const recordedBy = await recordersOf(db, caller.placeId, shown);
  const redemptions = await Promise.all(
    shown.map(async (r) => ({ ...(await presentStored(db, r, cancelHours)), recordedBy: recordedBy(r) })),
  );
  return { redemptions, nextBefore: rows.length > page.limit ? shown[shown.length - 1]!.id : null, total };
}

/**
 * Who recorded a session that names neither a person nor a key: the platform's own pages and
 * API always name one, so it was written outside them (the demo's data, an operator's loading).
 */
export const UNKNOWN_RECORDER = 'Inconnu (ni une personne ni une clé API)';

/**
 * Who recorded each of the place's sessions, as its people know them: the person's display
 * name, or the label of the place's key (its software), or UNKNOWN_RECORDER. The one wording
 * of the list, the activity's table and the CSV: the pages write what they are given. Two
 * queries for the whole list. Only the place's own people and keys read it: the funder's
 * statements and exports name no one of the place's staff.
 */
async function recordersOf(
  db: Queryable,
  placeId: string,
  rows: { actor_user_id: string | null; api_key_id: string | null }[],
) {
  const [people, keys] = await Promise.all([
    auth.displayNamesOf(
      db,
      rows.flatMap((r) => (r.actor_user_id ? [r.actor_user_id] : [])),
    ),
    places.keyLabelsOf(
      db,
      placeId,
      rows.flatMap((r) => (r.api_key_id ? [r.api_key_id] : [])),
    ),
  ]);
  return (r: { actor_user_id: string | null; api_key_id: string | null }): string => {
    const person = r.actor_user_id ? people.get(r.actor_user_id) : undefined;
    if (person) return person;
    // A key is never deleted; a label not found still says a key recorded it.
    if (r.api_key_id) return keys.has(r.api_key_id) ? `Clé API « ${keys.get(r.api_key_id)} »` : 'Clé API';
    return UNKNOWN_RECORDER;
  };
}

/** A period of the place's sessions, by the days they were given. */
export interface PlacePeriod {
  from: string;
  to: string;
}

/**
 * The place's sessions given in a period, cancelled ones too, as a French CSV with who recorded
 * each (codes masked, as on the statements): for its coordinator and its treasurer. Its people
 * only, agents included, as its list.
 */
export async function sessionsCsv(db: Queryable, actor: Actor, placeId: string, period: PlacePeriod) {
  places.placeOf(actor, placeId);
  const rows = await repo.sessionsOfPlace(db, placeId, period.from, period.to);
  const recordedBy = await recordersOf(db, placeId, rows);
  const placeName = (await funders.organisationNames(db, [placeId])).get(placeId) ?? '';
  const programNames = new Map(
    await Promise.all(
      [...new Set(rows.map((r) => r.program_id))].map(async (id) => [id, await programName(db, id)] as const),
    ),
  );
  return {
    // Named by the place: a coordinator of several downloads one file per place.
    name: `seances-${fileSlug(placeName, 'lieu')}-${period.from}-${period.to}.csv`,
    body: placeSessionsCsv(
      placeName,
      rows.map((r) => ({
        sessionOn: r.session_on ?? businessDate(r.redeemed_at),
        redeemedAt: r.redeemed_at,
        code: r.code,
        programName: programNames.get(r.program_id) ?? '',
        theme: r.theme,
        durationMinutes: r.duration_minutes,
        format: r.format,
        faceValueCents: r.face_value_cents,
        recordedBy: recordedBy(r),
        cancelledAt: r.cancelled_at,
      })),
    ),
  };
}

/**
 * The place's live sessions given in a period, by theme and by who recorded them: what its
 * coordinator reads of its mediators' work. Its people only, as its list.
 */
export async function activity(db: Queryable, actor: Actor, placeId: string, period: PlacePeriod) {
  places.placeOf(actor, placeId);
  const groups = await repo.activityOfPlaces(db, [placeId], period.from, period.to);
  const recorders = groups.filter((g) => g.by === 'recorder');
  const recordedBy = await recordersOf(
    db,
    placeId,
    recorders.map((g) => ({ actor_user_id: g.userId, api_key_id: g.keyId })),
  );
  const figures = (g: repo.PlaceActivityGroup) => ({
    sessions: g.sessions,
    minutes: g.minutes,
    valueCents: g.valueCents,
  });
  return {
    ...period,
    byTheme: groups.filter((g) => g.by === 'theme').map((g) => ({ theme: g.theme!, ...figures(g) })),
    byRecorder: recorders.map((g) => ({
      recordedBy: recordedBy({ actor_user_id: g.userId, api_key_id: g.keyId }),
      ...figures(g),
    })),
  };
}

/**
 * Each of a person's places' live sessions given in a period, by the activity page's count, in
 * one query for them all: the overview of « Mes lieux ». Only the places where the actor works
 * (their people read their activity); the others count nothing.
 */
export async function sessionsOfPlaces(db: Queryable, actor: Actor, placeIds: string[], period: PlacePeriod) {
  const own = placeIds.filter((id) => worksAtPlace(actor, id));
  const counts = new Map<string, number>();
  if (own.length === 0) return counts;
  for (const g of await repo.activityOfPlaces(db, own, period.from, period.to))
    if (g.by === 'theme') counts.set(g.placeId, (counts.get(g.placeId) ?? 0) + g.sessions);
  return counts;
}

/**
 * A redemption as the place is shown it, wherever it is (a redemption, its retry, the list, a
 * cancellation): once cancelled, with when and whether its pass may be redeemed again, and if
 * not why (a pass redeemed again elsewhere read at the desk as a booklet declared lost).
 */
async function presentStored(
  db: Queryable,
  r: Omit<repo.ShownRedemptionRow, 'pass_id' | 'funder_id' | 'actor_user_id' | 'api_key_id'>,
  cancelHours: number,
) {
  return {
    id: r.id,
    code: formatPassCode(r.code),
    placeId: r.place_id,
    programName: await programName(db, r.program_id),
    faceValueCents: r.face_value_cents,
    theme: r.theme,
    durationMinutes: r.duration_minutes,
    format: r.format as 'individual' | 'collective',
    redeemedAt: r.redeemed_at,
    sessionOn: r.session_on ?? businessDate(r.redeemed_at),
    cancellableUntil: new Date(r.redeemed_at.getTime() + cancelHours * 3_600_000),
    cancelledAt: r.cancelled_at,
    passUsableAgain: r.pass_usable_again,
    passUnusableReason: r.pass_unusable_reason,
  };
}

/**
 * A place takes back its own redemption (wrong pass, session not held) within the
 * cancellation window; the pass and its value return to where they were.
 */
export async function cancel(
  db: Queryable,
  who: { actor: Actor } | { caller: Caller },
  redemptionId: number,
  cancelHours: number,
) {
  const placeIds = 'actor' in who ? placesOf(who.actor) : [who.caller.placeId];
  return db.transaction(async (tx) => {
    const r = await repo.findForPlace(tx, placeIds, redemptionId);
    if (!r) throw notFound('Encaissement');
    const shown = await presentStored(tx, r, cancelHours);
    if (r.cancelled_at) return { ...shown, passUsableAgain: r.pass_usable_again === true };
    if (shown.cancellableUntil.getTime() < Date.now()) {
      throw cancelWindowClosed(cancelHours);
    }
    const userId = 'actor' in who ? who.actor.userId : null;
    const cancelledAt = await repo.markCancelled(tx, r.id, userId);
    const account = await repo.restorePass(tx, r.pass_id);
    await ledger.post(
      tx,
      r.funder_id,
      r.program_id,
      redemptionReversal(r.face_value_cents, account, r.place_id),
    );
    await audit.record(tx, {
      actor: 'actor' in who ? who.actor : null,
      actorLabel: 'caller' in who ? who.caller.label : undefined,
      funderId: r.funder_id,
      action: 'pass.redemption_cancel',
      objectType: 'pass',
      objectId: String(r.pass_id),
      summary: { placeId: r.place_id, redemptionId: r.id, passReturnsTo: account },
    });
    // A pass whose booklet was blocked meanwhile comes back cancelled (restorePass): the place is told.
    const usable = account === 'outstanding';
    return {
      ...shown,
      cancelledAt,
      passUsableAgain: usable,
      passUnusableReason: usable ? null : ('blocked' as const),
    };
  });
}

/**
 * The sessions a person's passes paid, for the record the person may ask for
 * (beneficiaries/person-data.ts; no authorisation: the caller has it).
 */
export const sessionsOfPasses = (db: Queryable, passIds: number[]) =>
  passIds.length ? repo.sessionsOfPasses(db, passIds) : Promise.resolve([]);

/**
 * Every redemption of one pass, cancelled ones included: a pass's story told to its funder's
 * staff (stock/service.ts passStory; no authorisation: the caller has it).
 */
export const redemptionsOfPass = (db: Queryable, passId: number) => repo.redemptionsOfPass(db, passId);

/**
 * Every redemption of the funder's passes, a batch at a time, for its export (the caller has
 * authorised): each code masked here, so that no whole code leaves this module for a file.
 */
export function forEachRedemptionOfFunder(
  tx: Tx,
  funderId: string,
  each: (rows: (Omit<repo.RedemptionOfFunder, 'code'> & { maskedCode: string })[]) => void | Promise<void>,
) {
  return repo.forEachRedemptionOfFunder(tx, funderId, (rows) =>
    each(rows.map(({ code, ...r }) => ({ ...r, maskedCode: maskPassCode(code) }))),
  );
}
