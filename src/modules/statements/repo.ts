import { type SQL, sql } from 'drizzle-orm';
import { forEachBatch } from '../../db/batches.js';
import type { Queryable, Tx } from '../../db/client.js';

/** The instant a month ends in France: statements cover what happened before it. */
const monthEnd = (month: string) =>
  sql`((${month}::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/Paris')`;

/** A final statement's day of issue in Paris (what its period runs to), null for a monthly one. */
const FINAL_ON = sql`CASE WHEN s.final THEN to_char(s.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') END`;

/** The funders that have redemptions (those a run may have something to issue for). */
export async function fundersWithRedemptions(tx: Queryable, funderId?: string) {
  const { rows } = await tx.execute<{ id: string }>(sql`
    SELECT f.id FROM funders f
     WHERE (${funderId ?? null}::uuid IS NULL OR f.id = ${funderId ?? null}::uuid)
       AND EXISTS (SELECT 1 FROM programs p WHERE p.funder_id = f.id)
     ORDER BY f.id`);
  return rows.map((r) => r.id);
}

/** Locks the funder's counter (created at 0 the first time) and returns its last number. */
export async function lockCounter(tx: Queryable, funderId: string): Promise<number> {
  await tx.execute(
    sql`INSERT INTO statement_counters (funder_id) VALUES (${funderId}) ON CONFLICT DO NOTHING`,
  );
  const { rows } = await tx.execute<{ last: number }>(
    sql`SELECT last_number AS last FROM statement_counters WHERE funder_id = ${funderId} FOR UPDATE`,
  );
  return rows[0]!.last;
}

export async function advanceCounter(tx: Queryable, funderId: string, last: number) {
  await tx.execute(sql`UPDATE statement_counters SET last_number = ${last} WHERE funder_id = ${funderId}`);
}

/**
 * Issues the funder's statements for the month in one statement (set-based: its cost grows
 * with the redemptions, not with one round trip per place). Lines: every live redemption
 * before the month's end in no statement yet (a late recording of an earlier month comes on
 * this one), and an adjustment for every cancellation before the month's end of a redemption
 * already on a statement. One statement per (programme, place) with lines, except those that
 * already have this month's statement (a rerun; their late lines wait for the next month).
 * Numbers follow `last` without gaps, in the order of the places' names.
 *
 * `only` narrows the same statement to one place and programme, up to the moment of issue
 * rather than the month's end: a place's final statement (issueFinal), so that exactly-once
 * stays with the one query and the lines' key.
 */
export async function issueMonth(
  tx: Queryable,
  funderId: string,
  month: string,
  last: number,
  issuedAt?: Date,
  only?: FinalScope,
) {
  await tx.execute(RUN_MEMORY);
  const { rows } = await tx.execute<{ n: number; first: number | null; last: number | null }>(
    issueMonthQuery(funderId, month, last, issuedAt, only),
  );
  return rows[0]!;
}

/**
 * The place's standing for the programme on `day` ('approved' while it takes its passes), by
 * the database's own rule for redemptions (place_standing_on, migration 0092): the places
 * module's qualifications are read through it, never named here.
 */
export async function standingToday(tx: Queryable, programId: string, placeId: string, day: string) {
  const { rows } = await tx.execute<{ standing: string | null }>(
    sql`SELECT place_standing_on(${programId}::uuid, ${placeId}::uuid, ${day}::date) AS standing`,
  );
  return rows[0]?.standing ?? null;
}

/** One place and programme, stated up to now: a final statement. */
export interface FinalScope {
  placeId: string;
  programId: string;
}

/**
 * The run's candidates (a row per redemption to state: 200,000 in bench:statements) are
 * materialised, grouped, sorted and joined to the statements made: in memory for this
 * transaction, rather than spilled to temporary files (with the 4 MB default, 14 MB spilled).
 */
export const RUN_MEMORY = sql`SET LOCAL work_mem = '64MB'`;

