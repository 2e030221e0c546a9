import { businessDate, frenchDate, frenchMoment, frenchMonth } from '../../core/dates.js';
import { conflict, forbidden, invalid, notFound } from '../../core/errors.js';
import { frenchOrder } from '../../core/french.js';
import { firstWorkingDay } from '../../core/french-holidays.js';
import { type Actor, can, PLACE_ROLES, requireFunder } from '../../core/permissions.js';
import {
  CONTEST_DAYS,
  canMove,
  contestableUntil,
  contestLastDay,
  dayAfterMonth,
  monthStart,
  nextMonth,
  previousMonth,
  STATEMENT_STATUS_LABELS,
  STATEMENT_TRANSITIONS,
  type StatementStatus,
  type StatementStep,
} from '../../core/statement.js';
import type { StatementStanding } from '../../core/statement-standing.js';
import { fileSlug } from '../../core/text.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as auth from '../auth/service.js';
import * as funders from '../funders/service.js';
import * as notifications from '../notifications/service.js';
import * as programs from '../programs/service.js';
import {
  placeYearCsv as placeYearCsvBody,
  statementCsv,
  statementListCsv,
  statementPdf,
} from './documents.js';
import * as repo from './repo.js';

/**
 * Paying places, part one (issue 12, points 1 and 2; docs/architecture.md "Paying places:
 * statements"): monthly statements per place and programme, generated set-based, numbered
 * without gaps per funder, then downloaded, contested and answered.
 */

export const RUN_LABEL = 'Relevés mensuels';

export interface RunResult {
  month: string;
  funders: { funderId: string; issued: number; firstNumber: number | null; lastNumber: number | null }[];
}

/**
 * Issues the statements of `month` ('YYYY-MM') for every funder, or one. Idempotent: a second
 * run issues nothing more for the places already given this month's statement. One
 * transaction per funder, holding the funder's counter row, so that numbers have no gap.
 * A month not over on `today` is refused: its statements would leave out its last days, which
 * would come on the next month's statement (and a month not begun would take every redemption
 * not stated yet under the wrong month).
 */
export async function run(
  db: Db,
  input: { month: string; funderId?: string },
  today = businessDate(),
  /** when the statements are issued: now, unless demo data replays the run of an earlier day */
  issuedAt?: Date,
): Promise<RunResult> {
  const start = monthStart(input.month);
  if (!start) throw invalid([{ field: 'month', message: 'Le mois doit être de la forme AAAA-MM.' }]);
  const over = dayAfterMonth(input.month);
  if (over > today) {
    throw invalid([
      {
        field: 'month',
        message: `Le mois de ${frenchMonth(input.month)} n'est pas terminé : ses relevés peuvent être émis à partir du ${frenchDate(over)}.`,
      },
    ]);
  }
  const funders = await repo.fundersWithRedemptions(db, input.funderId);
  const result: RunResult = { month: input.month, funders: [] };
  for (const funderId of funders) {
    result.funders.push(
      await db.transaction(async (tx) => {
        const last = await repo.lockCounter(tx, funderId);
        const made = await repo.issueMonth(tx, funderId, start, last, issuedAt);
        if (made.n > 0) {
          await repo.advanceCounter(tx, funderId, last + made.n);
          await notifyIssued(tx, funderId, last);
          await audit.record(tx, {
            actor: null,
            actorLabel: RUN_LABEL,
            funderId,
            action: 'statement.issue_month',
            objectType: 'funder',
            objectId: funderId,
            summary: {
              month: input.month,
              statements: made.n,
              firstNumber: made.first,
              lastNumber: made.last,
            },
          });
        }
        return { funderId, issued: made.n, firstNumber: made.first, lastNumber: made.last };
      }),
    );
  }
  return result;
}

/**
 * The background job: on the first working day of the month (French public holidays), the
 * past month's statements. Run hourly that day; each run after the first issues nothing more.
 */
export async function runIfDue(db: Db, today = businessDate()): Promise<RunResult | null> {
  if (today !== firstWorkingDay(today)) return null;
  return run(db, { month: previousMonth(today) }, today);
}

