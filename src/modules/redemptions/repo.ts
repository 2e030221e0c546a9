import { sql } from 'drizzle-orm';
import { forEachBatch } from '../../db/batches.js';
import type { Db, Queryable, Tx } from '../../db/client.js';
import { lateSessions } from '../../db/schema/index.js';
import type { PassUnusableReason } from './schemas.js';

// Raw SQL results carry instants as text; the service works with Dates.
const instant = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

export interface RedeemCall {
  placeId: string;
  code: string;
  nonce: string;
  theme: string;
  durationMinutes: number;
  format: string;
  userId: string | null;
  keyId: string | null;
  actorLabel: string;
  at: Date;
  today: string;
  /** The writer proof of the audit entry the redemption writes (audit.redemptionProof). */
  proof: string;
}

export interface RedeemRow {
  outcome: string;
  redemption_id: number | null;
  program_id: string | null;
  face_value_cents: number | null;
  redeemed_at: Date | null;
  theme: string | null;
  duration_minutes: number | null;
  format: string | null;
  cancelled_at: Date | null;
  code: string;
}

/**
 * The whole redemption in one round trip (see redeem_pass in the migrations), as a
 * named prepared statement: on the hot path, PostgreSQL parses and plans it once per
 * connection instead of once per request.
 */
export async function redeem(db: Db, c: RedeemCall): Promise<RedeemRow | undefined> {
  const { rows } = await db.$client.query<RedeemRow>({
    name: 'redeem_pass',
    text: 'SELECT * FROM redeem_pass($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz, $11::date, $12)',
    values: [
      c.placeId,
      c.code,
      c.nonce,
      c.theme,
      c.durationMinutes,
      c.format,
      c.userId,
      c.keyId,
      c.actorLabel,
      c.at.toISOString(),
      c.today,
      c.proof,
    ],
  });
  const row = rows[0];
  return row && { ...row, redeemed_at: instant(row.redeemed_at), cancelled_at: instant(row.cancelled_at) };
}

/**
 * A late session's redemption (redeem_late_pass, migration 0092: redeem_pass with the place's
 * standing as of the session's day, `c.today`), inside the caller's transaction, where its date
 * is written with it.
 */
export async function redeemLateIn(tx: Queryable, c: RedeemCall): Promise<RedeemRow | undefined> {
  const { rows } = await tx.execute<RedeemRow & Record<string, unknown>>(sql`
    SELECT * FROM redeem_late_pass(${c.placeId}, ${c.code}, ${c.nonce}, ${c.theme}, ${c.durationMinutes},
      ${c.format}, ${c.userId}, ${c.keyId}, ${c.actorLabel}, ${c.at.toISOString()}::timestamptz,
      ${c.today}::date, ${c.proof})`);
  const row = rows[0];
  return row && { ...row, redeemed_at: instant(row.redeemed_at), cancelled_at: instant(row.cancelled_at) };
}

export async function recordLateSession(
  tx: Queryable,
  redemptionId: number,
  sessionOn: string,
  recordedOn: string,
) {
  await tx.insert(lateSessions).values({ redemptionId, sessionOn, recordedOn });
}

/** One row per item the batch redeemed or replayed; `item` is the item's 1-based position. */
export type BatchRow = RedeemRow & { item: number };

/**
 * Many redemptions in one statement (redeem_passes in the migrations). Items it leaves
 * out were not redeemable as they stood: the caller asks redeem_pass about each.
 */