/**
 * The statement issueMonth runs (bench:statements explains it with BENCH_EXPLAIN=1). Issued
 * now, or at `issuedAt` when demo data replays an earlier run.
 */
export function issueMonthQuery(
  funderId: string,
  month: string,
  last: number,
  issuedAt?: Date,
  only?: FinalScope,
) {
  // What the statement covers: before the month's end, or, for a final statement, before the
  // moment of issue (the transaction's, as its created_at), for its place and programme only.
  const end = only ? sql`now()` : monthEnd(month);
  const scope = only
    ? sql`AND r.place_id = ${only.placeId}::uuid AND r.program_id = ${only.programId}::uuid`
    : sql``;
  return sql`
    WITH candidates AS MATERIALIZED (
      SELECT r.id AS redemption_id, r.program_id, r.place_id, 'redemption'::text AS kind,
             r.face_value_cents::bigint AS amount
        FROM redemptions r
       WHERE r.funder_id = ${funderId} AND r.redeemed_at < ${end} AND r.cancelled_at IS NULL ${scope}
         AND NOT EXISTS (SELECT 1 FROM statement_lines l WHERE l.redemption_id = r.id AND l.kind = 'redemption')
      UNION ALL
      SELECT r.id, r.program_id, r.place_id, 'adjustment', -r.face_value_cents::bigint
        FROM redemptions r
        JOIN statement_lines l ON l.redemption_id = r.id AND l.kind = 'redemption'
       WHERE r.funder_id = ${funderId} AND r.cancelled_at < ${end} ${scope}
         AND NOT EXISTS (SELECT 1 FROM statement_lines a WHERE a.redemption_id = r.id AND a.kind = 'adjustment')
    ),
    groups AS (
      SELECT c.program_id, c.place_id,
             count(*) FILTER (WHERE c.kind = 'redemption')::int AS n,
             coalesce(sum(c.amount) FILTER (WHERE c.kind = 'redemption'), 0)::bigint AS value,
             count(*) FILTER (WHERE c.kind = 'adjustment')::int AS an,
             coalesce(sum(c.amount) FILTER (WHERE c.kind = 'adjustment'), 0)::bigint AS adjustments
        FROM candidates c
       GROUP BY c.program_id, c.place_id
    ),
    -- A place that has the month's statement already is left out per group, not per line.
    numbered AS (
      SELECT g.*, o.name AS place_name, o.siret AS place_siret,
             ${last}::int + row_number() OVER (ORDER BY o.name, g.place_id, g.program_id)::int AS seq
        FROM groups g JOIN organisations o ON o.id = g.place_id
       WHERE NOT EXISTS (SELECT 1 FROM statements s
                          WHERE s.program_id = g.program_id AND s.place_id = g.place_id AND s.month = ${month}::date)
    ),
    made AS (
      INSERT INTO statements (funder_id, program_id, place_id, funder_name, funder_siret, place_name, place_siret,
                              number, sequence, month, redemptions_count,
                              value_cents, adjustments_count, adjustments_cents, total_cents, created_at, final)
      SELECT ${funderId}, n.program_id, n.place_id, f.name, f.siret, n.place_name, n.place_siret,
             to_char(${month}::date, 'YYYY') || '-' || lpad(n.seq::text, 6, '0'), n.seq, ${month}::date,
             n.n, n.value, n.an, n.adjustments, n.value + n.adjustments,
             coalesce(${issuedAt?.toISOString() ?? null}::timestamptz, now()), ${only !== undefined}
        FROM numbered n, funders f WHERE f.id = ${funderId}
      RETURNING id, program_id, place_id, sequence
    ),
    lines AS (
      INSERT INTO statement_lines (statement_id, redemption_id, kind, amount_cents)
      SELECT m.id, c.redemption_id, c.kind, c.amount
        FROM candidates c JOIN made m ON m.program_id = c.program_id AND m.place_id = c.place_id
    ),
    events AS (
      INSERT INTO statement_events (statement_id, event, status) SELECT m.id, 'issue', 'issued' FROM made m
    )
    SELECT count(*)::int AS n, min(sequence) AS first, max(sequence) AS last FROM made`;
}