/**
 * A place's final statement for one programme, issued on demand by the funder's admins (who
 * prepare and approve its payments): a place that stopped (suspended, or withdrawn from the
 * programme) is stated up to now, rather than on the 1st of next month, so that the funder
 * settles it and its treasurer closes her accounts. It is one statement of the monthly run's
 * kind, made by the run's own statement narrowed to the place and programme (repo.issueMonth):
 * the funder's gapless numbers, lines, document, statement_ready e-mail; the run of its month
 * then finds nothing left for the place, the lines' key keeping every redemption on one
 * statement. It is under the month of its issue, from the 1st to its day (statementPeriod).
 * Refused while the place still takes the programme's passes, when nothing is left to state,
 * and when the place already has this month's statement (a final one: UNIQUE per month).
 */
export async function issueFinal(
  db: Db,
  actor: Actor,
  funderId: string,
  input: { placeId: string; programId: string },
) {
  requireFunder(actor, 'payments:write', funderId, 'Financeur');
  if (!(await programs.idsOfFunder(db, funderId)).includes(input.programId))
    throw invalid([{ field: 'programId', message: 'Choisissez un dispositif de ce financeur.' }]);
  const place = await funders.findOrganisation(db, funderId, input.placeId);
  if (!place || place.kind !== 'place')
    throw invalid([{ field: 'placeId', message: 'Choisissez un lieu avec lequel ce financeur travaille.' }]);
  const month = businessDate().slice(0, 7);
  const start = `${month}-01`;
  const refused = (code: Parameters<typeof conflict>[0], message: string) =>
    conflict(code, message, [{ field: 'placeId', message }]);
  return db.transaction(async (tx) => {
    // The counter first, as the run: numbers stay gapless, and the run waits for this one.
    const last = await repo.lockCounter(tx, funderId);
    if ((await repo.standingToday(tx, input.programId, input.placeId, businessDate())) === 'approved')
      throw refused(
        'place_still_redeeming',
        `« ${place.name} » prend encore les pass de ce dispositif : le relevé final est pour un lieu qui a cessé. Suspendez-le ou retirez-le du dispositif d’abord ; sinon, ses séances seront sur son relevé mensuel.`,
      );
    const [already] = (
      await repo.list(tx, { funderId }, { month: start, placeId: input.placeId, programId: input.programId })
    ).rows;
    if (already) {
      const after = nextMonth(month);
      throw refused(
        'final_statement_exists',
        `« ${place.name} » a déjà son relevé n° ${already.number} de ${frenchMonth(month)} pour ce dispositif : ce qui s’y ajouterait (une séance enregistrée en retard, une annulation) sera sur son relevé de ${frenchMonth(after)}, émis le ${frenchDate(firstWorkingDay(dayAfterMonth(after)))}.`,
      );
    }
    const made = await repo.issueMonth(tx, funderId, start, last, undefined, input);
    if (made.n === 0)
      throw refused(
        'nothing_to_state',
        `Rien à relever pour « ${place.name} » dans ce dispositif : toutes ses séances sont déjà sur un relevé.`,
      );
    await repo.advanceCounter(tx, funderId, last + made.n);
    await notifyIssued(tx, funderId, last);
    const [s] = (
      await repo.list(tx, { funderId }, { month: start, placeId: input.placeId, programId: input.programId })
    ).rows;
    await audit.record(tx, {
      actor,
      funderId,
      action: 'statement.issue_final',
      objectType: 'statement',
      objectId: s!.id,
      summary: {
        number: s!.number,
        month,
        placeId: input.placeId,
        placeName: place.name,
        programId: input.programId,
        amountCents: s!.totalCents,
      },
    });
    return present(tx, s!);
  });
}

/**
 * statement_ready to each place's admins, in the run's transaction, set-based: one query for the
 * statements, one for their addresses, one for the programmes' names, one INSERT into the outbox
 * (a query per statement made the e-mails most of the run's time).
 */
