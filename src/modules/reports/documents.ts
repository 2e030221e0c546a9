import { frenchCsv } from '../../core/csv.js';
import { businessDate, frenchDate, frenchMonth, frenchShortDate } from '../../core/dates.js';
import { formatBps, formatCount, formatEuros } from '../../core/money.js';
import { newPdf } from '../../core/pdf.js';
import { conventionBase, moneyReconciliation } from '../../core/report-money.js';
import { hoursText, notStartedText } from '../../core/report-period.js';
import { type Column, MARGIN, TEXT_WIDTH, table } from './pdf-table.js';
import type { ProgramReport } from './service.js';

/*
 * The programme's report for a period as files to hand on: a PDF for the State agency or the
 * funder's assembly, a CSV for a spreadsheet. Rendering only: the figures come from the
 * service, so the page, the PDF and the CSV always say the same.
 */

// The PDF's figures; core/pdf.ts draws their narrow no-break spaces as no-break spaces.
const euros = formatEuros;
const count = formatCount;
const hours = hoursText;

function heading(doc: PDFKit.PDFDocument, text: string) {
  // A heading never ends a page alone: it starts the next one with what it heads.
  if (doc.y > doc.page.height - doc.page.margins.bottom - 90) doc.addPage();
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(13).fillColor('#000091').text(text, MARGIN);
  doc.fillColor('black').font('Helvetica').fontSize(10).moveDown(0.2);
}

function paragraph(doc: PDFKit.PDFDocument, text: string) {
  doc.font('Helvetica').fontSize(10).text(text, MARGIN, doc.y, { width: TEXT_WIDTH });
  doc.moveDown(0.3);
}

const subheading = (doc: PDFKit.PDFDocument, text: string) =>
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10).text(text, MARGIN).font('Helvetica');

/** Two columns: a label, a figure. */
const LABEL_VALUE: Column[] = [
  { title: '', width: TEXT_WIDTH - 160 },
  { title: '', width: 160, align: 'right' },
];