/**
 * The value of the place's passes of the programme cancelled after they were stated, whose
 * adjustment waits for its next statement (migration 0049's rule, read from its function).
 */
export async function pendingAdjustments(tx: Queryable, programId: string, placeId: string) {
  const { rows } = await tx.execute<{ cents: number }>(
    sql`SELECT place_pending_adjustments(${programId}, ${placeId})::float8 AS cents`,
  );
  return rows[0]!.cents;
}

/**
 * The statements a run issued, for the statement_ready messages: each with its place's admins
 * (one row per statement and address; a place without an admin gives none), in one query.
 */
export async function issuedNotices(tx: Queryable, funderId: string, afterSequence: number) {
  const { rows } = await tx.execute<{
    id: string;
    programId: string;
    placeId: string;
    placeName: string;
    funderName: string;
    number: string;
    month: string;
    totalCents: number;
    createdAt: Date;
    finalOn: string | null;
  }>(sql`
    SELECT s.id, s.program_id AS "programId", s.place_id AS "placeId", s.place_name AS "placeName",
           s.funder_name AS "funderName", s.number, to_char(s.month, 'YYYY-MM') AS month, ${FINAL_ON} AS "finalOn",
           s.total_cents::float8 AS "totalCents", s.created_at AS "createdAt"
      FROM statements s
     WHERE s.funder_id = ${funderId} AND s.sequence > ${afterSequence}
     ORDER BY s.sequence`);
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
}

import type { StatementStatus } from '../../core/statement.js';

export type StatementRow = {
  id: string;
  funderId: string;
  /** The parties' names and SIRETs as they were when the statement was issued. */
  funderName: string;
  funderSiret: string;
  programId: string;
  placeId: string;
  placeName: string;
  placeSiret: string | null;
  number: string;
  month: string;
  redemptionsCount: number;
  valueCents: number;
  adjustmentsCount: number;
  adjustmentsCents: number;
  totalCents: number;
  status: StatementStatus;
  createdAt: Date;
  /** The bank's booking date of the transfer that paid it. */
  paidOn: string | null;
  /** A place's final statement: its day of issue (Paris), to which it runs; null for a monthly one. */
  finalOn: string | null;
};

const STATEMENT_COLUMNS = sql`
  s.id, s.funder_id AS "funderId", s.funder_name AS "funderName", s.funder_siret AS "funderSiret",
  s.program_id AS "programId", s.place_id AS "placeId", s.place_name AS "placeName",
  s.place_siret AS "placeSiret", s.number, to_char(s.month, 'YYYY-MM') AS month,
  s.redemptions_count AS "redemptionsCount", s.value_cents::float8 AS "valueCents",
  s.adjustments_count AS "adjustmentsCount", s.adjustments_cents::float8 AS "adjustmentsCents",
  s.total_cents::float8 AS "totalCents", s.status, s.created_at AS "createdAt", s.paid_on AS "paidOn",
  ${FINAL_ON} AS "finalOn"`;

// Raw queries give instants as text: read them back as dates.
const statementOf = (r: StatementRow): StatementRow => ({ ...r, createdAt: new Date(r.createdAt) });

// The names are the statement's own, as issued (migration 0061), not the parties' current ones.
const FROM = sql`FROM statements s`;

export async function find(tx: Queryable, id: string, lock = false) {
  const { rows } = await tx.execute<StatementRow>(
    sql`SELECT ${STATEMENT_COLUMNS} ${FROM} WHERE s.id = ${id} ${lock ? sql`FOR UPDATE OF s` : sql``}`,
  );
  return rows[0] && statementOf(rows[0]);
}

/** The most statements one list answers. */
export const MAX_LISTED = 500;

export interface ListFilters {
  month?: string;
  placeId?: string;
  programId?: string;
  status?: string;
}

type ListScope = { funderId?: string; placeId?: string; placeIds?: string[] };