async function notifyIssued(tx: Queryable, funderId: string, after: number) {
  const issued = await repo.issuedNotices(tx, funderId, after);
  const admins = await placeAdmins(
    tx,
    issued.map((s) => s.placeId),
  );
  const names = await programs.namesOf(tx, [...new Set(issued.map((s) => s.programId))]);
  await notifications.enqueueMany(
    tx,
    issued.flatMap((s) =>
      (admins.get(s.placeId) ?? []).map((email) => ({
        to: email,
        template: 'statement_ready' as const,
        funderId,
        dedupeKey: `statement_ready:${s.id}:${email}`,
        params: {
          placeName: s.placeName,
          placeId: s.placeId,
          funderName: s.funderName,
          programName: names.get(s.programId) ?? '',
          statementNumber: s.number,
          month: s.month,
          ...(s.finalOn ? { finalOn: s.finalOn } : {}),
          totalCents: s.totalCents,
          contestBy: contestLastDay(s.createdAt),
        },
      })),
    ),
  );
}

/** The addresses of each place's admins, for the statements' messages (one query). */
async function placeAdmins(tx: Queryable, placeIds: string[]): Promise<Map<string, string[]>> {
  const byPlace = new Map<string, string[]>();
  for (const r of await auth.memberEmails(tx, placeIds, ['place_admin']))
    byPlace.set(r.organisationId, [...(byPlace.get(r.organisationId) ?? []), r.email]);
  return byPlace;
}

const isPlacePerson = (actor: Actor, placeId: string) =>
  actor.memberships.some((m) => PLACE_ROLES.includes(m.role) && m.organisationId === placeId);

/**
 * The statement if the actor may read it: the people of its place, the funder's staff
 * (finance:read). Anyone else, another funder's people included, finds nothing (404).
 */
async function readable(tx: Queryable, actor: Actor, id: string, lock = false) {
  const s = await repo.find(tx, id, lock);
  if (!s) throw notFound('Relevé');
  const place = isPlacePerson(actor, s.placeId);
  const funder = can(actor, 'finance:read', s.funderId);
  if (!place && !funder) throw notFound('Relevé');
  return { s, place, funder };
}

async function present(tx: Queryable, s: repo.StatementRow) {
  const [summary] = await withProgramNames(tx, [s]);
  return { ...summary!, events: await repo.events(tx, s.id) };
}

export async function listForPlace(db: Db, actor: Actor, placeId: string) {
  if (!isPlacePerson(actor, placeId)) throw notFound('Lieu');
  const { rows, truncated } = await repo.list(db, { placeId }, {});
  const funderContacts = await funders.placeContactsOf(db, [...new Set(rows.map((r) => r.funderId))]);
  return { statements: await withProgramNames(db, rows), truncated, funderContacts };
}

/**
 * A page of the funder's statements, chosen by the filters and sorted by the server (a national
 * operator's 5,000 places give 5,000 a month: a page sorted in the browser would be sorted
 * alone), with how many the filters choose. A client that asks for no page gets the latest
 * 500, as before the pages.
 */
export async function listForFunder(
  db: Db,
  actor: Actor,
  funderId: string,
  q: repo.ListFilters &
    Partial<Omit<repo.StatementOrder, 'programRanks'>> & { page?: number; pageSize?: number; limit?: number },
) {
  requireFunder(actor, 'finance:read', funderId, 'Financeur');
  const { page = 1, pageSize: asked, limit, sort, order, ...filters } = q;
  const month = filterMonth(filters.month);
  const pageSize = asked ?? limit ?? repo.MAX_LISTED;
  const chosen = { ...filters, month };
  const by = await statementOrder(db, funderId, sort, order);
  const offset = (page - 1) * pageSize;
  const { rows, truncated } = await repo.list(db, { funderId }, chosen, { by, offset, limit: pageSize });
  const total = await repo.count(db, { funderId }, chosen);
  return { statements: await withProgramNames(db, rows), truncated, total, page, pageSize };
}

/** The month a filter names, as its first day; a month that is none is refused on its field. */
function filterMonth(month: string | undefined) {
  const start = month ? monthStart(month) : undefined;
  if (start === null) throw invalid([{ field: 'month', message: 'Le mois doit être de la forme AAAA-MM.' }]);
  return start;
}

/**
 * The order asked of the funder's statements, the latest first by default. By programme: its
 * programmes ranked here by their names in French order (a name is its amendments').
 */
