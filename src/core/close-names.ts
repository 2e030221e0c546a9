/**
 * Whether two people's names, folded as person_name_key folds them (case, accents, hyphens,
 * spaces), are close enough to be one person typed twice: « Jeanine » and « Jeannine »,
 * « Dupond » and « Dupont », or first and last names swapped. Two edits in all, at most one in
 * a name under five letters: « Luc Roy » and « Léa Roy » are two people. Only people born the
 * same day are compared, so a false alarm costs a question at the desk, never a refusal.
 */
export function closeNames(a: { first: string; last: string }, b: { first: string; last: string }): boolean {
  if (a.first === b.last && a.last === b.first) return true;
  const first = distance(a.first, b.first);
  const last = distance(a.last, b.last);
  return first <= allowed(a.first, b.first) && last <= allowed(a.last, b.last) && first + last <= 2;
}

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
