/** A column's sort: the value each row shows in it, and how two values compare. */
export interface SortColumn<T> {
  /** Null (nothing shown, « — ») sorts last whichever the direction. */
  value: (row: T) => string | number | null;
  compare: (a: string | number, b: string | number) => number;
}

export type SortDirection = 'ascending' | 'descending';
export interface SortState<K extends string> {
  column: K;
  direction: SortDirection;
}

// French collation (é with e, œ with oe, capitals aside), numbers in names by their value:
// « n° 2 » before « n° 10 », as localeCompare('fr', { numeric: true }) does, compiled once.
const french = new Intl.Collator('fr', { numeric: true });

/** Names and words, in French alphabetical order. */
export const byText = <T>(value: (row: T) => string | null): SortColumn<T> => ({
  value,
  compare: (a, b) => french.compare(String(a), String(b)),
});

/** Amounts and counts, by their value (9 before 10, not after it as text would). */
export const byNumber = <T>(value: (row: T) => number | null): SortColumn<T> => ({
  value,
  compare: (a, b) => Number(a) - Number(b),
});

/** ISO dates and months ('2026-05-01', '2026-05'): in time order, whatever the shown format. */
export const byDate = <T>(value: (row: T) => string | null): SortColumn<T> => ({
  value,
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
});

/**
 * The rows in a column's order; rows equal in it keep the order they came in (the server's,
 * the most recent first for statements), the sort being stable.
 */
export function sortRows<T>(rows: readonly T[], column: SortColumn<T>, direction: SortDirection): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row) => ({ row, value: column.value(row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null)
        return (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0);
      return sign * column.compare(a.value, b.value);
    })
    .map(({ row }) => row);
}