async function statementOrder(
  db: Queryable,
  funderId: string,
  sort: repo.StatementOrder['sort'] = 'month',
  order: repo.StatementOrder['order'] = 'desc',
): Promise<repo.StatementOrder> {
  if (sort !== 'program') return { sort, order };
  const names = await programs.namesOf(db, await programs.idsOfFunder(db, funderId));
  const programRanks = [...names].sort(([, a], [, b]) => frenchOrder(a, b)).map(([id]) => id);
  return { sort, order, programRanks };
}

/** More rows than a spreadsheet takes in comfort: the export asks for a narrower choice. */
export const EXPORT_MAX = 100_000;

/**
 * The funder's statements chosen by the list's filters, as one CSV file for its accounts,
 * every one of them in the list's order (the list on the page shows one page of them). The
 * export is journalled, like a statement's download.
 */
export async function exportForFunder(
  db: Db,
  actor: Actor,
  funderId: string,
  q: repo.ListFilters & Partial<Omit<repo.StatementOrder, 'programRanks'>>,
) {
  requireFunder(actor, 'finance:read', funderId, 'Financeur');
  const { sort, order, ...filters } = q;
  const month = filterMonth(filters.month);
  return db.transaction(async (tx) => {
    const by = await statementOrder(tx, funderId, sort, order);
    const { rows, truncated } = await repo.list(
      tx,
      { funderId },
      { ...filters, month },
      { by, limit: EXPORT_MAX },
    );
    if (truncated) {
      throw invalid([
        {
          field: 'month',
          message: `Plus de ${EXPORT_MAX.toLocaleString('fr-FR')} relevés : choisissez un mois, un dispositif ou un lieu.`,
        },
      ]);
    }
    const names = await programs.namesOf(tx, [...new Set(rows.map((r) => r.programId))]);
    await audit.record(tx, {
      actor,
      funderId,
      action: 'statement.list_export',
      objectType: 'funder',
      objectId: funderId,
      // In the journal's words: how many, and the filters by the names their labels know.
      summary: {
        statements: rows.length,
        month: filters.month,
        statementStatus: filters.status,
        programId: filters.programId,
        placeId: filters.placeId,
      },
    });
    return {
      name: `releves${filters.month ? `-${filters.month}` : ''}.csv`,
      body: statementListCsv(rows.map((r) => ({ statement: r, programName: names.get(r.programId) ?? '' }))),
    };
  });
}

/**
 * The statements as their lists show them: with their programme's name, the end of their
 * contest window, and their latest contest with the funder's answer (the place reads what it
 * wrote and what it was told; the funder reads what it answers to).
 */
async function withProgramNames(db: Queryable, rows: repo.StatementRow[]) {
  const names = await programs.namesOf(db, [...new Set(rows.map((r) => r.programId))]);
  const contests = new Map(
    (
      await repo.latestContests(
        db,
        rows.map((r) => r.id),
      )
    ).map((c) => [c.statementId, c]),
  );
  return rows.map((r) => {
    const c = contests.get(r.id);
    return {
      ...r,
      programName: names.get(r.programId) ?? '',
      contestableUntil: contestableUntil(r.createdAt),
      contest: c
        ? {
            reason: c.reason,
            contestedBy: c.contestedBy,
            contestedAt: c.contestedAt,
            answer: c.answer,
            answeredAt: c.answeredAt,
          }
        : null,
    };
  });
}

export async function get(db: Db, actor: Actor, id: string) {
  const { s } = await readable(db, actor, id);
  return present(db, s);
}

/**
 * The statement as a file (PDF or CSV), its download journalled. Where it stands is told by
 * `standing`: what the payments side knows of it (a transfer paid in part, a netting).
 */
export async function download(
  db: Db,
  actor: Actor,
  id: string,
  format: 'pdf' | 'csv',
  standing: (s: repo.StatementRow) => Promise<StatementStanding>,
) {
  return db.transaction(async (tx) => {
    const { s } = await readable(tx, actor, id);
    const doc = {
      statement: s,
      programName: await programs.nameOf(tx, s.programId),
      lines: await repo.lines(tx, id),
      standing: await standing(s),
      events: await repo.events(tx, id),
    };
    await audit.record(tx, {
      actor,
      funderId: s.funderId,
      action: 'statement.download',
      objectType: 'statement',
      objectId: s.id,
      summary: { number: s.number, format },
    });
    // Numbers run per funder: a place paid by two funders has two « 2026-000001 », whose files
    // would take each other's name in its downloads. The funder's name (as issued) parts them,
    // and the place's parts those of an association's sites.
    const name = `releve-${s.number}-${fileSlug(s.funderName, 'financeur')}-${fileSlug(s.placeName, 'lieu')}.${format}`;
    return format === 'pdf' ? { name, body: await statementPdf(doc) } : { name, body: statementCsv(doc) };
  });
}