export async function redeemBatch(db: Db, calls: RedeemCall[]): Promise<BatchRow[]> {
  const column = <K extends keyof RedeemCall>(k: K) => calls.map((c) => c[k]);
  const { rows } = await db.$client.query<BatchRow>({
    name: 'redeem_passes',
    text: `SELECT * FROM redeem_passes($1::uuid[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[],
             $7::uuid[], $8::uuid[], $9::text[], $10::timestamptz[], $11::date[], $12::text[])`,
    values: [
      column('placeId'),
      column('code'),
      column('nonce'),
      column('theme'),
      column('durationMinutes'),
      column('format'),
      column('userId'),
      column('keyId'),
      column('actorLabel'),
      calls.map((c) => c.at.toISOString()),
      column('today'),
      column('proof'),
    ],
  });
  return rows.map((row) => ({
    ...row,
    redeemed_at: instant(row.redeemed_at),
    cancelled_at: instant(row.cancelled_at),
  }));
}

export interface StatusRow {
  status: string;
  pass_id: number;
  funder_id: string;
  program_id: string;
  face_value_cents: number;
  valid_from: string | null;
  valid_until: string | null;
  redeemed_at: Date | null;
}

/**
 * The pass as the place would be told of it for a session given on `day`. A session of the day
 * reads the place's standing of today (pass_status); one recorded later, with `late`, its
 * standing as of that day, folded from the funder's decisions (pass_status_on, migration 0092).
 */
export async function passStatus(db: Queryable, placeId: string, code: string, day: string, late = false) {
  const { rows } = await db.execute<StatusRow & Record<string, unknown>>(
    late
      ? sql`SELECT * FROM pass_status_on(${placeId}, ${code}, ${day}::date)`
      : sql`SELECT * FROM pass_status(${placeId}, ${code}, ${day}::date)`,
  );
  const row = rows[0];
  return row && { ...row, redeemed_at: instant(row.redeemed_at) };
}

export interface RedemptionRow {
  id: number;
  pass_id: number;
  funder_id: string;
  program_id: string;
  place_id: string;
  code: string;
  theme: string;
  duration_minutes: number;
  format: string;
  face_value_cents: number;
  redeemed_at: Date;
  cancelled_at: Date | null;
  /** a late session's own day (late_sessions); null for a session of the day it was recorded */
  session_on: string | null;
  /** who recorded it: the person signed in, or the place's API key */
  actor_user_id: string | null;
  api_key_id: string | null;
}

function withDates<R extends RedemptionRow>(r: R): R {
  return { ...r, redeemed_at: instant(r.redeemed_at)!, cancelled_at: instant(r.cancelled_at) };
}

/** A redemption as the place is shown it: once cancelled, whether its pass may be redeemed again, and if not why. */
export interface ShownRedemptionRow extends RedemptionRow {
  /** null while the redemption stands */
  pass_usable_again: boolean | null;
  /** null while the redemption stands or while its pass may be redeemed again */
  pass_unusable_reason: PassUnusableReason | null;
}

/**
 * Whether a cancelled redemption's pass may be redeemed again now (still active), and if not
 * why, in pass_redeemability's order (migration 0066): redeemed again since (here or at another
 * place), its booklet blocked (lost or stolen: its pass cancelled), expired (its validity or its
 * programme's usage over), or cancelled otherwise. The booklet is read only for a pass no longer
 * active and not redeemed.
 */
const passStanding = sql`
  CASE WHEN r.cancelled_at IS NOT NULL THEN p.status = 'active' END AS pass_usable_again,
  CASE WHEN r.cancelled_at IS NULL OR p.status = 'active' THEN NULL
       WHEN p.status = 'redeemed' THEN 'redeemed_again'
       WHEN (SELECT b.status FROM booklets b WHERE b.id = p.booklet_id) = 'blocked' THEN 'blocked'
       WHEN p.status = 'expired' THEN 'expired'
       ELSE 'cancelled'
  END AS pass_unusable_reason`;

/** The days a list of the place's redemptions was recorded on (Paris), inclusive; either may be open. */
interface RecordedDays {
  from?: string;
  to?: string;
}

