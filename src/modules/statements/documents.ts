import { frenchCsv } from '../../core/csv.js';
import { businessDate, frenchDate, frenchShortDate } from '../../core/dates.js';
import { frenchInstant } from '../../core/french-time.js';
import { formatEuros } from '../../core/money.js';
import { maskPassCode } from '../../core/pass-code.js';
import { newPdf } from '../../core/pdf.js';
import { SESSION_FORMAT_LABELS } from '../../core/session.js';
import { STATEMENT_STATUS_LABELS, statementPeriodLabel } from '../../core/statement.js';
import { contestExchanges, type ExchangeEvent, exchangeText } from '../../core/statement-exchange.js';
import { type StatementStanding, standingDetails, standingHeadline } from '../../core/statement-standing.js';
import type { LineRow, StatementRow } from './repo.js';

/** A statement as a document: its header, then one line per redemption or adjustment. */
export interface StatementDocument {
  statement: StatementRow;
  programName: string;
  lines: LineRow[];
  /** where it stands, as the place's list says it (what the payments side knows of it) */
  standing: StatementStanding;
  /** its events in order: the PDF gives every contest and answer, as the place's page does */
  events: readonly ExchangeEvent[];
}

const KINDS = { redemption: 'Séance', adjustment: 'Régularisation (annulée après relevé)' } as const;

// core/pdf.ts draws formatEuros's narrow no-break spaces, which the standard fonts lack, as no-break spaces.
const euros = formatEuros;

const day = (at: Date) => frenchInstant(at).slice(0, 10);
/** The day of an instant in words, in Paris (« 7 décembre 2026 »): the form of dates in sentences. */
const dayInWords = (at: Date | string) => frenchDate(businessDate(new Date(at)));

/**
 * When the line was recorded: the redemption, or for an adjustment its cancellation. The
 * session's own day comes beside it: a late session (recorded after the day it was given) is
 * stated in the month of its recording, and its place matches it by the day it was given.
 */
const recorded = (l: LineRow) => day(l.kind === 'adjustment' && l.cancelledAt ? l.cancelledAt : l.redeemedAt);

// A decimal comma and no thousands separator: a French spreadsheet reads it as a number, a
// negative one (an adjustment) too, which the CSV writer leaves as it is (core/csv.ts).
const amount = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

/**
 * The statement's lines, each with the statement's parties, state and days, as the PDF's header
 * gives them: a line copied into the accounts keeps who owes it, and whether it was paid.
 */
export function statementCsv(d: StatementDocument): string {
  const s = d.statement;
  // Paid: the day is in its own column; otherwise, where it stands as the PDF says it.
  const state = s.status === 'paid' ? STATEMENT_STATUS_LABELS.paid : standingHeadline(d.standing);
  const rows = [
    [
      'Relevé',
      'Mois',
      'Financeur',
      'SIRET du financeur',
      'Lieu',
      'SIRET du lieu',
      'Dispositif',
      'État',
      'Émis le',
      'Payé le',
      'Type',
      'Séance du',
      'Enregistré le',
      'Pass',
      'Thème',
      'Durée (min)',
      'Format',
      'Montant (€)',
    ],
  ];
  for (const l of d.lines) {
    rows.push([
      s.number,
      statementPeriodLabel(s),
      s.funderName,
      s.funderSiret,
      s.placeName,
      s.placeSiret ?? '',
      d.programName,
      state,
      day(s.createdAt),
      s.paidOn ? frenchShortDate(s.paidOn) : '',
      KINDS[l.kind],
      frenchShortDate(l.sessionOn),
      recorded(l),
      maskPassCode(l.code),
      l.theme,
      String(l.durationMinutes),
      SESSION_FORMAT_LABELS[l.format],
      amount(l.amountCents),
    ]);
  }
  rows.push(['Total', ...rows[0]!.slice(2).map(() => ''), amount(s.totalCents)]);
  return frenchCsv(rows);
}

/**
 * The funder's statements as its accountant takes them into the books: one row per statement,
 * its parties as issued, its amounts as numbers the spreadsheet adds up, its state in words.
 */
export function statementListCsv(rows: readonly { statement: StatementRow; programName: string }[]): string {
  const header = [
    'Relevé',
    'Mois',
    'Dispositif',
    'Lieu',
    'SIRET du lieu',
    'Séances',
    'Valeur des séances (€)',
    'Régularisations',
    'Régularisations (€)',
    'Total (€)',
    'État',
    'Émis le',
    'Payé le',
  ];
  return frenchCsv([
    header,
    ...rows.map(({ statement: s, programName }) => [
      s.number,
      statementPeriodLabel(s),
      programName,
      s.placeName,
      s.placeSiret ?? '',
      s.redemptionsCount,
      amount(s.valueCents),
      s.adjustmentsCount,
      amount(s.adjustmentsCents),
      amount(s.totalCents),
      STATEMENT_STATUS_LABELS[s.status],
      day(s.createdAt),
      s.paidOn ? frenchShortDate(s.paidOn) : '',
    ]),
  ]);
}

/**
 * A place's year for its accounts, one row per funder and programme and a total: the year's
 * sessions, what was paid and written off in it, what was owed at its end. The day the end
 * figures are read at is in their heading (the year in progress is read to today); the first
 * line is the columns' names, as a spreadsheet's import expects. The place's name opens every
 * line, the total's too: the files of an association's sites merge into one sheet.
 */