/** The statement's state as the pages name it (« contesté »), never its code. */
const refusedStep = (status: StatementStatus) =>
  conflict(
    'statement_status',
    `Ce relevé est « ${STATEMENT_STATUS_LABELS[status].toLowerCase()} » : cette action n’est plus possible.`,
  );

function reasonOf(reason: string) {
  const r = reason.trim();
  if (r.length < 5) {
    throw invalid([
      { field: 'reason', message: 'Expliquez le motif en quelques mots (5 caractères au moins).' },
    ]);
  }
  return r;
}

/** The place contests its statement, within CONTEST_DAYS of issue, giving a reason. */
export async function contest(db: Db, actor: Actor, id: string, input: { reason: string }, now = new Date()) {
  const reason = reasonOf(input.reason);
  return db.transaction(async (tx) => {
    const { s, place } = await readable(tx, actor, id, true);
    // Only the place contests; the funder's people see the statement but may not.
    if (!place) throw forbidden();
    if (!canMove(s.status as StatementStatus, 'contest')) throw refusedStep(s.status);
    if (now > contestableUntil(s.createdAt)) {
      throw conflict(
        'contest_window_closed',
        `Ce relevé pouvait être contesté jusqu’au ${frenchDate(contestLastDay(s.createdAt))} inclus, ${CONTEST_DAYS} jours après son émission.`,
      );
    }
    const step = STATEMENT_TRANSITIONS.contest;
    await repo.move(tx, id, { event: 'contest', status: step.to, reason, actorUserId: actor.userId });
    await audit.record(tx, {
      actor,
      funderId: s.funderId,
      action: 'statement.contest',
      objectType: 'statement',
      objectId: s.id,
      summary: { number: s.number, placeId: s.placeId, reason },
    });
    const programName = await programs.nameOf(tx, s.programId);
    for (const to of await auth.funderAdminEmails(tx, s.funderId)) {
      await notifications.enqueue(tx, {
        to,
        template: 'statement_contested',
        funderId: s.funderId,
        params: {
          funderId: s.funderId,
          placeName: s.placeName,
          programName,
          statementNumber: s.number,
          reason,
        },
      });
    }
    return present(tx, (await repo.find(tx, id))!);
  });
}

/** The funder's admin answers a contest: the statement is issued again, with the answer. */
export async function answer(db: Db, actor: Actor, id: string, input: { reason: string }) {
  const reason = reasonOf(input.reason);
  return db.transaction(async (tx) => {
    const { s } = await readable(tx, actor, id, true);
    // Answering speaks for the funder: its admins, who run its programmes.
    if (!can(actor, 'program:write', s.funderId)) throw forbidden();
    if (!canMove(s.status as StatementStatus, 'answer')) {
      // Answered meanwhile by a colleague (another tab): said so, rather than the state's name.
      const [last] = await repo.latestContests(tx, [id]);
      if (last?.answeredAt)
        throw conflict(
          'statement_status',
          `Une réponse a déjà été donnée à cette contestation, le ${frenchMoment(last.answeredAt)} : relisez-la dans l’historique du relevé.`,
        );
      throw refusedStep(s.status);
    }
    const step = STATEMENT_TRANSITIONS.answer;
    await repo.move(tx, id, { event: 'answer', status: step.to, reason, actorUserId: actor.userId });
    await audit.record(tx, {
      actor,
      funderId: s.funderId,
      action: 'statement.answer',
      objectType: 'statement',
      objectId: s.id,
      summary: { number: s.number, placeId: s.placeId, reason },
    });
    for (const to of (await placeAdmins(tx, [s.placeId])).get(s.placeId) ?? []) {
      await notifications.enqueue(tx, {
        to,
        template: 'statement_answered',
        funderId: s.funderId,
        params: {
          placeName: s.placeName,
          placeId: s.placeId,
          funderName: s.funderName,
          statementNumber: s.number,
          answer: reason,
        },
      });
    }
    return present(tx, (await repo.find(tx, id))!);
  });
}

