import { z } from 'zod';

/** The way a server-paginated list is read: from the smallest (A to Z, oldest) or the largest. */
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/**
 * The `sort` and `order` of a list the server pages: a column among those the list offers
 * (closed, so that a mistyped one is a 422 naming `sort` rather than a list silently in
 * another order), and its direction. The page holds only part of such a list: sorting it in
 * the browser would sort that part alone, so the server sorts, with a unique column last to
 * break ties, and a page never repeats or skips a row of the one before.
 */
export function sortQuery<K extends string>(columns: readonly [K, ...K[]], byDefault: K, order: SortOrder) {
  const names = `${columns.slice(0, -1).join(', ')} ou ${columns.at(-1)}`;
  return {
    sort: z
      .enum(columns, { error: `sort vaut ${names}.` })
      .default(byDefault)
      .meta({ description: `The column the list is sorted by (${byDefault} by default).` }),
    order: z
      .enum(SORT_ORDERS, { error: 'order vaut asc ou desc.' })
      .default(order)
      .meta({ description: `Ascending (A to Z, smallest, oldest) or descending; ${order} by default.` }),
  };
}
