/*
 * The report's tables in its PDF: a row as tall as its tallest cell, the header again at the
 * top of each page.
 */

export type Align = 'left' | 'right';
export interface Column {
  title: string;
  width: number;
  align?: Align;
}

export const MARGIN = 50;
const PAGE_WIDTH = 595.28; // A4
export const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

/**
 * A table drawn row by row: a row as tall as its tallest cell (a long theme wraps within its
 * column), a thin rule under the header and between rows, the header again at the top of a new
 * page, figures aligned to the right so that they read as a column of numbers.
 */
export function table(doc: PDFKit.PDFDocument, columns: Column[], rows: string[][], totals?: string[]) {
  const pad = 4;
  const lineUnder = (y: number) =>
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + TEXT_WIDTH, y)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
  const heightOf = (cells: string[]) =>
    Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i]!.width - 2 * pad })));
  // A table of labels and figures has no header row: its labels say what they are.
  const header = columns.some((c) => c.title) ? columns.map((c) => c.title) : null;
  const draw = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const height = heightOf(cells) + 2 * pad;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (header && cells !== header) {
        draw(header, true);
        // The header left its bold behind: the row after it was set in bold too.
        doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
      }
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      const col = columns[i]!;
      doc.text(c, x + pad, y + pad, { width: col.width - 2 * pad, align: col.align ?? 'left' });
      x += col.width;
    });
    doc.y = y + height;
    lineUnder(doc.y);
  };
  doc.moveDown(0.3);
  if (header) draw(header, true);
  for (const r of rows) draw(r, false);
  if (totals) draw(totals, true);
  doc.x = MARGIN;
  doc.moveDown(0.6);
}
