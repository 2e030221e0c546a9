import { and, asc, desc, eq, gt, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { APPLICATION_NAME, type Queryable } from '../../db/client.js';
import { containsPattern } from '../../db/like.js';
import { auditEntries, auditEpochs, auditSeals, users } from '../../db/schema/index.js';

export type AuditRow = typeof auditEntries.$inferSelect;
export type NewAuditRow = typeof auditEntries.$inferInsert;

// Only sealers take this lock: writers never wait for one another.
export const SEAL_LOCK = 727_002;

export async function lockSealing(tx: Queryable): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEAL_LOCK})`);
}

/** Through audit_append: the one writer of entries, which the redemption functions call too. */
export async function insertEntry(tx: Queryable, row: Omit<NewAuditRow, 'id' | 'writerXid'>): Promise<void> {
  await tx.execute(sql`SELECT audit_append(
    ARRAY[${row.at.toISOString()}]::timestamptz[], ARRAY[${row.actorUserId ?? null}]::uuid[],
    ARRAY[${row.actorLabel ?? null}]::text[], ARRAY[${row.funderId ?? null}]::uuid[],
    ARRAY[${row.action}]::text[], ARRAY[${row.objectType}]::text[], ARRAY[${row.objectId ?? null}]::text[],
    ARRAY[${JSON.stringify(row.summary)}]::jsonb[], ARRAY[${row.proof ?? null}]::text[])`);
}

export type SealRow = typeof auditSeals.$inferSelect;
export type EpochRow = typeof auditEpochs.$inferSelect;

/** Entry ids of an epoch: from its first id up to the next epoch's (excluded). */
export interface IdBounds {
  from: number;
  to: number | null;
}

const inBounds = (ids: IdBounds) =>
  ids.to === null
    ? sql`${auditEntries.id} >= ${ids.from}`
    : sql`${auditEntries.id} >= ${ids.from} AND ${auditEntries.id} < ${ids.to}`;

/** Where the chain stands: the end of the last seal, without the entries and hashes it lists. */
export type LastSeal = Pick<SealRow, 'seq' | 'epoch' | 'xidTo' | 'lastHash' | 'keyId' | 'handOver'>;

export async function lastSeal(tx: Queryable): Promise<LastSeal | undefined> {
  const [row] = await tx
    .select({
      seq: auditSeals.seq,
      epoch: auditSeals.epoch,
      xidTo: auditSeals.xidTo,
      lastHash: auditSeals.lastHash,
      keyId: auditSeals.keyId,
      handOver: auditSeals.handOver,
    })
    .from(auditSeals)
    .orderBy(desc(auditSeals.seq))
    .limit(1);
  return row;
}

export async function epochs(tx: Queryable): Promise<EpochRow[]> {
  return tx.select().from(auditEpochs).orderBy(asc(auditEpochs.epoch));
}

/** A new epoch from `firstEntryId` on (every entry of it carries a writer proof). */
export async function openEpoch(tx: Queryable, firstEntryId: number, reason: string): Promise<EpochRow> {
  const [row] = await tx
    .insert(auditEpochs)
    .values({
      epoch: sql`(SELECT coalesce(max(epoch), -1) + 1 FROM audit_epochs)`,
      firstEntryId,
      proofsFrom: firstEntryId,
      reason,
    })
    .returning();
  return row!;
}

/** The id the next entry will get: everything below it exists already or never will. */
export async function nextEntryId(tx: Queryable): Promise<number> {
  const { rows } = await tx.execute<{ next: number }>(sql`
    SELECT coalesce((SELECT max(id) FROM audit_entries), 0) + 1 AS next`);
  return Number(rows[0]!.next);
}

/**
 * On the server that wrote them, a seal's end is never above the next transaction id.
 * When it is, the database was restored onto a server whose ids started again.
 */
export async function xidsWentBack(tx: Queryable, sealedTo: string): Promise<boolean> {
  const { rows } = await tx.execute<{ back: boolean }>(sql`
    SELECT pg_snapshot_xmax(pg_current_snapshot()) < ${sealedTo}::xid8 AS back`);
  return rows[0]!.back;
}

/**
 * After a restore made without the command line (which opens the epoch itself): the first
 * entry this server wrote. Entries restored unsealed were written by transactions from the
 * old server's last sealed range on; this server's are below it (its ids restarted) and
 * come after every sealed entry.
 */
export async function firstEntryOfThisServer(
  tx: Queryable,
  epoch: number,
  sealedTo: string,
): Promise<number> {
  const { rows } = await tx.execute<{ first: number | null }>(sql`
    SELECT min(e.id) AS first FROM audit_entries e
     WHERE e.writer_xid < ${sealedTo}::xid8
       AND e.id > (SELECT coalesce(max(x), 0) FROM audit_seals s, unnest(s.entry_ids) x
                    WHERE s.epoch = ${epoch})`);
  const first = rows[0]!.first;
  return first === null ? nextEntryId(tx) : Number(first);
}

/**
 * The transactions the sealer waits for: every running transaction that has written
 * something, except those pg_stat_activity shows in another database (they cannot write
 * here) or in a session that is not the application's (another `application_name`). The
 * latter cannot write a genuine entry (it would carry no writer proof), so a forgotten psql
 * session does not hold sealing back; an entry it commits later lands in a sealed range and
 * `audit verify` names it. A session the application's role cannot see is waited for.
 */
const HORIZON = sql`
  horizon AS (
    SELECT coalesce(
      (SELECT x FROM pg_snapshot_xip(pg_current_snapshot()) x
        WHERE NOT EXISTS (
          SELECT 1 FROM pg_stat_activity a
           WHERE a.backend_xid::text::numeric = x::text::numeric % 4294967296
             AND (a.datid <> (SELECT oid FROM pg_database WHERE datname = current_database())
                  OR a.application_name <> ${APPLICATION_NAME}))
        ORDER BY x LIMIT 1),
      pg_snapshot_xmax(pg_current_snapshot())) AS xmin)`;

/**
 * Where the next seal may end: no transaction of the application older than the horizon is
 * still running, so every entry they wrote is visible now and none can appear later. The
 * range is cut after about `limit` entries, at a transaction's end, so that a backlog seals
 * in bounded batches and one transaction's entries are never split between two seals (a
 * transaction that wrote more than `limit` entries is sealed whole).
 */
export async function sealableUpTo(
  tx: Queryable,
  from: string,
  limit: number,
  firstId: number,
): Promise<string> {
  const { rows } = await tx.execute<{ upTo: string }>(sql`
    WITH ${HORIZON},
         cut AS (SELECT writer_xid AS xid FROM audit_entries, horizon
                  WHERE writer_xid >= ${from}::xid8 AND writer_xid < horizon.xmin AND id >= ${firstId}
                  ORDER BY writer_xid OFFSET ${limit} LIMIT 1)
    SELECT coalesce(
      (SELECT min(a.writer_xid) FROM audit_entries a, cut, horizon
        WHERE a.writer_xid > cut.xid AND a.writer_xid < horizon.xmin AND a.id >= ${firstId}),
      (SELECT xmin FROM horizon))::text AS "upTo"`);
  return rows[0]!.upTo;
}

/** The entries of an epoch's transaction-id range, in id order: exactly what a seal covers. */
export async function entriesWritten(
  tx: Queryable,
  ids: IdBounds,
  from: string,
  to: string,
): Promise<AuditRow[]> {
  return tx
    .select()
    .from(auditEntries)
    .where(
      and(
        inBounds(ids),
        sql`${auditEntries.writerXid} >= ${from}::xid8`,
        sql`${auditEntries.writerXid} < ${to}::xid8`,
      ),
    )
    .orderBy(asc(auditEntries.id));
}

export async function insertSeal(
  tx: Queryable,
  row: typeof auditSeals.$inferInsert,
): Promise<Pick<SealRow, 'seq'>> {
  const [inserted] = await tx.insert(auditSeals).values(row).returning({ seq: auditSeals.seq });
  return inserted!;
}

export async function sealsAfter(tx: Queryable, afterSeq: number, limit: number): Promise<SealRow[]> {
  return tx
    .select()
    .from(auditSeals)
    .where(gt(auditSeals.seq, afterSeq))
    .orderBy(asc(auditSeals.seq))
    .limit(limit);
}

/** Entries of an epoch written from a transaction id on: those no seal covers yet. */
export async function writtenSince(
  tx: Queryable,
  ids: IdBounds,
  from: string,
): Promise<{ count: number; oldestAt: Date | null }> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int`, oldestAt: sql<string | null>`min(${auditEntries.at})` })
    .from(auditEntries)
    .where(and(inBounds(ids), sql`${auditEntries.writerXid} >= ${from}::xid8`));
  return { count: row!.count, oldestAt: row!.oldestAt === null ? null : new Date(row!.oldestAt) };
}