const recordedWithin = (days: RecordedDays) => sql`
       ${days.from ? sql`AND r.redeemed_at >= (${days.from}::date)::timestamp AT TIME ZONE 'Europe/Paris'` : sql``}
       ${days.to ? sql`AND r.redeemed_at < (${days.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris'` : sql``}`;

/** A page of the place's redemptions, newest first, within the days they were recorded on (Paris). */
export async function listForPlace(
  db: Queryable,
  placeId: string,
  page: RecordedDays & { before?: number; limit: number },
) {
  const { rows } = await db.execute<ShownRedemptionRow & Record<string, unknown>>(sql`
    SELECT r.*, p.code, ls.session_on::text AS session_on, ${passStanding}
      FROM redemptions r JOIN passes p ON p.id = r.pass_id
      LEFT JOIN late_sessions ls ON ls.redemption_id = r.id
     WHERE r.place_id = ${placeId}
       ${page.before ? sql`AND r.id < ${page.before}` : sql``}
       ${recordedWithin(page)}
     ORDER BY r.id DESC LIMIT ${page.limit}`);
  return rows.map(withDates);
}

/** How many redemptions the whole list holds, every page of it: the pages' « sur N ». */
export async function countForPlace(db: Queryable, placeId: string, days: RecordedDays): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM redemptions r WHERE r.place_id = ${placeId} ${recordedWithin(days)}`);
  return rows[0]?.n ?? 0;
}

/** The day a redemption's session was given: a late session's own day, else the day it was recorded (Paris). */
const sessionDay = sql`coalesce(ls.session_on, (r.redeemed_at AT TIME ZONE 'Europe/Paris')::date)`;

/** The place's sessions given in a period (days inclusive), cancelled ones too, in the order given. */
export async function sessionsOfPlace(db: Queryable, placeId: string, from: string, to: string) {
  const { rows } = await db.execute<RedemptionRow & Record<string, unknown>>(sql`
    SELECT r.*, p.code, ls.session_on::text AS session_on
      FROM redemptions r JOIN passes p ON p.id = r.pass_id
      LEFT JOIN late_sessions ls ON ls.redemption_id = r.id
     WHERE r.place_id = ${placeId} AND ${sessionDay} BETWEEN ${from}::date AND ${to}::date
     ORDER BY ${sessionDay}, r.id`);
  return rows.map(withDates);
}

/** A group of a place's live sessions of a period: by theme, or by who recorded them. */
export interface PlaceActivityGroup {
  placeId: string;
  by: 'theme' | 'recorder';
  theme: string | null;
  userId: string | null;
  keyId: string | null;
  sessions: number;
  minutes: number;
  valueCents: number;
}

/**
 * The places' live sessions given in a period, counted per place by theme and by who recorded
 * them (the person, or the key) in one pass (grouping sets): one place's activity page, or a
 * person's places at once.
 */
export async function activityOfPlaces(
  db: Queryable,
  placeIds: string[],
  from: string,
  to: string,
): Promise<PlaceActivityGroup[]> {
  const { rows } = await db.execute<PlaceActivityGroup & Record<string, unknown>>(sql`
    SELECT r.place_id AS "placeId", CASE WHEN GROUPING(r.theme) = 0 THEN 'theme' ELSE 'recorder' END AS by,
           r.theme, r.actor_user_id AS "userId", r.api_key_id AS "keyId",
           count(*)::int AS sessions, sum(r.duration_minutes)::float8 AS minutes,
           sum(r.face_value_cents)::float8 AS "valueCents"
      FROM redemptions r LEFT JOIN late_sessions ls ON ls.redemption_id = r.id
     WHERE r.place_id = ANY(${sql.param(placeIds)}::uuid[]) AND r.cancelled_at IS NULL
       AND ${sessionDay} BETWEEN ${from}::date AND ${to}::date
     GROUP BY GROUPING SETS ((r.place_id, r.theme), (r.place_id, r.actor_user_id, r.api_key_id))
     ORDER BY sessions DESC, r.theme`);
  return rows;
}

export async function findForPlace(db: Queryable, placeIds: string[], id: number) {
  const { rows } = await db.execute<ShownRedemptionRow & Record<string, unknown>>(sql`
    SELECT r.*, p.code, ls.session_on::text AS session_on, ${passStanding}
      FROM redemptions r JOIN passes p ON p.id = r.pass_id
      LEFT JOIN late_sessions ls ON ls.redemption_id = r.id
     WHERE r.id = ${id} AND r.place_id = ANY(${sql.param(placeIds)}::uuid[]) FOR UPDATE OF r`);
  return rows[0] && withDates(rows[0]);
}

/**
 * The live redemption of a pass refused as already redeemed, as the asking place may know of it:
 * whether it made it, and only then its id (another place's is never read out of here).
 */
export async function liveRedemptionOf(
  db: Queryable,
  placeId: string,
  code: string,
): Promise<{ byThisPlace: boolean; redemptionId: number | null } | undefined> {
  const { rows } = await db.execute<{ by_this_place: boolean; own_id: string | number | null }>(sql`
    SELECT r.place_id = ${placeId}::uuid AS by_this_place,
           CASE WHEN r.place_id = ${placeId}::uuid THEN r.id END AS own_id
      FROM redemptions r JOIN passes p ON p.id = r.pass_id
     WHERE p.code = ${code} AND r.cancelled_at IS NULL
     ORDER BY r.id DESC LIMIT 1`);
  const row = rows[0];
  // A bigint comes back as text from node-postgres.
  return (
    row && { byThisPlace: row.by_this_place, redemptionId: row.own_id === null ? null : Number(row.own_id) }
  );
}

/** The day of a late session, null when the redemption was recorded on its session's day. */
export async function lateSessionOf(db: Queryable, redemptionId: number): Promise<string | null> {
  const { rows } = await db.execute<{ session_on: string }>(
    sql`SELECT session_on::text AS session_on FROM late_sessions WHERE redemption_id = ${redemptionId}`,
  );
  return rows[0]?.session_on ?? null;
}

/** Returns the instant recorded, which the answer gives (the list and a second cancel read it). */
export async function markCancelled(db: Queryable, id: number, userId: string | null): Promise<Date> {
  const { rows } = await db.execute<{ cancelled_at: string }>(
    sql`UPDATE redemptions SET cancelled_at = now(), cancelled_by = ${userId} WHERE id = ${id}
        RETURNING cancelled_at`,
  );
  return new Date(rows[0]!.cancelled_at);
}

/**
 * The pass goes back to where it was before the redemption: usable again, or cancelled
 * if its booklet was blocked meanwhile. Returns the ledger account its value returns to.
 * The booklet's row is locked first, as blocking locks it: a block still being written
 * is waited for and then seen, and a block that comes later waits for this cancellation
 * and then cancels the pass it returned.
 */
export async function restorePass(db: Queryable, passId: number): Promise<'outstanding' | 'cancelled'> {
  const { rows } = await db.execute<{ status: string }>(sql`
    WITH booklet AS (
      SELECT b.id, b.status FROM passes p JOIN booklets b ON b.id = p.booklet_id
       WHERE p.id = ${passId} FOR NO KEY UPDATE OF b
    )
    UPDATE passes p SET redeemed_at = NULL,
           status = CASE WHEN booklet.status = 'blocked' THEN 'cancelled' ELSE 'active' END
      FROM booklet
     WHERE p.id = ${passId} AND p.status = 'redeemed' AND p.booklet_id = booklet.id
    RETURNING p.status`);
  return rows[0]?.status === 'cancelled' ? 'cancelled' : 'outstanding';
}

/** Whether the pass of a cancelled redemption may be redeemed again, and if not why (a retry's answer). */
export async function passStandingAfter(
  db: Queryable,
  redemptionId: number,
): Promise<Pick<ShownRedemptionRow, 'pass_usable_again' | 'pass_unusable_reason'>> {
  const { rows } = await db.execute<Pick<ShownRedemptionRow, 'pass_usable_again' | 'pass_unusable_reason'>>(
    sql`SELECT ${passStanding}
          FROM redemptions r JOIN passes p ON p.id = r.pass_id WHERE r.id = ${redemptionId}`,
  );
  return rows[0] ?? { pass_usable_again: null, pass_unusable_reason: null };
}

/**
 * Live redemptions per calendar month of their session (a late session in the month it was
 * given, as the period's report counts it), oldest first.
 */
export async function redemptionsByMonth(db: Queryable, programId: string) {
  const { rows } = await db.execute<{ month: string; redemptions: number; valueCents: number }>(sql`
    SELECT month, count(*)::int AS redemptions, sum(face_value_cents)::bigint AS "valueCents"
      FROM (${liveSessions(programId)}) s
     GROUP BY 1 ORDER BY 1`);
  return rows.map((r) => ({ ...r, valueCents: Number(r.valueCents) }));
}

/**
 * The days, among the `windowDays` up to `today`, when a place redeemed at least `minimum` live
 * passes of the programme and more than `factor` times its average over the days it redeemed
 * any in the `windowDays` before (no such day: no average, the minimum alone). Days are those
 * of the recording (Paris), when the activity reached the platform. Latest first, 100 at most.
 */
export async function unusualDays(
  db: Queryable,
  programId: string,
  today: string,
  rule: { windowDays: number; minimum: number; factor: number },
) {
  // A window frame's offset must be a constant: the rule's number of days, from the code.
  const frame = sql.raw(`RANGE BETWEEN INTERVAL '${Math.trunc(rule.windowDays)} days' PRECEDING
                               AND INTERVAL '1 day' PRECEDING`);
  const { rows } = await db.execute<{
    placeId: string;
    day: string;
    redemptions: number;
    usualPerDay: number | null;
  }>(sql`
    WITH daily AS (
      SELECT r.place_id, (r.redeemed_at AT TIME ZONE 'Europe/Paris')::date AS day, count(*)::int AS n
        FROM redemptions r
       WHERE r.program_id = ${programId} AND r.cancelled_at IS NULL
         AND r.redeemed_at >= ((${today}::date - ${2 * rule.windowDays - 1}::int)::timestamp AT TIME ZONE 'Europe/Paris')
       GROUP BY 1, 2
    ),
    judged AS (
      SELECT place_id, day, n, avg(n) OVER (PARTITION BY place_id ORDER BY day ${frame}) AS usual FROM daily
    )
    SELECT place_id AS "placeId", to_char(day, 'YYYY-MM-DD') AS day, n AS redemptions,
           round(usual, 1)::float8 AS "usualPerDay"
      FROM judged
     WHERE day > ${today}::date - ${rule.windowDays}::int AND day <= ${today}::date
       AND n >= ${rule.minimum}::int AND (usual IS NULL OR n > ${rule.factor}::numeric * usual)
     ORDER BY day DESC, n DESC, place_id
     LIMIT 100`);
  return rows;
}

/** The code of the pass a place redeemed with this nonce, if it did. */
export async function codeRedeemedWith(
  db: Queryable,
  placeId: string,
  nonce: string,
): Promise<string | null> {
  const { rows } = await db.execute<{ code: string }>(sql`
    SELECT ps.code FROM redemptions r JOIN passes ps ON ps.id = r.pass_id
     WHERE r.place_id = ${placeId} AND r.nonce = ${nonce}`);
  return rows[0]?.code ?? null;
}

/** The sessions these passes paid (cancelled redemptions left out), in the order they were given. */
export async function sessionsOfPasses(db: Queryable, passIds: number[]) {
  const { rows } = await db.execute<{
    passId: string | number;
    placeId: string;
    programId: string;
    theme: string;
    durationMinutes: number;
    format: string;
    sessionOn: string;
  }>(sql`
    SELECT r.pass_id AS "passId", r.place_id AS "placeId", r.program_id AS "programId", r.theme,
           r.duration_minutes AS "durationMinutes", r.format,
           coalesce(ls.session_on, (r.redeemed_at AT TIME ZONE 'Europe/Paris')::date)::text AS "sessionOn"
      FROM redemptions r LEFT JOIN late_sessions ls ON ls.redemption_id = r.id
     WHERE r.pass_id = ANY(${sql.param(passIds)}::bigint[]) AND r.cancelled_at IS NULL
     ORDER BY 7, r.id`);
  // A bigint comes back as text from node-postgres.
  return rows.map((r) => ({ ...r, passId: Number(r.passId) }));
}

/** Every redemption of one pass, cancelled ones included, in the order they were recorded. */
export async function redemptionsOfPass(db: Queryable, passId: number) {
  const { rows } = await db.execute<{
    placeId: string;
    theme: string;
    durationMinutes: number;
    format: string;
    sessionOn: string;
    recordedAt: Date;
    cancelledAt: Date | null;
  }>(sql`
    SELECT r.place_id AS "placeId", r.theme, r.duration_minutes AS "durationMinutes", r.format,
           coalesce(ls.session_on, (r.redeemed_at AT TIME ZONE 'Europe/Paris')::date)::text AS "sessionOn",
           r.redeemed_at AS "recordedAt", r.cancelled_at AS "cancelledAt"
      FROM redemptions r LEFT JOIN late_sessions ls ON ls.redemption_id = r.id
     WHERE r.pass_id = ${passId}
     ORDER BY r.id`);
  return rows;
}

/** One figure of a programme's sessions in a period: the sessions of a month, a theme, a format or a place. */
export interface SessionGroup {
  by: 'month' | 'theme' | 'format' | 'place' | 'all';
  key: string | null;
  sessions: number;
  minutes: number;
  valueCents: number;
}

// A session's day: a late session's real day (late_sessions), else the day it was recorded, in
// Paris. Cancelled redemptions paid for nothing and are left out.
const liveSessions = (programId: string) => sql`
  SELECT to_char(d.day, 'YYYY-MM') AS month, d.day, r.theme, r.format, r.place_id::text AS place,
         r.duration_minutes, r.face_value_cents
    FROM redemptions r LEFT JOIN late_sessions ls ON ls.redemption_id = r.id
   CROSS JOIN LATERAL (SELECT coalesce(ls.session_on, (r.redeemed_at AT TIME ZONE 'Europe/Paris')::date) AS day) d
   WHERE r.program_id = ${programId} AND r.cancelled_at IS NULL`;

/**
 * A programme's sessions given in a period, counted by month, theme, format and place (and in
 * all) in one pass over its redemptions (grouping sets), for its report.
 */
export async function sessionsInPeriod(
  db: Queryable,
  programId: string,
  from: string,
  to: string,
): Promise<SessionGroup[]> {
  const { rows } = await db.execute<SessionGroup & Record<string, unknown>>(sql`
    WITH s AS (${liveSessions(programId)})
    SELECT CASE WHEN GROUPING(month) = 0 THEN 'month' WHEN GROUPING(theme) = 0 THEN 'theme'
                WHEN GROUPING(format) = 0 THEN 'format' WHEN GROUPING(place) = 0 THEN 'place' ELSE 'all' END AS by,
           coalesce(month, theme, format, place) AS key,
           count(*)::int AS sessions, sum(duration_minutes)::bigint AS minutes,
           sum(face_value_cents)::bigint AS "valueCents"
      FROM s
     WHERE day BETWEEN ${from}::date AND ${to}::date
     GROUP BY GROUPING SETS ((month), (theme), (format), (place), ())`);
  return rows.map((r) => ({ ...r, minutes: Number(r.minutes), valueCents: Number(r.valueCents) }));
}

/**
 * What became known of the sessions given up to a day only after it: sessions recorded late
 * (still standing), and sessions recorded by then but cancelled since. A report counts them as
 * known today; the ledger as of that day could not: they are what sets the two apart.
 */
export async function sessionsChangedAfter(db: Queryable, programId: string, to: string) {
  const { rows } = await db.execute<{
    recorded: number;
    recordedCents: string | number;
    cancelled: number;
    cancelledCents: string | number;
  }>(sql`
    SELECT count(*) FILTER (WHERE late)::int AS recorded,
           coalesce(sum(r.face_value_cents) FILTER (WHERE late), 0)::bigint AS "recordedCents",
           count(*) FILTER (WHERE withdrawn)::int AS cancelled,
           coalesce(sum(r.face_value_cents) FILTER (WHERE withdrawn), 0)::bigint AS "cancelledCents"
      FROM redemptions r LEFT JOIN late_sessions ls ON ls.redemption_id = r.id
     CROSS JOIN LATERAL (SELECT (r.redeemed_at AT TIME ZONE 'Europe/Paris')::date AS recorded_on) d
     CROSS JOIN LATERAL (SELECT
             r.cancelled_at IS NULL AND d.recorded_on > ${to}::date AS late,
             d.recorded_on <= ${to}::date
               AND (r.cancelled_at AT TIME ZONE 'Europe/Paris')::date > ${to}::date AS withdrawn) f
     WHERE r.program_id = ${programId}
       AND coalesce(ls.session_on, d.recorded_on) <= ${to}::date
       AND (late OR withdrawn)`);
  const r = rows[0];
  return {
    recordedAfter: { sessions: r?.recorded ?? 0, valueCents: Number(r?.recordedCents ?? 0) },
    cancelledAfter: { sessions: r?.cancelled ?? 0, valueCents: Number(r?.cancelledCents ?? 0) },
  };
}

/** A programme's sessions given up to a day, and the value of their passes. */
export async function sessionsUpTo(db: Queryable, programId: string, to: string) {
  const { rows } = await db.execute<{ sessions: number; valueCents: string | number | null }>(sql`
    WITH s AS (${liveSessions(programId)})
    SELECT count(*)::int AS sessions, sum(face_value_cents)::bigint AS "valueCents" FROM s WHERE day <= ${to}::date`);
  return { sessions: rows[0]?.sessions ?? 0, valueCents: Number(rows[0]?.valueCents ?? 0) };
}

export interface RedemptionOfFunder {
  id: number;
  programId: string;
  placeId: string;
  code: string;
  /** 'YYYY-MM-DD' and 'HH:MI', in Paris: when it was recorded */
  day: string;
  time: string;
  /** 'YYYY-MM-DD': the day of the session, earlier than `day` for a late session */
  sessionOn: string;
  theme: string;
  durationMinutes: number;
  format: string;
  faceValueCents: number;
  cancelledOn: string | null;
}

/** Every redemption of the funder's passes, in time order, a batch at a time (its export). */
export function forEachRedemptionOfFunder(
  tx: Tx,
  funderId: string,
  each: (rows: RedemptionOfFunder[]) => void | Promise<void>,
) {
  return forEachBatch(
    tx,
    sql`
    SELECT r.id::float8 AS id, r.program_id AS "programId", r.place_id AS "placeId", p.code,
           to_char(r.redeemed_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS day,
           to_char(r.redeemed_at AT TIME ZONE 'Europe/Paris', 'HH24:MI') AS time,
           coalesce(l.session_on, (r.redeemed_at AT TIME ZONE 'Europe/Paris')::date)::text AS "sessionOn",
           r.theme, r.duration_minutes AS "durationMinutes", r.format,
           r.face_value_cents AS "faceValueCents",
           to_char(r.cancelled_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "cancelledOn"
      FROM redemptions r JOIN passes p ON p.id = r.pass_id
      LEFT JOIN late_sessions l ON l.redemption_id = r.id
     WHERE r.funder_id = ${funderId}
     ORDER BY r.redeemed_at, r.id`,
    each,
  );
}
