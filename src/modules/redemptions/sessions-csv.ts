import { frenchCsv } from '../../core/csv.js';
import { frenchShortDate } from '../../core/dates.js';
import { frenchInstant } from '../../core/french-time.js';
import { maskPassCode } from '../../core/pass-code.js';
import { SESSION_FORMAT_LABELS } from '../../core/session.js';

/** One of the place's sessions, as its CSV lists it. */
export interface SessionLine {
  sessionOn: string;
  redeemedAt: Date;
  code: string;
  programName: string;
  theme: string;
  durationMinutes: number;
  format: string;
  faceValueCents: number;
  recordedBy: string;
  cancelledAt: Date | null;
}

// As the statements' CSV: a decimal comma and no thousands separator, a number to the sheet.
const amount = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
const day = (at: Date) => frenchInstant(at).slice(0, 10);
const dueCents = (l: SessionLine) => (l.cancelledAt ? 0 : l.faceValueCents);

/**
 * The place's sessions of a period, one a line, with who recorded each (a French CSV). The
 * place's name opens every line: a coordinator merging the files of an association's sites
 * into one sheet tells their lines apart. A session cancelled since is owed nothing (its pass
 * went back to its holder): its line says 0,00 and when it was cancelled, and the last line
 * totals what the period is owed, which the column's sum gave 10 € too much per cancellation.
 */
export function placeSessionsCsv(placeName: string, lines: readonly SessionLine[]): string {
  return frenchCsv([
    [
      'Lieu',
      'Séance du',
      'Enregistré le',
      'Enregistré par',
      'Pass',
      'Dispositif',
      'Thème',
      'Durée (min)',
      'Format',
      'Montant dû (€)',
      'Annulé le',
    ],
    ...lines.map((l) => [
      placeName,
      frenchShortDate(l.sessionOn),
      day(l.redeemedAt),
      l.recordedBy,
      maskPassCode(l.code),
      l.programName,
      l.theme,
      l.durationMinutes,
      SESSION_FORMAT_LABELS[l.format as keyof typeof SESSION_FORMAT_LABELS] ?? l.format,
      amount(dueCents(l)),
      l.cancelledAt ? day(l.cancelledAt) : '',
    ]),
    [placeName, 'Total', '', '', '', '', '', '', '', amount(lines.reduce((t, l) => t + dueCents(l), 0)), ''],
  ]);
}