/** The oldest open transaction of the application that has written something: sealing waits for it. */
export async function oldestWriter(
  tx: Queryable,
): Promise<{ pid: number; applicationName: string; since: Date } | undefined> {
  const { rows } = await tx.execute<{ pid: number; application_name: string; xact_start: string }>(sql`
    SELECT pid, application_name, xact_start FROM pg_stat_activity
     WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()
       AND datname = current_database() AND application_name = ${APPLICATION_NAME}
     ORDER BY age(backend_xid) DESC LIMIT 1`);
  const row = rows[0];
  return row && { pid: row.pid, applicationName: row.application_name, since: new Date(row.xact_start) };
}

/** The application's other sessions on this database: a running instance, another command. */
export async function otherSessions(tx: Queryable): Promise<number[]> {
  const { rows } = await tx.execute<{ pid: number }>(sql`
    SELECT pid FROM pg_stat_activity
     WHERE application_name = ${APPLICATION_NAME} AND datname = current_database()
       AND pid <> pg_backend_pid()`);
  return rows.map((r) => r.pid);
}

export async function countEntries(tx: Queryable): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(auditEntries);
  return row!.n;
}

/** The first entry that no seal lists and that is not among those still waiting for one. */
export async function firstOutsideSeals(
  tx: Queryable,
  waiting: IdBounds,
  from: string,
): Promise<number | undefined> {
  const { rows } = await tx.execute<{ id: number }>(sql`
    SELECT id FROM audit_entries
     WHERE NOT (${inBounds(waiting)} AND ${auditEntries.writerXid} >= ${from}::xid8)
    EXCEPT SELECT unnest(entry_ids) FROM audit_seals ORDER BY 1 LIMIT 1`);
  return rows[0] && Number(rows[0].id);
}

