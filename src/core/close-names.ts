import { isIsoDate } from './dates.js';

/**
 * Whether two people's names, folded as person_name_key folds them (case, accents, hyphens,
 * spaces), are close enough to be one person typed twice: « Jeanine » and « Jeannine »,
 * « Dupond » and « Dupont », or first and last names swapped. Two edits in all, at most one in
 * a name under five letters: « Luc Roy » and « Léa Roy » are two people. A name made of whole parts
 * of the other's compound name (« Lefèvre » and « Lefèvre-Dupont ») is close. Only people born the
 * same day are compared (a date typed otherwise, see closeBirthDates, asks for the same names),
 * so a false alarm costs a question at the desk, never a refusal.
 */
export function closeNames(a: { first: string; last: string }, b: { first: string; last: string }): boolean {
  if (a.first === b.last && a.last === b.first) return true;
  const first = edits(a.first, b.first);
  const last = edits(a.last, b.last);
  return first <= allowed(a.first, b.first) && last <= allowed(a.last, b.last) && first + last <= 2;
}

/**
 * The edits between two names, none when one is made of whole parts of the other: a compound
 * name typed in part (« Lefèvre » for « Lefèvre-Dupont », « Jean » for « Jean-Pierre ») is no
 * spelling mistake, and counting its missing part as edits let a second booklet through. Whole
 * parts only: « Martin » is no part of « Martinez ».
 */
function edits(x: string, y: string): number {
  if (partOf(x, y) || partOf(y, x)) return 0;
  return distance(x, y);
}

/** Whether every part of `x` is a part of the longer compound `y` (keys or typed names alike). */
function partOf(x: string, y: string): boolean {
  const inY = parts(y);
  const inX = parts(x);
  return inX.length > 0 && inX.length < inY.length && inX.every((p) => inY.includes(p));
}

const parts = (name: string) => name.split(/[\s'’ʼ.\-‐‑–]+/u).filter(Boolean);

const allowed = (x: string, y: string) => (Math.min(x.length, y.length) < 5 ? 1 : 2);

/** Levenshtein's distance (insertions, deletions, substitutions), by rows. */
export function distance(x: string, y: string): number {
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1);
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, substitution));
    }
    previous = row;
  }
  return previous[y.length]!;
}

/**
 * The other birth dates a person's own may have been typed as: day and month swapped
 * (« 05/12 » for « 12/05 », the commonest slip) and one digit of the day, month or year typed
 * wrong (« 13 » for « 12 », « 1956 » for « 1950 »), the real dates among them. Some fifty
 * days for one: few enough to look up, and only a person of exactly the same names
 * born on one of them is asked about (two people of one name born a digit apart are rare,
 * and a false alarm costs a question at the desk, never a refusal). Further slips (two
 * digits, digits swapped inside the year) would ask about too many namesakes.
 */
export function closeBirthDates(birthDate: string): string[] {
  const [year, month, day] = birthDate.split('-');
  const near = new Set<string>([`${year}-${day}-${month}`]);
  const digits = birthDate.replaceAll('-', '');
  for (let i = 0; i < digits.length; i++) {
    for (const d of '0123456789') {
      if (d === digits[i]) continue;
      const typed = digits.slice(0, i) + d + digits.slice(i + 1);
      near.add(`${typed.slice(0, 4)}-${typed.slice(4, 6)}-${typed.slice(6)}`);
    }
  }
  near.delete(birthDate);
  return [...near].filter(isIsoDate).sort();
}