export function placeYearCsv(y: {
  placeName: string;
  year: number;
  from: string;
  to: string;
  rows: readonly {
    funderName: string;
    programName: string;
    redeemedCents: number;
    paidCents: number;
    writtenOffCents: number;
    owedCents: number;
    inStatementCents: number;
    approvedCents: number;
  }[];
}): string {
  const figures = (r: (typeof y.rows)[number]) => [
    amount(r.redeemedCents),
    amount(r.paidCents),
    amount(r.writtenOffCents),
    amount(r.owedCents),
    amount(r.inStatementCents),
    amount(r.approvedCents),
  ];
  const sum = (pick: (r: (typeof y.rows)[number]) => number) => y.rows.reduce((t, r) => t + pick(r), 0);
  return frenchCsv([
    [
      'Lieu',
      'Financeur',
      'Dispositif',
      'Séances de l’année (€)',
      'Payé dans l’année (€)',
      'Passé en perte dans l’année (€)',
      `Dû au ${frenchShortDate(y.to)} (€)`,
      'Dont en relevé (€)',
      'Dont approuvé (€)',
    ],
    ...y.rows.map((r) => [y.placeName, r.funderName, r.programName, ...figures(r)]),
    [
      y.placeName,
      'Total',
      '',
      ...figures({
        funderName: '',
        programName: '',
        redeemedCents: sum((r) => r.redeemedCents),
        paidCents: sum((r) => r.paidCents),
        writtenOffCents: sum((r) => r.writtenOffCents),
        owedCents: sum((r) => r.owedCents),
        inStatementCents: sum((r) => r.inStatementCents),
        approvedCents: sum((r) => r.approvedCents),
      }),
    ],
  ]);
}

/** The statement as a PDF (A4), in French, the codes masked. */
export async function statementPdf(d: StatementDocument): Promise<Buffer> {
  const s = d.statement;
  const doc = await newPdf({ size: 'A4', margin: 40, info: { Title: `Relevé ${s.number}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.fontSize(16).text(`Relevé ${s.finalOn ? 'final ' : ''}n° ${s.number}`);
  doc.moveDown(0.3).fontSize(10);
  // The parties as they were when it was issued: the accountant files it as the supporting
  // document of the payment, under the SIRET of each.
  doc.text(`Financeur : ${s.funderName} — SIRET ${s.funderSiret}`);
  doc.text(`Lieu : ${s.placeName}${s.placeSiret ? ` — SIRET ${s.placeSiret}` : ''}`);
  doc.text(`Dispositif : ${d.programName}`);
  doc.text(s.finalOn ? `Période : ${statementPeriodLabel(s)}` : `Mois : ${statementPeriodLabel(s)}`);
  // Dates in words above the table, as the page and the standing's details say them; the
  // table's columns keep the compact form.
  doc.text(`Émis le ${dayInWords(s.createdAt)} — état : ${standingHeadline(d.standing)}`);
  const details = standingDetails(d.standing, euros);
  if (details) doc.text(details);
  // Every contest and every answer are part of the record, as the page's history shows them:
  // an auditor working from the document alone would otherwise not know the place disputed it,
  // nor that it did so again after an answer.
  const exchanges = contestExchanges(d.events);
  if (exchanges.length > 0) {
    doc.moveDown(0.5).text('Historique de la contestation :');
    for (const x of exchanges) doc.text(exchangeText(x, dayInWords));
    if (exchanges.at(-1)!.kind === 'contest') doc.text('Sans réponse du financeur à ce jour.');
  }
  doc.moveDown();
  doc.text(`Séances : ${s.redemptionsCount} pour ${euros(s.valueCents)}`);
  if (s.adjustmentsCount > 0) {
    doc.text(`Régularisations : ${s.adjustmentsCount} pour ${euros(s.adjustmentsCents)}`);
  }
  // Below zero, the place owes back passes cancelled after they were stated: nothing is due to
  // it, and the funder takes the value from what it pays the place next for the programme.
  doc
    .fontSize(12)
    .text(
      s.totalCents < 0
        ? `À déduire de vos prochains versements : ${euros(-s.totalCents)}`
        : `Total dû : ${euros(s.totalCents)}`,
    );
  doc.moveDown().fontSize(8);

  const cols = [40, 88, 142, 222, 372, 410, 470];
  const width = (i: number) => (cols[i + 1] ?? 555) - cols[i]! - 4;
  // A row is as tall as its tallest cell: a long theme wraps within its column, and the next
  // row starts below it (a row of fixed height drew the theme's second line over the next row).
  const row = (values: string[]) => {
    const height = Math.max(...values.map((v, i) => doc.heightOfString(v, { width: width(i) })));
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    values.forEach((v, i) => {
      doc.text(v, cols[i]!, y, { width: width(i) });
    });
    doc.x = 40;
    doc.y = y + height + 3;
  };
  row(['Séance du', 'Enregistré le', 'Pass', 'Thème', 'Durée', 'Format', 'Montant']);
  for (const l of d.lines) {
    row([
      frenchShortDate(l.sessionOn),
      recorded(l),
      maskPassCode(l.code),
      l.kind === 'adjustment' ? `Régularisation : ${l.theme}` : l.theme,
      `${l.durationMinutes} min`,
      SESSION_FORMAT_LABELS[l.format],
      euros(l.amountCents),
    ]);
  }
  doc.end();
  return done;
}