/**
 * How a list of statements is ordered. `programRanks` are the funder's programmes in the order
 * of their names (the service sorts them in French: a programme's name is its amendments').
 * The number, then the id, break ties in the same direction, so that the order is the same at
 * every reading and a page never repeats or skips a statement of the one before.
 */
export interface StatementOrder {
  sort: 'month' | 'number' | 'place' | 'program' | 'total' | 'status';
  order: 'asc' | 'desc';
  programRanks?: string[];
}

/** The latest first: the lists' order when asked none. */
const LATEST_FIRST: StatementOrder = { sort: 'month', order: 'desc' };

const matching = (scope: ListScope, f: ListFilters) => sql`
       (${scope.funderId ?? null}::uuid IS NULL OR s.funder_id = ${scope.funderId ?? null}::uuid)
   AND (${scope.placeId ?? null}::uuid IS NULL OR s.place_id = ${scope.placeId ?? null}::uuid)
   AND (${scope.placeIds ? sql.param(scope.placeIds) : null}::uuid[] IS NULL
        OR s.place_id = ANY(${scope.placeIds ? sql.param(scope.placeIds) : null}::uuid[]))
   AND (${f.month ?? null}::date IS NULL OR s.month = ${f.month ?? null}::date)
   AND (${f.placeId ?? null}::uuid IS NULL OR s.place_id = ${f.placeId ?? null}::uuid)
   AND (${f.programId ?? null}::uuid IS NULL OR s.program_id = ${f.programId ?? null}::uuid)
   AND (${f.status ?? null}::text IS NULL OR s.status = ${f.status ?? null}::text)`;

function orderBy(by: StatementOrder) {
  const dir = by.order === 'asc' ? sql`ASC` : sql`DESC`;
  const key = {
    month: sql`s.month`,
    // Read as written (the year of its month, then the sequence), byte by byte.
    number: sql`s.number COLLATE "C"`,
    // The name as issued, case and accents aside (the database's collation puts É after Z).
    place: sql`person_name_key(s.place_name)`,
    program: sql`r.rank`,
    total: sql`s.total_cents`,
    // Their order of life, not the codes' alphabet.
    status: sql`CASE s.status WHEN 'issued' THEN 0 WHEN 'contested' THEN 1 WHEN 'approved' THEN 2
                              WHEN 'in_payment' THEN 3 ELSE 4 END`,
  }[by.sort];
  return sql`ORDER BY ${key} ${dir} NULLS LAST, s.sequence ${dir}, s.id ${dir}`;
}

/**
 * The statements matching, in the order asked (the latest first by default), `limit` at most
 * from `offset`; `truncated` when more match after them.
 */
export async function list(
  tx: Queryable,
  scope: ListScope,
  f: ListFilters,
  {
    by = LATEST_FIRST,
    offset = 0,
    limit = MAX_LISTED,
  }: { by?: StatementOrder; offset?: number; limit?: number } = {},
) {
  const rank =
    by.sort === 'program'
      ? sql`LEFT JOIN unnest(${sql.param(by.programRanks ?? [])}::uuid[]) WITH ORDINALITY AS r(id, rank)
              ON r.id = s.program_id`
      : sql``;
  const { rows } = await tx.execute<StatementRow>(sql`
    SELECT ${STATEMENT_COLUMNS} ${FROM} ${rank}
     WHERE ${matching(scope, f)}
     ${orderBy(by)}
    OFFSET ${offset} LIMIT ${limit + 1}`);
  return { rows: rows.slice(0, limit).map(statementOf), truncated: rows.length > limit };
}