/**
 * What the funder owes each place, per programme, as of the end of a day (default today):
 * owed, in a statement, approved, sent for payment, paid (approved and sent: the statements
 * the payments module moved so, by their events).
 */
export async function payables(db: Db, actor: Actor, funderId: string, asOf = businessDate()) {
  requireFunder(actor, 'finance:read', funderId, 'Financeur');
  const rows = await repo.payables(db, { funderId }, asOf);
  const names = await programs.namesOf(db, [...new Set(rows.map((r) => r.programId))], asOf);
  return {
    asOf,
    rows: rows.map((r) => ({
      ...r,
      programName: names.get(r.programId) ?? '',
    })),
  };
}

/**
 * What a place is owed, across the funders it works for, per programme, as of the end of a day
 * (default today), by the same rule as the funder's `payables`, whose columns it has. A place's
 * people read it (its admins and agents, as its statements): until then a place saw its
 * statements one by one, with no total, and nothing of the sessions not yet on one.
 */
export async function placePayables(db: Db, actor: Actor, placeId: string, asOf = businessDate()) {
  if (!isPlacePerson(actor, placeId)) throw notFound('Lieu');
  const rows = await repo.payables(db, { placeId }, asOf);
  const unstated = await repo.unstatedOfPlace(db, placeId, asOf);
  const programNames = await programs.namesOf(db, [...new Set(rows.map((r) => r.programId))], asOf);
  const funderIds = [...new Set(rows.map((r) => r.funderId))];
  const funderNames = new Map(
    await Promise.all(funderIds.map(async (id) => [id, await funders.nameOf(db, id)] as const)),
  );
  return {
    asOf,
    rows: rows.map((r) => ({
      ...r,
      programName: programNames.get(r.programId) ?? '',
      funderName: funderNames.get(r.funderId) ?? '',
      notStatedCents: unstated.get(r.programId) ?? 0,
    })),
  };
}

/**
 * What a person's places are owed, per funder and programme, today, and their statements of
 * last month (issued this month; a month's come once it is over): the money of the overview
 * of « Mes lieux ». One query for the payables
 * and one for the statements, whatever the number of places (an association may run fifty).
 * Only the places whose statements the actor reads, by the rule of their « Relevés » page, so
 * that the overview never shows a place's money to someone that page would refuse: `readable`
 * says which, and the others are left out of every figure.
 */
export async function moneyOfPlaces(db: Queryable, actor: Actor, placeIds: string[], asOf = businessDate()) {
  const month = previousMonth(asOf);
  const readable = placeIds.filter((id) => isPlacePerson(actor, id));
  if (readable.length === 0) return { month, readable, payables: [], statements: [], truncated: false };
  // One after the other: the overview reads them in one transaction, on one connection.
  const rows = await repo.payables(db, { placeIds: readable }, asOf);
  const listed = await repo.list(db, { placeIds: readable }, { month: `${month}-01` });
  const funderNames = await funders.namesOf(
    db,
    rows.map((r) => r.funderId),
  );
  return {
    month,
    readable,
    payables: rows.map((r) => ({ ...r, funderName: funderNames.get(r.funderId) ?? '' })),
    statements: await withProgramNames(db, listed.rows),
    truncated: listed.truncated,
  };
}

/**
 * A place's year for its accounts, per funder and programme: the place's payables at the end of
 * the year before and at the end of this one (today for the year in progress), by the same rule
 * as « ce qui vous est dû », so the two never disagree. What was redeemed in the year is what
 * the place's claim grew by: owed + paid + written off at the end, less the same at the start
 * (core/ledger.ts: their sum is the value redeemed, a cancellation taking it back the day it is
 * made).
 */