/** A writer proof carried by two entries: the later one is a copy. */
export async function firstCopiedProof(tx: Queryable): Promise<number | undefined> {
  const { rows } = await tx.execute<{ id: number }>(sql`
    SELECT max(id) AS id FROM audit_entries WHERE proof IS NOT NULL
     GROUP BY proof HAVING count(*) > 1 ORDER BY 1 LIMIT 1`);
  return rows[0] && Number(rows[0].id);
}

/** The hand-overs of the signing key (`audit rotate-key`), oldest first: a handful at most. */
export async function handOvers(tx: Queryable): Promise<SealRow[]> {
  return tx
    .select()
    .from(auditSeals)
    .where(sql`${auditSeals.handOver} IS NOT NULL`)
    .orderBy(asc(auditSeals.seq));
}

/** The last entry sealed up to a seal (0 before any): where a broken hand-over stands. */
export async function lastEntrySealedBy(tx: Queryable, seq: number): Promise<number> {
  const { rows } = await tx.execute<{ id: number | null }>(sql`
    SELECT max(x) AS id FROM audit_seals s, unnest(s.entry_ids) x WHERE s.seq <= ${seq}`);
  return Number(rows[0]?.id ?? 0);
}

/** The last seal whole, for publishing its hash and signature. */
export async function headSeal(tx: Queryable): Promise<SealRow | undefined> {
  const [row] = await tx.select().from(auditSeals).orderBy(desc(auditSeals.seq)).limit(1);
  return row;
}

/** The filters of the journal (schemas.ts), as the read queries take them. */
export interface EntryFilters {
  /** Part of a name or e-mail: of the entry's author, or of the account the entry is about. */
  who?: string;
  action?: string;
  /** Paris calendar days, both included. */
  from?: string;
  to?: string;
}

/**
 * The accounts a person filter names (part of a name or e-mail), as the journal stores them in
 * an entry's author and object. Found first, in the users table (trigram indexes on both
 * columns, migration 0068), so that the entries are then read by index: a constant list the
 * planner sizes, and no clause at all when no account matches.
 */
