import type { ReactNode } from 'react';
import { TableFrame } from './TableFrame';

/**
 * A column of a table of figures. The first is the rows' headers; the others hold figures,
 * right-aligned and kept on one line, unless `text` (a commune beside a count).
 */
export type FigureColumn = { head: ReactNode; text?: boolean };

/** A row: its header, then one cell per further column; `testIds` name the cells journeys read. */
export type FigureRow = {
  key: string;
  head: ReactNode;
  cells: ReactNode[];
  testIds?: (string | undefined)[];
};

/**
 * A table of figures with its row headers (RGAA 5): the report's sections wrote the same
 * thead, tbody and tfoot by hand for each of their dozen tables. Without `columns`, a table of
 * labelled values with no column headings; `total` goes in the footer.
 */
export function FigureTable({
  caption,
  captionHidden,
  columns,
  rows,
  total,
}: {
  caption: string;
  captionHidden?: boolean;
  columns?: FigureColumn[];
  rows: FigureRow[];
  total?: FigureRow;
}) {
  const row = (r: FigureRow) => (
    <tr key={r.key}>
      <th scope="row">{r.head}</th>
      {r.cells.map((cell, i) => (
        <td
          // A row's cells are positional: its columns never move.
          key={i}
          className={columns?.[i + 1]?.text ? undefined : 'pn-nowrap pn-num'}
          data-testid={r.testIds?.[i]}
        >
          {cell}
        </td>
      ))}
    </tr>
  );
  return (
    <TableFrame caption={caption} captionHidden={captionHidden}>
      {columns && (
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={i === 0 || c.text ? undefined : 'pn-num'}>
                {c.head}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>{rows.map(row)}</tbody>
      {total && <tfoot>{row(total)}</tfoot>}
    </TableFrame>
  );
}