export async function placeYear(db: Db, actor: Actor, placeId: string, year: number) {
  if (!isPlacePerson(actor, placeId)) throw notFound('Lieu');
  const from = `${year}-01-01`;
  const to = [`${year}-12-31`, businessDate()].sort()[0]!;
  const [start, end] = await Promise.all([
    repo.payables(db, { placeId }, `${year - 1}-12-31`),
    repo.payables(db, { placeId }, to),
  ]);
  const key = (r: { funderId: string; programId: string }) => `${r.funderId}:${r.programId}`;
  const before = new Map(start.map((r) => [key(r), r]));
  const after = new Map(end.map((r) => [key(r), r]));
  const zero = {
    owedCents: 0,
    paidCents: 0,
    writtenOffCents: 0,
    inStatementCents: 0,
    approvedCents: 0,
    sentCents: 0,
  };
  const rows = [...new Map([...start, ...end].map((r) => [key(r), r])).values()].map((r) => {
    const a = { ...zero, ...before.get(key(r)) };
    const b = { ...zero, ...after.get(key(r)) };
    const paidCents = b.paidCents - a.paidCents;
    const writtenOffCents = b.writtenOffCents - a.writtenOffCents;
    return {
      funderId: r.funderId,
      programId: r.programId,
      redeemedCents: b.owedCents - a.owedCents + paidCents + writtenOffCents,
      paidCents,
      writtenOffCents,
      owedCents: b.owedCents,
      inStatementCents: b.inStatementCents,
      approvedCents: b.approvedCents + b.sentCents,
    };
  });
  const programNames = await programs.namesOf(db, [...new Set(rows.map((r) => r.programId))], to);
  const funderIds = [...new Set(rows.map((r) => r.funderId))];
  const funderNames = new Map(
    await Promise.all(funderIds.map(async (id) => [id, await funders.nameOf(db, id)] as const)),
  );
  return {
    year,
    from,
    to,
    rows: rows
      .filter(
        (r) => r.redeemedCents !== 0 || r.paidCents !== 0 || r.writtenOffCents !== 0 || r.owedCents !== 0,
      )
      .map((r) => ({
        ...r,
        funderName: funderNames.get(r.funderId) ?? '',
        programName: programNames.get(r.programId) ?? '',
      }))
      .sort(
        (x, y) =>
          x.funderName.localeCompare(y.funderName, 'fr') || x.programName.localeCompare(y.programName, 'fr'),
      ),
  };
}

/** The place's year as a French CSV for its accountant, named by the year and the place. */
export async function placeYearCsv(db: Db, actor: Actor, placeId: string, year: number) {
  const summary = await placeYear(db, actor, placeId, year);
  const placeName = (await funders.organisationNames(db, [placeId])).get(placeId) ?? '';
  return {
    name: `bilan-${year}-${fileSlug(placeName, 'lieu')}.csv`,
    body: placeYearCsvBody({ ...summary, placeName }),
  };
}

/** The steps a payment run takes its statements through (the payments module calls them). */
export type PaymentStep = Extract<StatementStep, 'approve' | 'unapprove' | 'send'>;

/**
 * Moves the statements of a payment run along one step, in the caller's transaction: one
 * conditional update (the database checks the transition again), one append-only event each.
 * A statement no longer where the run left it (contested meanwhile) refuses the whole step.
 */
async function step(
  tx: Queryable,
  actor: Actor | null,
  ids: string[],
  name: StatementStep,
  paidOn: string | null = null,
) {
  const { from, to } = STATEMENT_TRANSITIONS[name];
  const moved = await repo.advance(tx, ids, { from, to }, paidOn);
  if (moved.length !== ids.length) {
    const which = (await repo.findMany(tx, ids))
      .filter((s) => s.status !== to)
      .map((s) => `${s.number} (${STATEMENT_STATUS_LABELS[s.status].toLowerCase()})`);
    throw conflict(
      'statement_state',
      `Relevé${which.length > 1 ? 's' : ''} ${which.join(', ')} : son état a changé depuis la préparation du lot (contestation par le lieu ?). Annulez ce lot et préparez-en un autre.`,
    );
  }
  await repo.appendEvents(tx, ids, {
    event: name,
    status: to,
    actorUserId: actor?.userId ?? null,
    actorLabel: actor?.email ?? 'ligne de commande',
  });
}

/**
 * The value of the place's passes of the programme cancelled after their statement, which its
 * next statement will deduct; and the day that statement is due (the first working day of next
 * month).
 */
