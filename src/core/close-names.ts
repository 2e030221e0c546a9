/**
 * Whether two people's names, folded as person_name_key folds them (case, accents, hyphens,
 * spaces), are close enough to be one person typed twice: « Jeanine » and « Jeannine »,
 * « Dupond » and « Dupont », or first and last names swapped. Two edits in all, at most one in
 * a name under five letters: « Luc Roy » and « Léa Roy » are two people. A name made of whole parts
 * of the other's compound name (« Lefèvre » and « Lefèvre-Dupont ») is close. Only people born the
 * same day are compared, so a false alarm costs a question at the desk, never a refusal.
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
