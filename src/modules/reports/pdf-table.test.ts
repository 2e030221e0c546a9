import { describe, expect, it } from 'vitest';
import { newPdf } from '../../core/pdf.js';
import { MARGIN, TEXT_WIDTH, table } from './pdf-table.js';

/** Each piece of text of an uncompressed PDF, in order, with its page and its font's name. */
function textRuns(pdf: string) {
  const fonts = new Map<string, string>();
  for (const m of pdf.matchAll(/(\d+) 0 obj\s*<<\s*\/Type \/Font\s*\/BaseFont \/([\w-]+)/g))
    fonts.set(m[1]!, m[2]!);
  const runs: { page: number; font: string; text: string }[] = [];
  let page = 0;
  // A page's resources name its fonts (/F1 9 0 R), then come its contents.
  for (const m of pdf.matchAll(/\/Font <<([^>]*)>>|stream\n([\s\S]*?)endstream/g)) {
    if (m[1] !== undefined) {
      for (const [, name, id] of m[1].matchAll(/\/(F\d+) (\d+) 0 R/g)) fonts.set(name!, fonts.get(id!)!);
      continue;
    }
    page += 1;
    let font = '';
    for (const op of m[2]!.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (op[1]) font = fonts.get(op[1])!;
      else {
        const text = [...op[2]!.matchAll(/<([0-9a-f]*)>/g)]
          .map(([, hex]) => Buffer.from(hex!, 'hex').toString('latin1'))
          .join('');
        runs.push({ page, font, text });
      }
    }
  }
  return runs;
}

describe('a table of the report’s PDF', () => {
  it('repeats its header in bold at the top of a new page, and sets the rows after it in regular', async () => {
    const doc = await newPdf({ size: 'A4', margin: MARGIN, compress: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => doc.on('end', resolve));
    const rows = Array.from({ length: 80 }, (_, i) => [`Lieu ${i + 1}`, `${i + 1}`]);
    table(
      doc,
      [
        { title: 'Lieu', width: TEXT_WIDTH - 100 },
        { title: 'Séances', width: 100, align: 'right' },
      ],
      rows,
      ['Total', '3240'],
    );
    doc.end();
    await done;
    const runs = textRuns(Buffer.concat(chunks).toString('latin1'));

    const pages = new Set(runs.map((r) => r.page));
    expect(pages.size).toBeGreaterThan(1);
    for (const page of pages) {
      const onPage = runs.filter((r) => r.page === page);
      expect(onPage[0], `page ${page} starts with the header`).toEqual({
        page,
        font: 'Helvetica-Bold',
        text: 'Lieu',
      });
      const firstRow = onPage.find((r) => r.text.startsWith('Lieu '));
      expect(firstRow?.font, `first row of page ${page}: ${firstRow?.text}`).toBe('Helvetica');
    }
    expect(runs.filter((r) => r.text.startsWith('Lieu ')).every((r) => r.font === 'Helvetica')).toBe(true);
    expect(runs.find((r) => r.text === 'Total')?.font).toBe('Helvetica-Bold');
  });
});
