import type { StockBooklet, TerritoryRef } from '../../api/types';
import { normalizeSerial } from '../../lib/serial';

/**
 * Where the beneficiary of the typed booklet may live (a commune within every group), so that
 * the commune box offers only those. Before the serial matches a booklet in stock: the groups
 * every booklet held shares (the funder's territory, say), which no commune a booklet accepts
 * lies outside. The server decides at the hand-out in any case.
 */
export function residenceOf(serial: string, booklets: StockBooklet[]): TerritoryRef[][] {
  const booklet = booklets.find((b) => b.serial === normalizeSerial(serial));
  if (booklet) return booklet.residenceWithin;
  const [first, ...others] = booklets;
  if (!first) return [];
  const key = (group: TerritoryRef[]) => JSON.stringify(group.map((t) => `${t.level}:${t.code}`).sort());
  return first.residenceWithin.filter((group) =>
    others.every((b) => b.residenceWithin.some((g) => key(g) === key(group))),
  );
}