async function accountsNamed(tx: Queryable, who: string | undefined): Promise<Account[]> {
  if (!who) return [];
  const p = containsPattern(who);
  return tx
    .select({ id: sql<string>`${users.id}::text`, email: users.email })
    .from(users)
    .where(sql`${users.displayName} ILIKE ${p} OR ${users.email} ILIKE ${p}`);
}
type Account = { id: string; email: string };

/**
 * The entries about someone's access to a team: an invitation sent to her address, taken up or
 * withdrawn, her role changed, her access ended. Their object is the invitation or the
 * membership, not her account: they name her by the address in their summary (auth/members.ts,
 * auth/service.ts), the one way to find an invitation nobody has answered yet.
 */
const ACCESS_ACTIONS = [
  'invitation.create',
  'invitation.accept',
  'invitation.withdraw',
  'membership.role_change',
  'membership.end',
];

/** Where the journal is read: these funders' entries, the platform's (no funder), or all. */
type Scope = 'all' | 'platform' | string[];

function scopeCondition(scope: Scope): SQL | undefined {
  if (scope === 'platform') return isNull(auditEntries.funderId);
  if (scope !== 'all') return inArray(auditEntries.funderId, scope);
  return undefined;
}

function filterConditions(f: EntryFilters, accounts: Account[], scope: Scope): SQL[] {
  const conditions: SQL[] = [];
  if (f.who) {
    const p = containsPattern(f.who);
    // A person is found in what they did and in what befell their account: a failed sign-in
    // or a lock is written by nobody (« anonyme »), about the account, and the helpdesk looks
    // for those first. The scope (a funder's entries, or the platform's) is set apart from
    // this, so nothing of another journal shows. An author's name or e-mail is the account's,
    // in users: their entries are the accounts named's (`audit_entries_actor`); the label
    // recorded (an e-mail, « anonyme », a key's name) is read through its trigram index, so a
    // rare name reads a few entries, not the whole journal (migration 0068). Not the joined
    // users' columns: an OR across the join read every entry of the scope.
    const label = sql`${auditEntries.actorLabel} ILIKE ${p}`;
    // What befell their access is read by (funder, action) (`audit_entries_funder_action`, the
    // scope repeated so that the index serves this branch of the OR): a team's few entries, then
    // their address, typed in part or that of an account named (a name is not in the summary).
    const email = sql`${auditEntries.summary}->>'email'`;
    // One array parameter too, each address quoted (an address may hold a comma or a quote).
    const emails = `{${accounts.map((a) => `"${a.email.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
    const access = and(
      scopeCondition(scope),
      inArray(auditEntries.action, ACCESS_ACTIONS),
      accounts.length
        ? sql`(${email} ILIKE ${p} OR ${email} = ANY(${emails}::text[]))`
        : sql`${email} ILIKE ${p}`,
    );
    // One array parameter, however many accounts a short pattern names (ids are uuids).
    const ids = `{${accounts.map((a) => a.id).join(',')}}`;
    conditions.push(
      accounts.length
        ? sql`(${auditEntries.actorUserId} = ANY(${ids}::uuid[]) OR ${label}
            OR (${auditEntries.objectType} = 'user' AND ${auditEntries.objectId} = ANY(${ids}::text[]))
            OR (${access}))`
        : sql`(${label} OR (${access}))`,
    );
  }
  if (f.action) conditions.push(eq(auditEntries.action, f.action));
  // Days are Paris days: an entry at 23:30 in Paris on the 1st belongs to the 1st.
  if (f.from)
    conditions.push(sql`${auditEntries.at} >= (${f.from}::date)::timestamp AT TIME ZONE 'Europe/Paris'`);
  if (f.to)
    conditions.push(sql`${auditEntries.at} < (${f.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris'`);
  return conditions;
}

