import { describe, expect, it } from 'vitest';
import { pdfText } from '../test/pdf.js';
import { newPdf, winAnsi } from './pdf.js';

async function pdfOf(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = await newPdf({ size: 'A4', margin: 56 });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.on('data', (c: Buffer) => chunks.push(c));
  draw(doc);
  doc.end();
  return done;
}

/*
 * The standard fonts of a PDF (no font file shipped) draw Windows-1252 only: a deliberation
 * numbered « CP-2026-😀 » printed as « Ø=Þ » in a call for funds, and ran past the margin.
 */
describe('the text of a PDF', () => {
  it('keeps French as typed, and gives a character its fonts cannot draw as its letter or « ? »', () => {
    expect(winAnsi('Œuvre « à côté » — 1\u202f234,50\u00a0€ ; l’été')).toBe(
      'Œuvre « à côté » — 1\u00a0234,50\u00a0€ ; l’été',
    );
    expect(winAnsi('Commission permanente 🏛️')).toBe('Commission permanente ?');
    expect(winAnsi('CP-2026-😀')).toBe('CP-2026-?');
    // A letter with an accent French does not use keeps its letter (Nguyễn, Dvořák, Łódź).
    expect(winAnsi('Nguyễn Dvořák Łódź')).toBe('Nguyen Dvorák ?ódz');
  });

  it('is drawn so in every PDF the platform makes, readable and within its margins', async () => {
    const pdf = await pdfOf((doc) => {
      doc.text('Délibérations : Commission permanente 🏛️, n° CP-2026-😀 du 01/12/2026 ; Nguyễn');
    });
    const text = pdfText(pdf);
    expect(text).toContain('Délibérations : Commission permanente ?, n° CP-2026-? du 01/12/2026 ; Nguyen');
    expect(text).not.toMatch(/Ø|Þ|ß/);
  });
});