/** How many statements match, for the page to say it and count its pages. */
export async function count(tx: Queryable, scope: ListScope, f: ListFilters) {
  const { rows } = await tx.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n ${FROM} WHERE ${matching(scope, f)}`,
  );
  return rows[0]!.n;
}

export type LineRow = {
  kind: 'redemption' | 'adjustment';
  amountCents: number;
  redeemedAt: Date;
  /** the day the session was given ('YYYY-MM-DD'): before the recording for a late one */
  sessionOn: string;
  cancelledAt: Date | null;
  code: string;
  theme: string;
  durationMinutes: number;
  format: 'individual' | 'collective';
};

export async function lines(tx: Queryable, statementId: string) {
  const { rows } = await tx.execute<LineRow>(sql`
    SELECT l.kind, l.amount_cents::float8 AS "amountCents", r.redeemed_at AS "redeemedAt",
           to_char(coalesce(ls.session_on, (r.redeemed_at AT TIME ZONE 'Europe/Paris')::date), 'YYYY-MM-DD') AS "sessionOn",
           r.cancelled_at AS "cancelledAt", p.code, r.theme, r.duration_minutes AS "durationMinutes", r.format
      FROM statement_lines l
      JOIN redemptions r ON r.id = l.redemption_id
      LEFT JOIN late_sessions ls ON ls.redemption_id = r.id
      JOIN passes p ON p.id = r.pass_id
     WHERE l.statement_id = ${statementId}
     ORDER BY l.kind DESC, r.redeemed_at, l.redemption_id`);
  return rows.map((r) => ({
    ...r,
    redeemedAt: new Date(r.redeemedAt),
    cancelledAt: r.cancelledAt && new Date(r.cancelledAt),
  }));
}

export async function events(tx: Queryable, statementId: string) {
  const { rows } = await tx.execute<{
    event: string;
    status: string;
    reason: string | null;
    actorLabel: string | null;
    at: Date;
  }>(sql`
    SELECT e.event, e.status, e.reason, coalesce(u.display_name, e.actor_label) AS "actorLabel", e.at
      FROM statement_events e LEFT JOIN users u ON u.id = e.actor_user_id
     WHERE e.statement_id = ${statementId} ORDER BY e.at, e.id`);
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

export type ContestRow = {
  statementId: string;
  reason: string | null;
  contestedBy: string | null;
  contestedAt: Date;
  answer: string | null;
  answeredAt: Date | null;
};

/** Each statement's latest contest, with the funder's answer to it if one came (one query). */
export async function latestContests(tx: Queryable, statementIds: string[]): Promise<ContestRow[]> {
  if (statementIds.length === 0) return [];
  const { rows } = await tx.execute<ContestRow>(sql`
    SELECT DISTINCT ON (c.statement_id)
           c.statement_id AS "statementId", c.reason, coalesce(u.display_name, c.actor_label) AS "contestedBy",
           c.at AS "contestedAt", a.reason AS answer, a.at AS "answeredAt"
      FROM statement_events c
      LEFT JOIN users u ON u.id = c.actor_user_id
      LEFT JOIN LATERAL (
        SELECT reason, at FROM statement_events
         WHERE statement_id = c.statement_id AND event = 'answer' AND id > c.id
         ORDER BY id LIMIT 1) a ON true
     WHERE c.statement_id = ANY(${sql.param(statementIds)}::uuid[])
       AND c.event = 'contest'
     ORDER BY c.statement_id, c.id DESC`);
  return rows.map((r) => ({
    ...r,
    contestedAt: new Date(r.contestedAt),
    answeredAt: r.answeredAt && new Date(r.answeredAt),
  }));
}

/** Moves the statement (locked by the caller) and records the event, in the caller's transaction. */
export async function move(
  tx: Queryable,
  statementId: string,
  e: { event: string; status: string; reason: string | null; actorUserId: string | null },
) {
  await tx.execute(sql`UPDATE statements SET status = ${e.status} WHERE id = ${statementId}`);
  await tx.execute(sql`INSERT INTO statement_events (statement_id, event, status, reason, actor_user_id)
                       VALUES (${statementId}, ${e.event}, ${e.status}, ${e.reason}, ${e.actorUserId})`);
}

/**
 * Moves statements along one step in one conditional update (those not in the step's `from`
 * status are left, and the caller compares the count); the paid date with the `pay` step, and
 * cleared by any other (only `return` leaves `paid`). The
 * database checks the transition and the paid date again (statements_update trigger).
 */
export async function advance(
  tx: Queryable,
  ids: string[],
  step: { from: string; to: string },
  paidOn: string | null,
): Promise<string[]> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    UPDATE statements SET status = ${step.to},
           paid_on = CASE WHEN ${step.to} = 'paid' THEN coalesce(${paidOn}::date, paid_on) END
     WHERE id = ANY(${sql.param(ids)}::uuid[]) AND status = ${step.from} RETURNING id`);
  return rows.map((r) => r.id);
}