export async function pendingAdjustments(tx: Queryable, programId: string, placeId: string) {
  const cents = await repo.pendingAdjustments(tx, programId, placeId);
  return { cents, statedOn: firstWorkingDay(dayAfterMonth(businessDate().slice(0, 7))) };
}

/**
 * Approves (with the run), sends (the SEPA file) or unapproves (the run cancelled) the
 * statements; approving tells each place's admins, in the same transaction.
 */
export async function advanceForPayment(
  tx: Queryable,
  actor: Actor | null,
  ids: string[],
  name: PaymentStep,
) {
  if (ids.length === 0) return;
  await step(tx, actor, ids, name);
  if (name !== 'approve') return;
  const approved = await repo.findMany(tx, ids);
  const admins = await placeAdmins(
    tx,
    approved.map((s) => s.placeId),
  );
  await notifications.enqueueMany(
    tx,
    approved.flatMap((s) =>
      (admins.get(s.placeId) ?? []).map((email) => ({
        to: email,
        template: 'statement_approved' as const,
        params: {
          placeName: s.placeName,
          placeId: s.placeId,
          funderName: s.funderName,
          statementNumber: s.number,
          totalCents: s.totalCents,
        },
        dedupeKey: `statement_approved:${s.id}:${email}`,
      })),
    ),
  );
}

/**
 * The statements a transfer paid in full are paid, on the bank's booking date (kept on the
 * statement: its page shows it); the place's admins are told once for the transfer.
 */
export async function markPaid(
  tx: Queryable,
  actor: Actor | null,
  ids: string[],
  payment: {
    funderId: string;
    placeId: string;
    reference: string;
    amountCents: number;
    paidOn: string;
    /** the label of the one transfer that paid them, as the bank shows it */
    remittance?: string;
  },
) {
  if (ids.length === 0) return;
  await step(tx, actor, ids, 'pay', payment.paidOn);
  const paid = (await repo.findMany(tx, ids)).filter((s) => s.funderId === payment.funderId);
  const [first] = paid;
  if (!first) return;
  for (const to of (await placeAdmins(tx, [payment.placeId])).get(payment.placeId) ?? [])
    await notifications.enqueue(tx, {
      to,
      template: 'statement_paid',
      funderId: payment.funderId,
      params: {
        placeName: first.placeName,
        placeId: payment.placeId,
        funderName: first.funderName,
        statementNumbers: paid.map((s) => s.number),
        amountCents: payment.amountCents,
        paidOn: payment.paidOn,
        ...(payment.remittance ? { remittance: payment.remittance } : {}),
      },
      dedupeKey: `statement_paid:${payment.reference}:${to}`,
    });
}

/**
 * The bank sent back the transfer paying these statements: those it had paid are in payment
 * again (their paid date cleared, the `return` event keeps the history), and the place's
 * admins are told once for the transfer, with the bank's reason, to check their bank details.
 */
export async function takeBackPayment(
  tx: Queryable,
  actor: Actor | null,
  ids: string[],
  payment: {
    funderId: string;
    placeId: string;
    reference: string;
    amountCents: number;
    returnedOn: string;
    reason: string | null;
  },
) {
  const concerned = (await repo.findMany(tx, ids)).filter((s) => s.funderId === payment.funderId);
  const [first] = concerned;
  if (!first) return;
  const paid = concerned.filter((s) => s.status === 'paid').map((s) => s.id);
  if (paid.length) await step(tx, actor, paid, 'return');
  for (const to of (await placeAdmins(tx, [payment.placeId])).get(payment.placeId) ?? [])
    await notifications.enqueue(tx, {
      to,
      template: 'transfer_returned',
      funderId: payment.funderId,
      params: {
        placeName: first.placeName,
        placeId: payment.placeId,
        funderName: first.funderName,
        statementNumbers: concerned.map((s) => s.number),
        amountCents: payment.amountCents,
        returnedOn: payment.returnedOn,
        reason: payment.reason,
      },
      dedupeKey: `transfer_returned:${payment.reference}:${to}`,
    });
}

/** Every statement of the funder, a batch at a time, for its export (the caller has authorised). */
export const forEachStatementOfFunder = repo.forEachStatementOfFunder;
