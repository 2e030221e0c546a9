import { fr } from '@codegouvfr/react-dsfr';
import { type ReactNode, useMemo, useState } from 'react';
import { type SortColumn, type SortState, sortRows } from './sortRows';

export { byDate, byNumber, byText } from './sortRows';

/**
 * A list loaded whole in the page, sorted by the column a person chooses (a server-paginated
 * list is sorted by the server, not here: the page holds only part of it; see serverSort). Until one is
 * chosen, the rows keep the order they came in. Sort before filtering or showing the first
 * hundred, so that those are the first of the whole list.
 */
export function useSort<T, K extends string>(rows: readonly T[], columns: Record<K, SortColumn<T>>) {
  const [state, setState] = useState<SortState<K> | null>(null);
  // `columns` is a constant of the page: the sort is redone when the rows or the choice change.
  const sorted = useMemo(
    () => (state ? sortRows(rows, columns[state.column], state.direction) : [...rows]),
    [rows, columns, state],
  );
  /** A column chosen again reverses its order; another one starts ascending (A to Z, smallest, oldest). */
  const choose = (column: K) =>
    setState((s) =>
      s?.column === column
        ? { column, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : { column, direction: 'ascending' },
    );
  return { rows: sorted, state, choose };
}

/** The order a server-paginated list is asked in (the API's `order`). */
export type ServerOrder = 'asc' | 'desc';

/**
 * The sort of a list the server pages, for SortableHeader: the page keeps the column and order
 * with its filters and page number, and asks the server for them (the page holds only part of
 * the list: sorting it here would sort that part alone). A column chosen again reverses its
 * order, another one starts ascending, as in useSort; `onChange` goes back to the first page.
 */
export function serverSort<K extends string>(
  sort: K,
  order: ServerOrder,
  onChange: (sort: K, order: ServerOrder) => void,
): { state: SortState<K>; choose: (column: K) => void } {
  return {
    state: { column: sort, direction: order === 'asc' ? 'ascending' : 'descending' },
    choose: (column) => onChange(column, column === sort && order === 'asc' ? 'desc' : 'asc'),
  };
}

const ICON = {
  ascending: 'fr-icon-arrow-up-line',
  descending: 'fr-icon-arrow-down-line',
  none: 'fr-icon-arrow-up-down-line',
} as const;

/**
 * A column header that sorts the table: a button in the <th>, the order said by `aria-sort`
 * on the header (read by screen readers with the column's name) and drawn by an arrow.
 */
export function SortableHeader<K extends string>({
  sort,
  column,
  children,
  className,
}: {
  sort: { state: SortState<K> | null; choose: (column: K) => void };
  column: K;
  children: ReactNode;
  className?: string;
}) {
  const direction = sort.state?.column === column ? sort.state.direction : undefined;
  return (
    <th scope="col" aria-sort={direction} className={className}>
      <button type="button" className="pn-sort" onClick={() => sort.choose(column)}>
        {children}
        <span aria-hidden="true" className={fr.cx(ICON[direction ?? 'none'], 'fr-icon--sm')} />
      </button>
    </th>
  );
}