/** One event per statement, append-only, for a step taken by a person or the command line. */
export async function appendEvents(
  tx: Queryable,
  ids: string[],
  e: { event: string; status: string; actorUserId: string | null; actorLabel: string },
) {
  await tx.execute(sql`
    INSERT INTO statement_events (statement_id, event, status, actor_user_id, actor_label)
    SELECT id, ${e.event}, ${e.status}, ${e.actorUserId}::uuid, ${e.actorLabel}
      FROM unnest(${sql.param(ids)}::uuid[]) AS id`);
}

/** The statements by id, in number order. */
export async function findMany(tx: Queryable, ids: string[]) {
  const { rows } = await tx.execute<StatementRow>(
    sql`SELECT ${STATEMENT_COLUMNS} ${FROM} WHERE s.id = ANY(${sql.param(ids)}::uuid[]) ORDER BY s.number`,
  );
  return rows.map(statementOf);
}

/**
 * The payment of transfer `t` was recorded by `end`: its bank line matched at the import, or,
 * paid in part, accepted by a person then. The ledger's postings bear the same instant.
 */
const paymentRecorded = (t: SQL, end: SQL) => sql`EXISTS (
    SELECT 1 FROM bank_import_lines bl JOIN bank_imports bi ON bi.id = bl.import_id
     WHERE bl.transfer_id = ${t}.id AND (bl.outcome = 'matched' OR (bl.outcome = 'partial' AND bl.decision = 'accept'))
       AND coalesce(bl.decided_at, bi.imported_at) < ${end})`;

/** The return of transfer `t` by the bank was recorded by `end` (at the import showing it). */
const returnRecorded = (t: SQL, end: SQL) => sql`EXISTS (
    SELECT 1 FROM bank_import_lines bl JOIN bank_imports bi ON bi.id = bl.import_id
     WHERE bl.transfer_id = ${t}.id AND bl.outcome = 'returned' AND bi.imported_at < ${end})`;

/**
 * Statement `x` was at the bank at `end`: in a transfer of a run sent by then and not recorded
 * as refused by the bank by then (0054). A statement whose file the bank refused stays in
 * payment for the next run, but is then approved, to send again.
 */
const atBank = (x: SQL, end: SQL) => sql`EXISTS (
    SELECT 1 FROM payment_transfer_statements l
      JOIN payment_transfers t ON t.id = l.transfer_id JOIN payment_runs r ON r.id = t.run_id
     WHERE l.statement_id = ${x}.id AND r.sent_at < ${end} AND (r.rejected_at IS NULL OR r.rejected_at >= ${end}))`;

/**
 * Per place and programme, as of the end of a day (Paris): owed (the 'redeemed' balance),
 * paid ('paid' balance), and of what is owed, the part on statements issued by then and not
 * paid. Approved and sent: the statements whose last event by then (payments write them:
 * approve, send, pay) left them `approved` or `in_payment`, and of these, at the bank or not.
 */