/** The entries about one booklet (by its serial), oldest first, with their authors' e-mails. */
export async function bookletEntries(tx: Queryable, funderId: string, serial: string, actions: string[]) {
  return tx
    .select({
      action: auditEntries.action,
      at: auditEntries.at,
      actorEmail: users.email,
      actorLabel: auditEntries.actorLabel,
      summary: auditEntries.summary,
    })
    .from(auditEntries)
    .leftJoin(users, eq(users.id, auditEntries.actorUserId))
    .where(
      and(
        eq(auditEntries.objectType, 'booklet'),
        eq(auditEntries.objectId, serial),
        eq(auditEntries.funderId, funderId),
        inArray(auditEntries.action, actions),
      ),
    )
    .orderBy(auditEntries.id);
}

/** When the last entry of this action code about this account was written (audit_entries_user), if any. */
export async function lastAboutUser(tx: Queryable, userId: string, code: string): Promise<Date | null> {
  const [row] = await tx
    .select({ at: sql<Date | null>`max(${auditEntries.at})`.mapWith(auditEntries.at) })
    .from(auditEntries)
    .where(
      and(
        eq(auditEntries.objectType, 'user'),
        eq(auditEntries.objectId, userId),
        eq(auditEntries.action, code),
      ),
    );
  return row?.at ?? null;
}

/** A page of entries: of these funders, of every one, or of none ('platform': accounts, keys, places on no roster). */
export async function pageForFunders(
  tx: Queryable,
  funderIds: Scope,
  before: number | undefined,
  limit: number,
  filters: EntryFilters = {},
) {
  const conditions: SQL[] = filterConditions(filters, await accountsNamed(tx, filters.who), funderIds);
  const scope = scopeCondition(funderIds);
  if (scope) conditions.push(scope);
  if (before !== undefined) conditions.push(lt(auditEntries.id, before));
  return tx
    .select({
      id: auditEntries.id,
      at: auditEntries.at,
      actorEmail: users.email,
      actorName: users.displayName,
      actorLabel: auditEntries.actorLabel,
      action: auditEntries.action,
      objectType: auditEntries.objectType,
      objectId: auditEntries.objectId,
      summary: auditEntries.summary,
    })
    .from(auditEntries)
    .leftJoin(users, eq(users.id, auditEntries.actorUserId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditEntries.id))
    .limit(limit);
}

/**
 * The names of what entries point at (programmes, organisations, envelopes, users, API keys,
 * invitations, fundings), by id. The journal is a read model over the whole platform, so it
 * reads these tables itself: the modules that own them all write to the journal, and calling
 * their services from here would make a cycle. A programme's name is the one its latest
 * deliberation in force gives it (or, before its start, its
 * founding one).
 */
