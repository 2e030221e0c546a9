import { frenchCsv } from '../../core/csv.js';
import { frenchShortDate } from '../../core/dates.js';

/** One hand-out of the period, as the structure's CSV lists it. */
export interface HandOutLine {
  serial: string;
  handedOutOn: string;
  programName: string;
  initials: string;
  audienceLabel: string;
  status: string;
  passes: number;
  passesStruck: number;
  passesUsed: number;
  replacesSerial: string | null;
  replacedBy: string | null;
}

export interface HandOutTotals {
  booklets: number;
  replacements: number;
  people: number;
  passes: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/**
 * The structure's hand-outs of a period, one a line, then their total (a French CSV). The
 * structure's name opens every line, as the places' sessions file does: a network's head office
 * merging its structures' files tells their lines apart. A replacement says which booklet it
 * replaced, and the total counts it apart: it is the same person served again.
 */
export function handedOutFile(
  structure: string,
  lines: readonly HandOutLine[],
  totals: HandOutTotals,
): string {
  return frenchCsv([
    [
      'Structure',
      'Remis le',
      'Carnet',
      'Dispositif',
      'Initiales',
      'Public',
      'Pass',
      'Pass barrés',
      'Pass utilisés',
      'État',
      'Remplace le carnet',
      'Remplacé par',
    ],
    ...lines.map((l) => [
      structure,
      frenchShortDate(l.handedOutOn),
      l.serial,
      l.programName,
      l.initials,
      l.audienceLabel,
      l.passes,
      l.passesStruck,
      l.passesUsed,
      l.status === 'blocked' ? 'Bloqué' : 'Remis',
      l.replacesSerial ?? '',
      l.replacedBy ?? '',
    ]),
    [
      structure,
      'Total',
      `${plural(totals.booklets, 'carnet', 'carnets')}, dont ${totals.replacements} en remplacement`,
      '',
      plural(totals.people, 'personne', 'personnes'),
      '',
      // The passes handed over: the struck ones were never the person's to use.
      totals.passes,
      '',
      '',
      '',
      '',
      '',
    ],
  ]);
}