export async function payables(
  tx: Queryable,
  scope: { funderId: string } | { placeId: string } | { placeIds: string[] },
  asOf: string,
) {
  const end = sql`((${asOf}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`;
  // A funder's places, or one place (or a person's places) with every funder it works for.
  const within = (alias: string) =>
    'funderId' in scope
      ? sql`${sql.raw(alias)}.funder_id = ${scope.funderId}`
      : 'placeId' in scope
        ? sql`${sql.raw(alias)}.place_id = ${scope.placeId}`
        : sql`${sql.raw(alias)}.place_id = ANY(${sql.param(scope.placeIds)}::uuid[])`;
  const { rows } = await tx.execute<{
    placeId: string;
    placeName: string;
    funderId: string;
    programId: string;
    owedCents: number;
    inStatementCents: number;
    approvedCents: number;
    sentCents: number;
    paidCents: number;
    remainderCents: number;
    writtenOffCents: number;
  }>(sql`
    WITH claims AS (
      SELECT l.place_id, l.program_id, l.funder_id,
             coalesce(sum(l.amount_cents) FILTER (WHERE l.account = 'redeemed'), 0) AS owed,
             coalesce(sum(l.amount_cents) FILTER (WHERE l.account = 'paid'), 0) AS paid,
             coalesce(sum(l.amount_cents) FILTER (WHERE l.account = 'written_off'), 0) AS written_off
        FROM ledger_postings l
       WHERE ${within('l')} AND l.place_id IS NOT NULL AND l.at < ${end}
       GROUP BY l.place_id, l.program_id, l.funder_id
    ),
    -- Each statement's status as of then: its last event by then (statement_events). A
    -- statement paid, then in payment again when its transfer came back, is not paid.
    status_then AS (
      SELECT s.id, s.place_id, s.program_id, s.total_cents,
             (SELECT e.status FROM statement_events e WHERE e.statement_id = s.id AND e.at < ${end}
               ORDER BY e.at DESC, e.id DESC LIMIT 1) AS status
        FROM statements s WHERE ${within('s')} AND s.created_at < ${end}
    ),
    stated AS (
      SELECT x.place_id, x.program_id, sum(x.total_cents) AS total
        FROM status_then x WHERE x.status IS DISTINCT FROM 'paid'
       GROUP BY x.place_id, x.program_id
    ),
    staged AS (
      SELECT x.place_id, x.program_id,
             coalesce(sum(x.total_cents) FILTER (
               WHERE x.status = 'approved' OR (x.status = 'in_payment' AND NOT ${atBank(sql`x`, end)})), 0) AS approved,
             coalesce(sum(x.total_cents) FILTER (WHERE x.status = 'in_payment' AND ${atBank(sql`x`, end)}), 0) AS sent
        FROM status_then x
       GROUP BY x.place_id, x.program_id
    ),
    -- Transfers paid in part or returned (0043, 0048) whose statements were not paid by then:
    -- their amount with the statements their complements carried then (netted with them), less
    -- what they and their complements were paid by then and kept (not returned by then), and
    -- what was written off by then; the rest is still to pay, in the sent column. « By then »
    -- is when the platform recorded it, as for the ledger's columns, not the bank's day.
    partial AS (
      SELECT r.place_id, r.program_id,
             sum(r.amount_cents + k.carried - k.paid
                 - coalesce((SELECT w.amount_cents FROM payment_write_offs w
                              WHERE w.transfer_id = r.id AND w.decided_at < ${end}), 0)) AS remainder,
             sum(k.paid) AS paid
        FROM payment_transfers r
        CROSS JOIN LATERAL (
          SELECT (SELECT coalesce(sum(x.paid_cents), 0) FROM payment_transfers x
                   WHERE (x.id = r.id OR x.complement_of = r.id) AND ${paymentRecorded(sql`x`, end)}
                     AND NOT ${returnRecorded(sql`x`, end)}) AS paid,
                 (SELECT coalesce(sum(cs.total_cents), 0) FROM payment_transfers x
                    JOIN payment_runs xr ON xr.id = x.run_id
                    JOIN payment_transfer_statements l ON l.transfer_id = x.id
                    JOIN statements cs ON cs.id = l.statement_id
                   WHERE x.complement_of = r.id AND xr.prepared_at < ${end}
                     AND (xr.cancelled_at IS NULL OR xr.cancelled_at >= ${end})
                     AND (xr.rejected_at IS NULL OR xr.rejected_at >= ${end})) AS carried) k
       WHERE ${within('r')} AND r.complement_of IS NULL AND r.status IN ('partial', 'returned')
         AND ${paymentRecorded(sql`r`, end)}
         AND NOT EXISTS (SELECT 1 FROM payment_transfer_statements l JOIN status_then x ON x.id = l.statement_id
                          WHERE l.transfer_id = r.id AND x.status = 'paid')
       GROUP BY r.place_id, r.program_id
    )
    SELECT c.place_id AS "placeId", o.name AS "placeName", c.funder_id AS "funderId", c.program_id AS "programId",
           c.owed::float8 AS "owedCents", least(coalesce(st.total, 0), c.owed)::float8 AS "inStatementCents",
           c.paid::float8 AS "paidCents", coalesce(sg.approved, 0)::float8 AS "approvedCents",
           (coalesce(sg.sent, 0) - coalesce(pa.paid, 0))::float8 AS "sentCents",
           coalesce(pa.remainder, 0)::float8 AS "remainderCents",
           c.written_off::float8 AS "writtenOffCents"
      FROM claims c
      JOIN organisations o ON o.id = c.place_id
      LEFT JOIN stated st ON st.place_id = c.place_id AND st.program_id = c.program_id
      LEFT JOIN staged sg ON sg.place_id = c.place_id AND sg.program_id = c.program_id
      LEFT JOIN partial pa ON pa.place_id = c.place_id AND pa.program_id = c.program_id
     WHERE c.owed <> 0 OR c.paid <> 0 OR c.written_off <> 0
     ORDER BY o.name, c.program_id`);
  return rows;
}

