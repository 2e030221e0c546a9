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