export async function namesOf(tx: Queryable, ids: string[]): Promise<Map<string, string>> {
  const uuids = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (uuids.length === 0) return new Map();
  const { rows } = await tx.execute<{ id: string; name: string }>(sql`
    WITH ids AS (SELECT unnest(${`{${uuids.join(',')}}`}::uuid[]) AS id)
    SELECT o.id::text, o.name FROM organisations o JOIN ids USING (id)
    UNION ALL SELECT u.id::text, u.display_name FROM users u JOIN ids USING (id)
    UNION ALL SELECT e.id::text, e.name FROM envelopes e JOIN ids USING (id)
    UNION ALL SELECT k.id::text, k.label FROM api_keys k JOIN ids USING (id)
    UNION ALL SELECT i.id::text, i.email FROM invitations i JOIN ids USING (id)
    UNION ALL SELECT f.id::text, f.payer FROM fundings f JOIN ids USING (id)
    UNION ALL SELECT r.id::text, r.message_id FROM payment_runs r JOIN ids USING (id)
    UNION ALL SELECT p.id::text, (
        SELECT a.changes->>'name' FROM program_amendments a
         WHERE a.program_id = p.id AND a.changes ? 'name'
           AND NOT EXISTS (SELECT 1 FROM program_amendments r WHERE r.rectifies_id = a.id)
         ORDER BY a.effective_on <= current_date DESC, a.effective_on DESC, a.created_at DESC LIMIT 1)
      FROM programs p JOIN ids USING (id)`);
  return new Map(rows.filter((r) => r.name !== null).map((r) => [r.id, r.name]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters of a place's journal: an action of its list, Paris days. */
export interface PlaceEntryFilters {
  action?: string;
  from?: string;
  to?: string;
  /** Entries older than this one only: the CSV reads the journal in chunks as it stood. */
  before?: number;
}

/**
 * The invitations and memberships of a place's team, by id: an invitation taken up or a role
 * changed names its object only (auth/service.ts, auth/members.ts), not the place.
 */
async function teamObjectsOf(tx: Queryable, placeId: string): Promise<string[]> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    SELECT id::text FROM invitations WHERE organisation_id = ${placeId}
    UNION ALL SELECT id::text FROM memberships WHERE organisation_id = ${placeId}`);
  return rows.map((r) => r.id);
}

/**
 * What is written once in each journal of a funder whose roster holds the place, or in the
 * platform's while it is on none (auth/journals.ts, place-profiles, qualification's bank account,
 * a site added): the place's journal reads one copy of each.
 */
const COPIED_PER_FUNDER = [
  ...ACCESS_ACTIONS,
  'membership.create',
  'membership.password_link',
  'place.add_site',
  'place.profile_create',
  'place.profile_update',
  'place.bank_account',
];

const textArray = (values: readonly string[]) => `{${values.map((v) => `"${v}"`).join(',')}}`;

/** An entry as pageForFunders reads it, as SQL gives it, with the count of all (a row of nulls on none). */
type PlaceRow = Omit<Awaited<ReturnType<typeof pageForFunders>>[number], 'id' | 'at'> & {
  total: number;
  id: number | null;
  at: string;
};

/**
 * A page of the entries about a place, newest first, and how many there are: those whose object
 * is the place (its profile, bank account, applications), those naming it in their summary
 * (sessions, keys, contests, a team's access) or whose object is one of its team's invitations
 * or memberships; of the place journal's `actions` only. An entry copied into several journals
 * is read once, as its first copy: the same transaction, action, object and summary. Each branch
 * is read by index (`audit_entries_place`, `audit_entries_place_object`, migration 0096).
 */
export async function pageForPlace(
  tx: Queryable,
  placeId: string,
  actions: readonly string[],
  filters: PlaceEntryFilters,
  offset: number,
  limit: number,
) {
  const team = textArray(await teamObjectsOf(tx, placeId));
  const { rows } = await tx.execute<PlaceRow>(sql`
    WITH matched AS MATERIALIZED (
      SELECT e.id FROM audit_entries e
       WHERE (coalesce(e.summary->>'placeId', e.summary->>'organisationId') = ${placeId}
              OR (e.object_type = 'organisation' AND e.object_id = ${placeId})
              OR (e.object_type IN ('invitation', 'membership') AND e.object_id = ANY(${team}::text[])))
         AND e.action = ANY(${textArray(actions)}::text[])
         ${filters.action ? sql`AND e.action = ${filters.action}` : sql``}
         ${
           // Days are Paris days: an entry at 23:30 in Paris on the 1st belongs to the 1st.
           filters.from
             ? sql`AND e.at >= (${filters.from}::date)::timestamp AT TIME ZONE 'Europe/Paris'`
             : sql``
         }
         ${filters.to ? sql`AND e.at < (${filters.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris'` : sql``}
         ${filters.before === undefined ? sql`` : sql`AND e.id < ${filters.before}`}
         AND CASE WHEN e.action = ANY(${textArray(COPIED_PER_FUNDER)}::text[]) THEN NOT EXISTS (
               SELECT 1 FROM audit_entries d
                WHERE d.writer_xid = e.writer_xid AND d.id < e.id AND d.action = e.action
                  AND d.object_type = e.object_type AND d.object_id IS NOT DISTINCT FROM e.object_id
                  AND d.summary = e.summary)
             ELSE true END)
    SELECT n.total, p.* FROM (SELECT count(*)::int AS total FROM matched) n
      LEFT JOIN LATERAL (
        SELECT e.id, e.at, u.email AS "actorEmail", u.display_name AS "actorName",
               e.actor_label AS "actorLabel", e.action, e.object_type AS "objectType",
               e.object_id AS "objectId", e.summary
          FROM matched m JOIN audit_entries e USING (id) LEFT JOIN users u ON u.id = e.actor_user_id
         ORDER BY e.id DESC OFFSET ${offset} LIMIT ${limit}) p ON true`);
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.filter((r) => r.id !== null).map((r) => ({ ...r, id: Number(r.id), at: new Date(r.at) })),
  };
}