/**
 * Per programme, as of the end of a day (Paris), the value of the place's sessions on no
 * statement issued by then, less the cancellations by then of stated ones whose adjustment was
 * on no statement by then: what its next statements were to carry (the run's candidates, read
 * for one place).
 */
export async function unstatedOfPlace(tx: Queryable, placeId: string, asOf: string) {
  const end = sql`((${asOf}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`;
  const stated = (kind: string) => sql`EXISTS (
    SELECT 1 FROM statement_lines l JOIN statements s ON s.id = l.statement_id
     WHERE l.redemption_id = r.id AND l.kind = ${kind} AND s.created_at < ${end})`;
  const { rows } = await tx.execute<{ programId: string; cents: number }>(sql`
    SELECT r.program_id AS "programId",
           coalesce(sum(r.face_value_cents) FILTER (WHERE (r.cancelled_at IS NULL OR r.cancelled_at >= ${end})
             AND NOT ${stated('redemption')}), 0)::float8
         - coalesce(sum(r.face_value_cents) FILTER (WHERE r.cancelled_at < ${end}
             AND ${stated('redemption')} AND NOT ${stated('adjustment')}), 0)::float8
           AS cents
      FROM redemptions r WHERE r.place_id = ${placeId} AND r.redeemed_at < ${end}
     GROUP BY r.program_id`);
  return new Map(rows.map((r) => [r.programId, r.cents]));
}

export interface StatementOfFunder {
  number: string;
  month: string;
  programId: string;
  placeName: string;
  placeSiret: string | null;
  redemptionsCount: number;
  valueCents: number;
  adjustmentsCents: number;
  totalCents: number;
  status: string;
  paidOn: string | null;
}

/** Every statement of the funder, in number order, a batch at a time (its export). */
export function forEachStatementOfFunder(
  tx: Tx,
  funderId: string,
  each: (rows: StatementOfFunder[]) => void | Promise<void>,
) {
  return forEachBatch(
    tx,
    sql`
    SELECT number, to_char(month, 'YYYY-MM') AS month, program_id AS "programId", place_name AS "placeName",
           place_siret AS "placeSiret", redemptions_count AS "redemptionsCount",
           value_cents::float8 AS "valueCents", adjustments_cents::float8 AS "adjustmentsCents",
           total_cents::float8 AS "totalCents", status, to_char(paid_on, 'YYYY-MM-DD') AS "paidOn"
      FROM statements WHERE funder_id = ${funderId}
     ORDER BY sequence`,
    each,
  );
}
