import { cofunderShares, valueUsedCents } from '../../core/cofunding.js';
import { dashboardRows } from '../../core/dashboard.js';
import { addDays, businessDate, frenchDate } from '../../core/dates.js';
import { invalid } from '../../core/errors.js';
import { frenchOrder } from '../../core/french.js';
import { balances } from '../../core/ledger.js';
import { shareBps } from '../../core/money.js';
import type { Actor } from '../../core/permissions.js';
import { STANDARD_AUDIENCES } from '../../core/program/audiences.js';
import { budgetView, payerShares } from '../../core/program/index.js';
import { implausibleDates } from '../../core/program/plausible-dates.js';
import { monthsOf } from '../../core/report-period.js';
import { peopleByTerritory, sessionsByDepartement } from '../../core/report-territory.js';
import { SESSION_FORMAT_LABELS, SESSION_FORMATS, STANDARD_SERVICES } from '../../core/session.js';
import { fileSlug } from '../../core/text.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as beneficiaries from '../beneficiaries/service.js';
import * as finance from '../finance/service.js';
import * as funders from '../funders/service.js';
import * as ledger from '../ledger/service.js';
import * as passes from '../passes/service.js';
import * as programs from '../programs/service.js';
import * as redemptions from '../redemptions/service.js';
import * as stock from '../stock/service.js';
import { reportCsv, reportPdf } from './documents.js';

/**
 * The funder's dashboard of a programme: its passes as they are today (their states have no
 * date), against the plan and envelopes as of `asOf`, today or later (what is left to issue
 * under a plan already decided). A past date would mix that day's plan with today's passes,
 * so it is refused; the past is in the closure summary and the statements.
 */
export async function dashboard(db: Queryable, actor: Actor, programId: string, asOf = businessDate()) {
  const program = await programs.get(db, actor, programId, asOf, 'finance:read');
  if (asOf < businessDate()) {
    throw invalid([
      {
        field: 'asOf',
        message:
          'Le tableau de bord compte les pass tels qu’ils sont aujourd’hui : choisissez aujourd’hui ou une date à venir.',
      },
    ]);
  }
  const { rows, total } = dashboardRows(
    program.state?.plannedPasses ?? 0,
    program.envelopes,
    await passes.countsByEnvelope(db, programId),
    await programs.outsideShare(db, programId, asOf),
  );
  return {
    asOf,
    rows,
    total,
    byMonth: withEmptyMonths(await redemptions.byMonth(db, programId)),
    ...(await unusualDaysOf(db, program, businessDate())),
  };
}

/**
 * Every month from the first use to the last, those without a use too (as the period's report
 * shows them): a month without a session is a gap to see, not a month that vanished.
 */
function withEmptyMonths(used: { month: string; redemptions: number; valueCents: number }[]) {
  if (used.length === 0) return used;
  const byMonth = new Map(used.map((m) => [m.month, m]));
  return monthsOf({ from: `${used[0]!.month}-01`, to: `${used.at(-1)!.month}-01` }).map(
    (month) => byMonth.get(month) ?? { month, redemptions: 0, valueCents: 0 },
  );
}

/**
 * The programme's unusual days up to `today` by its funder's rule (redemptions.unusualDays),
 * each with its place's name, and the rule, for the page and the e-mail to say it.
 */
export async function unusualDaysOf(db: Queryable, program: { id: string; funderId: string }, today: string) {
  const rule = await funders.unusualDayRule(db, program.funderId);
  const unusual = await redemptions.unusualDays(db, program.id, today, rule);
  const names = await funders.organisationNames(db, [...new Set(unusual.map((u) => u.placeId))]);
  return {
    unusualDays: unusual.map((u) => ({ ...u, placeName: names.get(u.placeId) ?? '' })),
    unusualDayRule: rule,
  };
}

export interface ReportPeriodQuery {
  from?: string;
  to?: string;
}

export type ProgramReport = Awaited<ReturnType<typeof figures>>;

