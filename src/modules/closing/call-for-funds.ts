import { type CofunderShare, callDocumentTitle, ruleText } from '../../core/cofunding.js';
import { frenchCsv } from '../../core/csv.js';
import { frenchDate, frenchShortDate } from '../../core/dates.js';
import { formatEuros } from '../../core/money.js';
import { newPdf } from '../../core/pdf.js';
import type { SharesReport } from './shares.js';

/*
 * The call for funds sent to a co-funder, and its supporting figures. Rendering only: the
 * figures come from shares.ts, so the PDF, the CSV and the page always agree.
 */

/** Amounts for the standard PDF fonts, which lack the narrow no-break space between thousands. */

/** The figures of the call, in the order the document gives them, as [label, cents]. */
export function supportingFigures(share: CofunderShare, receivedAsOf: string): [string, number][] {
  return [
    ['Valeur des pass utilisés', share.usedCents],
    ['Part du budget du cofinanceur', share.budgetCents],
    ['Dû au titre de sa part', share.owedCents],
    [`Déjà versé au ${frenchDate(receivedAsOf)}`, share.receivedCents],
    // Paid beyond its share: a sum owed to it, said as such, not a balance « à appeler » below zero.
    share.balanceCents < 0
      ? ['Versé au-delà de sa part', -share.balanceCents]
      : ['Solde à appeler', share.balanceCents],
  ];
}

// A decimal comma and no thousands separator: a French spreadsheet reads it as a number.
const euros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

/**
 * Every co-funder's figures, one line each, for French spreadsheets like the project's other
 * exports: headers in words, amounts in euros with a decimal comma, dates as 01/12/2026.
 */
export function sharesCsv(report: SharesReport): string {
  const head = [
    'Dispositif',
    'Cofinanceur',
    'Règle de la convention',
    'Valeur des pass utilisés (€)',
    'Part du budget (€)',
    'Dû au titre de sa part (€)',
    'Plafonné',
    'Déjà versé (€)',
    // Two columns, as the page and the PDF say it: a co-funder that paid ahead is owed the
    // difference, not called for a negative sum (an officer totalling the column got one).
    'Solde à appeler (€)',
    'Versé au-delà de sa part (€)',
    'Situation au',
    'Versements reçus au',
  ];
  // The programme on every line: a funder with several programmes puts their files side by side.
  const rows = report.shares.map((s) => [
    report.programName,
    s.name,
    ruleText(s),
    euros(s.usedCents),
    euros(s.budgetCents),
    euros(s.owedCents),
    s.capped ? 'oui' : 'non',
    euros(s.receivedCents),
    euros(Math.max(0, s.balanceCents)),
    euros(Math.max(0, -s.balanceCents)),
    frenchShortDate(report.asOf),
    frenchShortDate(report.receivedAsOf),
  ]);
  return frenchCsv([head, ...rows]);
}

/**
 * What the document asks or gives back. Paid ahead while passes may still be used, the excess
 * is provisional (a share of the used value grows with each pass used): it read as money due
 * back for good, to a director about to send it to the State, with 372 passes still out.
 */
export function balanceSentence(share: CofunderShare, asOf: string, usageEnd: string): string {
  if (share.balanceCents > 0)
    return `Nous vous remercions de bien vouloir verser ${formatEuros(share.balanceCents)} au titre de votre participation.`;
  if (share.balanceCents === 0) return 'Vos versements couvrent votre part : aucun versement n’est appelé.';
  const excess = formatEuros(-share.balanceCents);
  const back = 'reversée ou déduite d’un prochain appel selon les termes de votre convention';
  return asOf <= usageEnd
    ? `À ce jour, vos versements dépassent votre part de ${excess} : aucun versement n'est appelé. Les pass pouvant être utilisés jusqu’au ${frenchDate(usageEnd)}, ce montant est provisoire : il sera arrêté à la clôture du dispositif, puis la somme vous reviendra, ${back}.`
    : `Vos versements dépassent votre part de ${excess} : aucun versement n'est appelé, et cette somme vous revient, ${back}.`;
}

/** The call for funds as a PDF (A4, the standard fonts: no file to ship). */
export async function callForFundsPdf(report: SharesReport, share: CofunderShare): Promise<Buffer> {
  const title = callDocumentTitle(share.balanceCents);
  const doc = await newPdf({ size: 'A4', margin: 56, info: { Title: `${title} — ${share.name}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text(title);
  doc.moveDown(0.5).font('Helvetica').fontSize(11);
  doc.text(`De : ${report.funderName}${report.funderSiret ? ` — SIRET ${report.funderSiret}` : ''}`);
  doc.text(`À : ${share.name}`);
  doc.text(`Dispositif : ${report.programName}`);
  // The deliberations the rule and amounts come from: the convention's references.
  if (report.deliberations.length)
    doc.text(
      `Délibérations : ${report.deliberations
        .map((d) => `${d.body}, n° ${d.number} du ${frenchShortDate(d.decidedOn)}`)
        .join(' ; ')}`,
    );
  doc.text(`Situation au ${frenchDate(report.asOf)} — établi le ${frenchDate(report.receivedAsOf)}`);
  doc.moveDown();
  doc.text(`Règle de la convention : ${share.name} prend à sa charge ${ruleText(share)}.`);
  if (share.capped) doc.text('Sa part de la valeur utilisée dépasse sa part du budget : elle est plafonnée.');
  doc.moveDown();
  doc.font('Helvetica-Bold').text('Justificatifs');
  doc.font('Helvetica');
  for (const [label, cents] of supportingFigures(share, report.receivedAsOf)) {
    const y = doc.y;
    doc.text(label, 56, y, { width: 300 });
    doc.text(formatEuros(cents), 356, y, { width: 180, align: 'right' });
  }
  doc.moveDown();
  doc.text(balanceSentence(share, report.asOf, report.usageEnd), 56);
  doc.moveDown();
  doc
    .fontSize(9)
    .text(
      'La valeur des pass utilisés est celle des pass encaissés par les lieux, nette des annulations, au registre comptable du dispositif.',
    );
  doc.end();
  return done;
}
