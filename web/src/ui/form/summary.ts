import { agree } from '../../lib/format';
import type { FormProblem } from './useForm';

/** The summary's title when it lists the errors itself: « Le formulaire contient 2 erreurs. » */
export function errorCount(n: number): string {
  return `Le formulaire contient ${n} ${agree(n, 'erreur', 'erreurs')}.`;
}

/** A sentence without its case, final stop and kind of apostrophe, to compare two of them. */
const bare = (s: string) =>
  s
    .trim()
    .replace(/[\s.]+$/, '')
    .replace(/’/g, "'")
    .toLocaleLowerCase('fr');

/**
 * What the summary shows. The server often words its refusal as its only field's message
 * (« Ce carnet est déjà bloqué. » for 'serial'): said as the title and again in the list, it
 * was read twice. The list, linked to the fields, then says it, under the count as the
 * browser's checks title it; a field's shorter words give way to the fuller sentence.
 */
export function summaryOf(problem: FormProblem): FormProblem {
  const detail = bare(problem.message);
  const repeats = (message: string) => bare(message) !== '' && detail.startsWith(bare(message));
  if (!problem.items.some((i) => repeats(i.message))) return problem;
  const items = problem.items.map((i) => (repeats(i.message) ? { ...i, message: problem.message } : i));
  // Nothing to link to (a date the form does not show): one message, as a refusal without a list.
  if (items.length === 1 && !items[0]!.onForm) return { message: problem.message, items: [] };
  return { message: errorCount(items.length), items };
}

/**
 * WCAG 1.3.2, 2.4.3: the summary lists the fields in the order the page shows them, not in
 * the order of the form's checks or of the server's errors (a new programme's date of effect
 * came first though fourth on the page). `placeOf` gives a field's rank on the page, -1 when
 * it is not there: those errors keep their order, after the others.
 */
export function inPageOrder(
  items: FormProblem['items'],
  placeOf: (field: string) => number,
): FormProblem['items'] {
  const at = (field: string) => {
    const i = placeOf(field);
    return i < 0 ? Number.POSITIVE_INFINITY : i;
  };
  // Array.prototype.sort is stable: equal ranks (two errors on one field) keep their order.
  return [...items].sort((a, b) => (at(a.field) === at(b.field) ? 0 : at(a.field) < at(b.field) ? -1 : 1));
}

/** A text compared loosely: apostrophes alike (’ and '), lower case. */
const loose = (s: string) => s.replace(/’/g, "'").toLocaleLowerCase('fr');

/**
 * « Téléphone : un numéro de 10 chiffres » once: some messages already start with their
 * field's name (the place profile's, which import reports show alone), followed by « : » or
 * « — », and the server writes its apostrophes straight (« Horaires d'ouverture — Mercredi :
 * … » was summarised « Horaires d’ouverture : Horaires d'ouverture — Mercredi : … »).
 */
export function labelled(label: string, message: string): string {
  const start = loose(message);
  const name = loose(label);
  return start.startsWith(`${name} :`) || start.startsWith(`${name} —`) ? message : `${label} : ${message}`;
}