/**
 * The report of a programme over a period (« Bilan de la période »), for its funder's staff:
 * what the State agency and the funder's assembly are given (ANCT stage reports, quarterly
 * progress, the final report). One snapshot of the database (repeatable read), so that the
 * figures of its sections, asked of several modules, add up to one another.
 */
export async function programReport(db: Db, actor: Actor, programId: string, query: ReportPeriodQuery) {
  return db.transaction((tx) => figures(tx, actor, programId, query), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
}

/**
 * The report as a file to hand on (PDF or CSV), its download in the audit trail as other
 * documents' are: who took which period's figures of the programme, and when.
 */
export async function programReportFile(
  db: Db,
  actor: Actor,
  programId: string,
  query: ReportPeriodQuery,
  format: 'pdf' | 'csv',
) {
  const report = await db.transaction(
    async (tx) => {
      const report = await figures(tx, actor, programId, query);
      await audit.record(tx, {
        actor,
        funderId: report.program.funderId,
        action: 'program.report_download',
        objectType: 'program',
        objectId: programId,
        summary: { programId, periodStart: report.from, periodEnd: report.to, format },
      });
      return report;
    },
    { isolationLevel: 'repeatable read' },
  );
  const name = `bilan-${fileSlug(report.program.name, 'dispositif')}-${report.from}-${report.to}.${format}`;
  return { name, body: format === 'pdf' ? await reportPdf(report) : reportCsv(report) };
}

/**
 * The period asked, with its defaults: from the programme's first day to today, or to its
 * closure when it closed before today (two years of empty months followed the end otherwise).
 */
export function periodOf(query: ReportPeriodQuery, startsOn: string, closure: string | null, today: string) {
  // Within the dates a programme may name (2000 to ten years ahead): a year mistyped, 9999 for
  // 2026, would otherwise ask for a table of 95,000 months.
  const implausible = implausibleDates(
    [
      { field: 'querystring.from', label: 'le début de la période', value: query.from },
      { field: 'querystring.to', label: 'la fin de la période', value: query.to },
    ],
    today,
  );
  if (implausible.length > 0) throw invalid(implausible);
  // A day to come has no figures yet: a quarter asked before its end would print today's
  // figures under its last day, as if they were its closing ones.
  if (query.to !== undefined && query.to > today) {
    throw invalid([
      {
        field: 'querystring.to',
        message: `La fin de la période (${frenchDate(query.to)}) est après aujourd’hui (${frenchDate(today)}) : ses chiffres ne sont pas encore connus. Choisissez une fin au plus tard aujourd’hui.`,
      },
    ]);
  }
  const to = query.to ?? (closure !== null && closure < today ? closure : today);
  const from = query.from ?? startsOn;
  if (from > to) {
    // Named where the person can act, as the validator names a query's fields: the start they
    // typed, or the end they typed before the programme's first day (the start left to its default).
    throw invalid([
      query.from
        ? {
            field: 'querystring.from',
            message: `Le début de la période (${frenchDate(from)}) est après sa fin (${frenchDate(to)}) : choisissez un début antérieur ou égal à la fin.`,
          }
        : {
            field: 'querystring.to',
            message: `La fin de la période (${frenchDate(to)}) précède le début du dispositif (${frenchDate(from)}) : choisissez une fin postérieure, ou un début.`,
          },
    ]);
  }
  return { from, to };
}

const TOP_PLACES = 10;

async function figures(tx: Queryable, actor: Actor, programId: string, query: ReportPeriodQuery) {
  // The programme as amended by the end of the period (its calendar, its plan), authorised as
  // its finances are: the funder's admins and viewers, the platform's admin.
  const program = await programs.get(tx, actor, programId, query.to ?? businessDate(), 'finance:read');
  const { from, to } = periodOf(
    query,
    program.startsOn,
    program.state?.calendar.closure ?? null,
    businessDate(),
  );
  const state = program.state;
  // One after the other: the queries share the transaction's one connection (node-postgres
  // queues queries sent together on a client, and is to refuse them).
  const passCounts = await passes.periodCounts(tx, programId, from, to);
  const groups = await redemptions.sessionsInPeriod(tx, programId, from, to);
  const used = await redemptions.sessionsUpTo(tx, programId, to);
  const changedAfter = await redemptions.sessionsChangedAfter(tx, programId, to);
  const people = await beneficiaries.peopleReached(tx, programId, from, to);
  const handingOut = await stock.prescribersHandingOut(tx, programId, from, to);
  const fundings = await finance.fundingsInPeriod(tx, programId, from, to);
  const sumsAtEnd = await ledger.accountSumsAsOf(tx, programId, to);
  const sumsBefore = await ledger.accountSumsAsOf(tx, programId, addDays(from, -1));
  const funderName = await funders.nameOf(tx, program.funderId);
  const group = (by: redemptions.SessionGroup['by']) => groups.filter((g) => g.by === by);
  const all = group('all')[0] ?? { sessions: 0, minutes: 0, valueCents: 0 };

  // Audiences by the programme's labels: as amended by the end of the period, else as it was at
  // its start, else the platform's standard publics; a code none of them knows says so, never
  // shown as the code it is.
  const startState = await programs.stateAsOf(tx, programId, from);
  const audiences = [...(state?.audiences ?? []), ...(startState?.audiences ?? [])];
  const labelOf = (code: string) =>
    audiences.find((a) => a.code === code)?.label ??
    STANDARD_AUDIENCES[code]?.label ??
    'Public que le dispositif ne nomme plus';
  const byAudience = new Map<string, number>();
  for (const r of people)
    byAudience.set(labelOf(r.audience), (byAudience.get(labelOf(r.audience)) ?? 0) + r.people);
  const audienceOrder = (label: string) => {
    const i = audiences.findIndex((a) => a.label === label);
    return i < 0 ? audiences.length : i;
  };

  const themes = group('theme');
  const themeRows = [
    ...STANDARD_SERVICES.map(
      (theme) => themes.find((g) => g.key === theme) ?? { key: theme, sessions: 0, minutes: 0 },
    ),
    ...themes.filter((g) => !(STANDARD_SERVICES as readonly string[]).includes(g.key!)),
  ];
  const places = group('place').sort((a, b) => b.sessions - a.sessions || a.key!.localeCompare(b.key!));
  const top = places.slice(0, TOP_PLACES);
  // Every place of the period: the top ones named on the page, all of them in the CSV and by département.
  const where = await funders.organisationsWhere(
    tx,
    places.map((p) => p.key!),
  );
  const months = new Map(group('month').map((g) => [g.key!, g]));
  const sumOf = (sums: { account: string; amountCents: number }[], account: string) =>
    sums.find((s) => s.account === account)?.amountCents ?? 0;
  // Before the programme took effect there is no plan yet: null, said so, not a plan of 0 passes.
  const plannedPasses = state ? state.plannedPasses : null;

  return {
    from,
    to,
    program: {
      id: programId,
      funderId: program.funderId,
      name: program.name,
      funderName,
      startsOn: program.startsOn,
      calendar: state?.calendar ?? null,
      plannedPasses,
      faceValueCents: state ? state.faceValueCents : null,
    },
    passes: {
      period: {
        issued: passCounts.issued,
        handedOut: passCounts.handedOut,
        used: all.sessions,
        usedValueCents: all.valueCents,
      },
      toDate: {
        issued: passCounts.issuedToDate,
        handedOut: passCounts.handedOutToDate,
        used: used.sessions,
        usedValueCents: used.valueCents,
      },
      usedOfPlannedBps: plannedPasses ? shareBps(used.sessions, plannedPasses) : null,
    },
    people: {
      reached: people.reduce((t, r) => t + r.people, 0),
      byAudience: [...byAudience]
        .map(([label, n]) => ({ label, people: n }))
        .sort(
          (a, b) => audienceOrder(a.label) - audienceOrder(b.label) || a.label.localeCompare(b.label, 'fr'),
        ),
      ...peopleByTerritory(people),
    },
    sessions: {
      count: all.sessions,
      minutes: all.minutes,
      valueCents: all.valueCents,
      byTheme: themeRows.map((g) => ({ theme: g.key!, sessions: g.sessions, minutes: g.minutes })),
      byFormat: SESSION_FORMATS.map((format) => {
        const g = group('format').find((x) => x.key === format);
        return {
          format,
          label: SESSION_FORMAT_LABELS[format],
          sessions: g?.sessions ?? 0,
          minutes: g?.minutes ?? 0,
        };
      }),
      byMonth: monthsOf({ from, to }).map((month) => {
        const g = months.get(month);
        return {
          month,
          sessions: g?.sessions ?? 0,
          minutes: g?.minutes ?? 0,
          valueCents: g?.valueCents ?? 0,
        };
      }),
      places: places.length,
      topPlaces: top.map((p) => ({
        placeId: p.key!,
        name: where.get(p.key!)?.name ?? 'Lieu',
        commune: where.get(p.key!)?.commune ?? null,
        sessions: p.sessions,
      })),
      // Every place, for the CSV: a spreadsheet takes them all where the page names the first ten.
      byPlace: places.map((p) => ({
        placeId: p.key!,
        name: where.get(p.key!)?.name ?? 'Lieu',
        commune: where.get(p.key!)?.commune ?? null,
        sessions: p.sessions,
        minutes: p.minutes,
        valueCents: p.valueCents,
      })),
      byDepartement: sessionsByDepartement(
        places.map((p) => ({
          communeCode: where.get(p.key!)?.communeCode ?? null,
          sessions: p.sessions,
          minutes: p.minutes,
          valueCents: p.valueCents,
        })),
      ),
    },
    prescribers: { handingOut },
    money: {
      // Payers in French alphabetical order (« État » before « Région »), whatever the database's collation.
      fundings: fundings.sort((a, b) => frenchOrder(a.payer, b.payer)),
      sessionsValueCents: all.valueCents,
      paidToPlacesCents: sumOf(sumsAtEnd, 'paid') - sumOf(sumsBefore, 'paid'),
      owedToPlacesCents: sumOf(sumsAtEnd, 'redeemed'),
      paidToPlacesToDateCents: sumOf(sumsAtEnd, 'paid'),
      // Value used the funder will not pay (a partial payment's remainder written off): neither
      // paid nor owed, without it the passes used would not add up to the money.
      writtenOffToDateCents: sumOf(sumsAtEnd, 'written_off'),
      ...changedAfter,
      budget: state && budgetAtEnd(state, funderName, sumsAtEnd),
    },
  };
}

/**
 * The budget as amended by the end of the period and each payer's part of it at that day: its
 * share, what it had paid, and for a co-funder what its convention has it owe for the value used
 * by then (the figures of its call for funds as of that day; the funder's part has no rule).
 */
function budgetAtEnd(
  state: NonNullable<Awaited<ReturnType<typeof programs.get>>['state']>,
  funderName: string,
  sumsAtEnd: { account: string; amountCents: number }[],
) {
  const received = balances(sumsAtEnd).byPayer;
  const usedValueCents = valueUsedCents(sumsAtEnd);
  const byRule = cofunderShares(state, usedValueCents, received);
  return {
    totalCents: budgetView(state).totalCents,
    // The base of the conventions: the ledger's value used as of the end, as the call for funds
    // of that day counts it (a late session counts from the day it was recorded).
    usedValueCents,
    payers: payerShares(state, funderName).map((p) => {
      const rule = byRule.find((c) => c.name === p.name);
      return {
        name: p.name,
        shareCents: p.shareCents,
        receivedCents: received.find((r) => r.payer === p.name)?.amountCents ?? 0,
        owedByRuleCents: rule?.owedCents ?? null,
        usedShareBps: rule?.usedShareBps ?? null,
      };
    }),
  };
}
