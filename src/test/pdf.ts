import { execFileSync } from 'node:child_process';

/**
 * The text of a PDF as a reader sees it, extracted by poppler's `pdftotext` (Debian's
 * poppler-utils, installed by `.ci/run`), spaces collapsed so that a sentence reads whole.
 */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf })
    .toString('utf8')
    .replace(/\s+/g, ' ');
}

/** A word as drawn on its page: its box in points, from the top left. */
export type PdfWord = { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number };

/** Every word of a PDF with its box, as poppler lays them out (`pdftotext -bbox`). */
export function pdfWords(pdf: Buffer): PdfWord[] {
  const html = execFileSync('pdftotext', ['-enc', 'UTF-8', '-bbox', '-', '-'], { input: pdf }).toString(
    'utf8',
  );
  const words: PdfWord[] = [];
  let page = 0;
  for (const m of html.matchAll(
    /<page\b|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (m[0] === '<page') {
      page++;
      continue;
    }
    const [xMin, yMin, xMax, yMax] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    words.push({ page, text: m[5]!, xMin, yMin, xMax, yMax });
  }
  return words;
}

/**
 * The pairs of words drawn over each other on the same page: what a reader sees as garbled text.
 * Boxes touching by less than a point (neighbours on a line, lines set close) do not count.
 */
export function overlappingWords(words: PdfWord[]): [string, string][] {
  const found: [string, string][] = [];
  const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.min(a1, b1) - Math.max(a0, b0);
  for (let i = 0; i < words.length; i++)
    for (let j = i + 1; j < words.length; j++) {
      const a = words[i]!;
      const b = words[j]!;
      if (a.page !== b.page) continue;
      if (overlap(a.xMin, a.xMax, b.xMin, b.xMax) > 1 && overlap(a.yMin, a.yMax, b.yMin, b.yMax) > 1)
        found.push([a.text, b.text]);
    }
  return found;
}