/** The report as a PDF (A4, the standard fonts: no file to ship), in French. */
export async function reportPdf(r: ProgramReport, today = businessDate()): Promise<Buffer> {
  const period = `du ${frenchDate(r.from)} au ${frenchDate(r.to)}`;
  const doc = await newPdf({
    size: 'A4',
    margin: MARGIN,
    // Every page kept until the end, to number them « Page n / N » once N is known.
    bufferPages: true,
    info: { Title: `Bilan — ${r.program.name} — ${period}`, Author: r.program.funderName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const atEnd = `au ${frenchDate(r.to)}`;

  doc.font('Helvetica-Bold').fontSize(18).text('Bilan de la période');
  doc.font('Helvetica-Bold').fontSize(13).text(r.program.name);
  doc.font('Helvetica').fontSize(11).text(`Période ${period}`);
  doc.text(`Financeur : ${r.program.funderName}`);
  doc
    .fontSize(9)
    .fillColor('#555555')
    .text(`Édité le ${frenchDate(today)}`)
    .fillColor('black');

  heading(doc, 'Le dispositif');
  const c = r.program.calendar;
  const [planned, faceValue] = [r.program.plannedPasses, r.program.faceValueCents];
  table(
    doc,
    [
      { title: `Calendrier ${atEnd}`, width: TEXT_WIDTH - 160 },
      { title: '', width: 160, align: 'right' },
    ],
    [
      ['Début du dispositif', frenchDate(r.program.startsOn)],
      ...(c
        ? [
            ['Début de la distribution', frenchDate(c.distributionStart)],
            ['Fin de la distribution', frenchDate(c.distributionEnd)],
            ['Fin d’utilisation des pass', frenchDate(c.usageEnd)],
            ['Clôture', c.closure ? frenchDate(c.closure) : 'non fixée'],
          ]
        : []),
      ...(planned !== null && faceValue !== null
        ? [
            ['Pass prévus', count(planned)],
            ['Valeur faciale d’un pass', euros(faceValue)],
          ]
        : []),
    ],
  );
  // Before the programme took effect: no calendar, no plan yet, said so rather than as zeros.
  if (!c) paragraph(doc, notStartedText(r.to, r.program.startsOn, frenchDate));

  heading(doc, 'Pass');
  const p = r.passes;
  table(
    doc,
    [
      { title: '', width: TEXT_WIDTH - 240 },
      { title: 'Sur la période', width: 120, align: 'right' },
      { title: `Cumul ${atEnd}`, width: 120, align: 'right' },
    ],
    [
      ['Pass émis', count(p.period.issued), count(p.toDate.issued)],
      ['Pass remis aux bénéficiaires', count(p.period.handedOut), count(p.toDate.handedOut)],
      ['Pass utilisés', count(p.period.used), count(p.toDate.used)],
      ['Valeur des pass utilisés', euros(p.period.usedValueCents), euros(p.toDate.usedValueCents)],
    ],
  );
  paragraph(
    doc,
    p.usedOfPlannedBps === null
      ? `Aucun pass n’est prévu ${atEnd}.`
      : `Pass utilisés ${atEnd} : ${formatBps(p.usedOfPlannedBps)} des ${formatCount(r.program.plannedPasses ?? 0)} pass prévus.`,
  );

  heading(doc, 'Personnes touchées');
  paragraph(
    doc,
    r.people.reached === 0
      ? 'Aucune personne n’a reçu de carnet pendant la période.'
      : `${formatCount(r.people.reached)} ${r.people.reached > 1 ? 'personnes ont' : 'personne a'} reçu un carnet pendant la période, chacune comptée une fois.`,
  );
  if (r.people.reached > 0) {
    const people = (rows: { name: string; people: number }[], title: string) =>
      table(
        doc,
        [
          { title, width: TEXT_WIDTH - 110 },
          { title: 'Personnes', width: 110, align: 'right' },
        ],
        rows.map((x) => [x.name, count(x.people)]),
        ['Total', count(r.people.reached)],
      );
    people(
      r.people.byAudience.map((a) => ({ name: a.label, people: a.people })),
      'Public',
    );
    people(r.people.byDepartement, 'Département de la commune');
    people(r.people.byEpci, 'EPCI de la commune');
  }

  heading(doc, 'Séances de la période');
  const s = r.sessions;
  paragraph(
    doc,
    s.count === 0
      ? 'Aucune séance pendant la période.'
      : `${formatCount(s.count)} ${s.count > 1 ? 'séances' : 'séance'}, ${hoursText(s.minutes)} d’accompagnement, dans ${formatCount(s.places)} ${s.places > 1 ? 'lieux' : 'lieu'}, pour ${formatEuros(s.valueCents)} de pass.`,
  );
  const sessionColumns = (title: string): Column[] => [
    { title, width: TEXT_WIDTH - 180 },
    { title: 'Séances', width: 90, align: 'right' },
    { title: 'Heures', width: 90, align: 'right' },
  ];
  // Without a session, the themes, formats and months would all read 0, as the page leaves out.
  if (s.count > 0) {
    const totals = ['Total', count(s.count), hours(s.minutes)];
    table(
      doc,
      sessionColumns('Thème'),
      s.byTheme.map((t) => [t.theme, count(t.sessions), hours(t.minutes)]),
      totals,
    );
    table(
      doc,
      sessionColumns('Format'),
      s.byFormat.map((f) => [f.label, count(f.sessions), hours(f.minutes)]),
      totals,
    );
    table(
      doc,
      [
        { title: 'Mois', width: TEXT_WIDTH - 270 },
        { title: 'Séances', width: 90, align: 'right' },
        { title: 'Heures', width: 90, align: 'right' },
        { title: 'Valeur', width: 90, align: 'right' },
      ],
      s.byMonth.map((m) => [frenchMonth(m.month), count(m.sessions), hours(m.minutes), euros(m.valueCents)]),
      [...totals, euros(s.valueCents)],
    );
  }
  if (s.topPlaces.length > 0) {
    subheading(
      doc,
      s.places > s.topPlaces.length
        ? `Les ${s.topPlaces.length} lieux aux séances les plus nombreuses (sur ${formatCount(s.places)})`
        : 'Les lieux des séances',
    );
    table(
      doc,
      [
        { title: 'Lieu', width: TEXT_WIDTH - 250 },
        { title: 'Commune', width: 160 },
        { title: 'Séances', width: 90, align: 'right' },
      ],
      s.topPlaces.map((x) => [x.name, x.commune ?? '—', count(x.sessions)]),
    );
  }
  if (s.byDepartement.length > 0) {
    subheading(doc, 'Séances par département du lieu');
    table(
      doc,
      [
        { title: 'Département', width: TEXT_WIDTH - 330 },
        { title: 'Lieux', width: 60, align: 'right' },
        { title: 'Séances', width: 90, align: 'right' },
        { title: 'Heures', width: 90, align: 'right' },
        { title: 'Valeur', width: 90, align: 'right' },
      ],
      s.byDepartement.map((d) => [
        d.name,
        count(d.places),
        count(d.sessions),
        hours(d.minutes),
        euros(d.valueCents),
      ]),
      ['Total', count(s.places), count(s.count), hours(s.minutes), euros(s.valueCents)],
    );
  }

  heading(doc, 'Prescripteurs');
  paragraph(
    doc,
    r.prescribers.handingOut === 0
      ? 'Aucun prescripteur n’a remis de carnet pendant la période.'
      : `${formatCount(r.prescribers.handingOut)} ${r.prescribers.handingOut > 1 ? 'prescripteurs ont' : 'prescripteur a'} remis au moins un carnet pendant la période.`,
  );

  heading(doc, 'Financement et paiements');
  const m = r.money;
  if (m.fundings.length === 0) paragraph(doc, 'Aucun versement reçu ni annulé pendant la période.');
  else {
    const received = m.fundings.reduce((t, f) => t + f.receivedCents, 0);
    const reversed = m.fundings.reduce((t, f) => t + f.reversedCents, 0);
    table(
      doc,
      [
        { title: 'Versements de la période, par payeur', width: TEXT_WIDTH - 240 },
        { title: 'Reçu', width: 120, align: 'right' },
        { title: 'Annulé', width: 120, align: 'right' },
      ],
      m.fundings.map((f) => [f.payer, euros(f.receivedCents), euros(f.reversedCents)]),
      ['Total', euros(received), euros(reversed)],
    );
  }
  if (m.budget) {
    table(
      doc,
      [
        { title: `Budget ${atEnd} : ${euros(m.budget.totalCents)}`, width: TEXT_WIDTH - 300 },
        { title: 'Part du budget', width: 100, align: 'right' },
        { title: `Versé ${atEnd}`, width: 100, align: 'right' },
        { title: 'Dû selon la convention', width: 100, align: 'right' },
      ],
      m.budget.payers.map((p) => [
        p.name,
        euros(p.shareCents),
        euros(p.receivedCents),
        p.owedByRuleCents === null ? '—' : euros(p.owedByRuleCents),
      ]),
    );
    // The base of « Dû selon la convention »: the ledger's, apart from the passes used above.
    const base = conventionBase(r, frenchDate);
    if (base.length > 0) {
      subheading(doc, `Base du dû selon la convention, ${atEnd}`);
      table(
        doc,
        LABEL_VALUE,
        base.map(([label, cents]) => [label, euros(cents)]),
      );
    }
  }
  table(doc, LABEL_VALUE, [
    ['Dû aux lieux pour les séances de la période (valeur des pass utilisés)', euros(m.sessionsValueCents)],
    ['Payé aux lieux pendant la période', euros(m.paidToPlacesCents)],
    [`Reste dû aux lieux ${atEnd}, pour toutes les séances enregistrées`, euros(m.owedToPlacesCents)],
  ]);
  // From the pass used to the euro paid: what a reader adds up, with what only became known
  // after the end of the period (a late session, a cancellation) on its own line.
  subheading(doc, `Des pass utilisés aux paiements, ${atEnd}`);
  // Its parts first and the value they add up to last, in bold, as the page's table has it in
  // its footer: the PDF put the total first, so that the two documents read in opposite orders.
  const [[totalLabel, totalCents], ...parts] = moneyReconciliation(r, frenchDate);
  table(
    doc,
    LABEL_VALUE,
    parts.map(([label, cents]) => [label, euros(cents)]),
    [totalLabel, euros(totalCents)],
  );

  doc.moveDown(0.5).fontSize(8).fillColor('#555555');
  doc.text(
    'Les pass sont comptés à la date de leur émission, les remises à la date de remise du carnet, les pass utilisés à la date de la séance (la date réelle d’une séance enregistrée en retard) ; les encaissements annulés ne sont pas comptés. Les publics et les territoires sont ceux que le prescripteur a enregistrés pour chaque personne (EPCI et département de sa commune). Les paiements sont ceux enregistrés au registre comptable du dispositif, nets des virements retournés par la banque.',
    MARGIN,
    doc.y,
    { width: TEXT_WIDTH },
  );
  numberPages(doc);
  doc.end();
  return done;
}

/**
 * « Page n / N » at the foot of every page, centred in the bottom margin: a report printed and
 * handed round the table is put back in order, and a missing page is seen.
 */
function numberPages(doc: PDFKit.PDFDocument) {
  const { start, count: pages } = doc.bufferedPageRange();
  for (let i = start; i < start + pages; i++) {
    doc.switchToPage(i);
    // Drawn in the margin: without lifting it, pdfkit would take the text for an overflow and
    // add a blank page after each one.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555555')
      .text(`Page ${i - start + 1} / ${pages}`, MARGIN, doc.page.height - bottom / 2 - 4, {
        width: TEXT_WIDTH,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}

// A decimal comma and no thousands separator: a French spreadsheet reads it as a number.
const csvEuros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
/**
 * Hours as a spreadsheet sums them: 100,25 is a hundred hours and a quarter (the page and the
 * PDF say « 100 h 15 »), which the unit says.
 */
const HOURS = 'heures (décimales)';
const csvHours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100).replace('.', ',');
const csvPercent = (bps: number) => String(bps / 100).replace('.', ',');

/** A line of a table of sessions: its name and the figures the page gives for it. */
interface SessionRow {
  name: string;
  places?: number;
  sessions: number;
  minutes: number;
  valueCents?: number;
}

/** A column of the page's tables of sessions as the CSV writes it: its rubric, its unit, its figure. */
const CSV_COLUMNS: Record<
  'places' | 'sessions' | 'minutes' | 'valueCents',
  [string, string, (n: number) => string | number]
> = {
  places: ['Lieux', 'lieux', (n) => n],
  sessions: ['Séances', 'séances', (n) => n],
  minutes: ['Heures', HOURS, csvHours],
  valueCents: ['Valeur des séances', '€', csvEuros],
};

/**
 * The report's figures, one per line, for French spreadsheets like the project's other
 * exports: a section, what is counted, the figure, its unit; dates as 31/03/2026.
 */
export function reportCsv(r: ProgramReport): string {
  const end = `cumul au ${frenchShortDate(r.to)}`;
  const c = r.program.calendar;
  const p = r.passes;
  const s = r.sessions;
  const total = {
    name: 'Total',
    places: s.places,
    sessions: s.count,
    minutes: s.minutes,
    valueCents: s.valueCents,
  };
  /**
   * A table of the page as the CSV's lines: one rubric per column (« Séances par mois », « Heures
   * par mois »…), each followed by its total as the page's foot gives it; nothing for an empty table.
   */
  const breakdown = (what: string, rows: SessionRow[], columns: (keyof typeof CSV_COLUMNS)[]) =>
    rows.length === 0
      ? []
      : columns.flatMap((column) => {
          const [rubric, unit, value] = CSV_COLUMNS[column];
          return [...rows, total].map((x) => [`${rubric} ${what}`, x.name, value(x[column] ?? 0), unit]);
        });
  const people = (rubric: string, rows: { name: string; people: number }[]) =>
    rows.length === 0
      ? []
      : [...rows, { name: 'Total', people: r.people.reached }].map((x) => [
          rubric,
          x.name,
          x.people,
          'personnes',
        ]);
  // One array literal, never push(...rows): a spread of a list as arguments has a bound.
  const rows: (string | number)[][] = [
    ['Rubrique', 'Élément', 'Valeur', 'Unité'],
    ['Dispositif', 'Nom', r.program.name, ''],
    ['Dispositif', 'Financeur', r.program.funderName, ''],
    ['Dispositif', 'Début de la période', frenchShortDate(r.from), 'date'],
    ['Dispositif', 'Fin de la période', frenchShortDate(r.to), 'date'],
    ['Dispositif', 'Début du dispositif', frenchShortDate(r.program.startsOn), 'date'],
    ...(c
      ? [
          ['Dispositif', 'Début de la distribution', frenchShortDate(c.distributionStart), 'date'],
          ['Dispositif', 'Fin de la distribution', frenchShortDate(c.distributionEnd), 'date'],
          ['Dispositif', 'Fin d’utilisation des pass', frenchShortDate(c.usageEnd), 'date'],
          ['Dispositif', 'Clôture', c.closure ? frenchShortDate(c.closure) : '', 'date'],
        ]
      : []),
    ...(r.program.plannedPasses !== null && r.program.faceValueCents !== null
      ? [
          ['Dispositif', 'Pass prévus', r.program.plannedPasses, 'pass'],
          ['Dispositif', 'Valeur faciale d’un pass', csvEuros(r.program.faceValueCents), '€'],
        ]
      : []),
    ...(c
      ? []
      : [
          [
            'Dispositif',
            'Calendrier et prévisions',
            notStartedText(r.to, r.program.startsOn, frenchShortDate),
            '',
          ],
        ]),
    ['Pass', 'Pass émis sur la période', p.period.issued, 'pass'],
    ['Pass', `Pass émis, ${end}`, p.toDate.issued, 'pass'],
    ['Pass', 'Pass remis sur la période', p.period.handedOut, 'pass'],
    ['Pass', `Pass remis, ${end}`, p.toDate.handedOut, 'pass'],
    ['Pass', 'Pass utilisés sur la période', p.period.used, 'pass'],
    ['Pass', `Pass utilisés, ${end}`, p.toDate.used, 'pass'],
    ['Pass', 'Valeur des pass utilisés sur la période', csvEuros(p.period.usedValueCents), '€'],
    ['Pass', `Valeur des pass utilisés, ${end}`, csvEuros(p.toDate.usedValueCents), '€'],
    [
      'Pass',
      `Pass utilisés sur pass prévus, ${end}`,
      p.usedOfPlannedBps === null ? '' : csvPercent(p.usedOfPlannedBps),
      '%',
    ],
    ['Personnes touchées', 'Personnes ayant reçu un carnet sur la période', r.people.reached, 'personnes'],
    ...people(
      'Personnes par public',
      r.people.byAudience.map((a) => ({ name: a.label, people: a.people })),
    ),
    ...people('Personnes par département', r.people.byDepartement),
    ...people('Personnes par EPCI', r.people.byEpci),
    ['Séances', 'Séances de la période', s.count, 'séances'],
    ['Séances', 'Heures d’accompagnement', csvHours(s.minutes), HOURS],
    ...breakdown(
      'par thème',
      s.byTheme.map((t) => ({ ...t, name: t.theme })),
      ['sessions', 'minutes'],
    ),
    ...breakdown(
      'par format',
      s.byFormat.map((f) => ({ ...f, name: f.label })),
      ['sessions', 'minutes'],
    ),
    ...breakdown(
      'par mois',
      s.byMonth.map((m) => ({ ...m, name: frenchMonth(m.month) })),
      ['sessions', 'minutes', 'valueCents'],
    ),
    ['Séances', 'Lieux ayant accueilli des séances', s.places, 'lieux'],
    // As the page's table: places, sessions, hours and value by département, and their total.
    ...breakdown('par département du lieu', s.byDepartement, ['places', 'sessions', 'minutes', 'valueCents']),
    // Every place of the period, most sessions first (the page and the PDF name the first ten).
    ...breakdown(
      'par lieu',
      s.byPlace.map((x) => ({ ...x, name: x.commune ? `${x.name} (${x.commune})` : x.name })),
      ['sessions', 'minutes', 'valueCents'],
    ),
    [
      'Prescripteurs',
      'Prescripteurs ayant remis au moins un carnet',
      r.prescribers.handingOut,
      'prescripteurs',
    ],
    ...r.money.fundings.flatMap((f) => [
      ['Versements reçus sur la période', f.payer, csvEuros(f.receivedCents), '€'],
      ...(f.reversedCents > 0
        ? [['Versements annulés sur la période', f.payer, csvEuros(f.reversedCents), '€']]
        : []),
    ]),
    ...(r.money.budget
      ? [
          ['Budget', `Budget au ${frenchShortDate(r.to)}`, csvEuros(r.money.budget.totalCents), '€'],
          ...r.money.budget.payers.flatMap((p) => [
            ['Part du budget', p.name, csvEuros(p.shareCents), '€'],
            [`Versé au ${frenchShortDate(r.to)}`, p.name, csvEuros(p.receivedCents), '€'],
            ...(p.owedByRuleCents === null
              ? []
              : [
                  [
                    `Dû selon la convention au ${frenchShortDate(r.to)}`,
                    p.name,
                    csvEuros(p.owedByRuleCents),
                    '€',
                  ],
                ]),
          ]),
        ]
      : []),
    ...conventionBase(r, frenchShortDate).map(([label, cents]) => [
      'Base du dû selon la convention',
      label,
      csvEuros(cents),
      '€',
    ]),
    [
      'Paiements aux lieux',
      'Dû pour les séances de la période (valeur des pass utilisés)',
      csvEuros(r.money.sessionsValueCents),
      '€',
    ],
    ['Paiements aux lieux', 'Payé pendant la période', csvEuros(r.money.paidToPlacesCents), '€'],
    ['Paiements aux lieux', `Reste dû au ${frenchShortDate(r.to)}`, csvEuros(r.money.owedToPlacesCents), '€'],
    ...moneyReconciliation(r, frenchShortDate).map(([label, cents]) => [
      'Des pass utilisés aux paiements',
      label,
      csvEuros(cents),
      '€',
    ]),
  ];
  return frenchCsv(rows);
}
