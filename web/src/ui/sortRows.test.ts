import { describe, expect, it } from 'vitest';
import { byDate, byNumber, byText, sortRows } from './sortRows';

interface Row {
  name: string;
  commune: string | null;
  total: number;
  month: string;
}
const rows: Row[] = [
  { name: 'Espace Zola', commune: 'Amiens', total: 900, month: '2026-10' },
  { name: 'Écluse numérique', commune: null, total: 10_000, month: '2026-09' },
  { name: 'atelier du Port', commune: 'Abbeville', total: -250, month: '2027-01' },
  { name: 'Espace public numérique n° 10', commune: 'Étaples', total: 900, month: '2026-02' },
  { name: 'Espace public numérique n° 2', commune: 'Eu', total: 1_000, month: '2026-11' },
];
const names = (list: Row[]) => list.map((r) => r.name);

describe('sortRows', () => {
  it('sorts names in French order: accents and capitals aside, numbers by their value', () => {
    expect(
      names(
        sortRows(
          rows,
          byText((r) => r.name),
          'ascending',
        ),
      ),
    ).toEqual([
      'atelier du Port',
      'Écluse numérique',
      'Espace public numérique n° 2',
      'Espace public numérique n° 10',
      'Espace Zola',
    ]);
  });

  it('sorts amounts by their value, and keeps equal rows in the order they came', () => {
    expect(
      sortRows(
        rows,
        byNumber((r) => r.total),
        'ascending',
      ).map((r) => r.total),
    ).toEqual([-250, 900, 900, 1_000, 10_000]);
    expect(
      names(
        sortRows(
          rows,
          byNumber((r) => r.total),
          'descending',
        ),
      ).slice(2, 4),
    ).toEqual(['Espace Zola', 'Espace public numérique n° 10']);
  });

  it('sorts months in time order', () => {
    expect(
      sortRows(
        rows,
        byDate((r) => r.month),
        'descending',
      ).map((r) => r.month),
    ).toEqual(['2027-01', '2026-11', '2026-10', '2026-09', '2026-02']);
  });

  it('puts rows with nothing in the column last, whichever the direction', () => {
    for (const direction of ['ascending', 'descending'] as const)
      expect(
        sortRows(
          rows,
          byText((r) => r.commune),
          direction,
        ).at(-1)?.name,
      ).toBe('Écluse numérique');
    expect(
      sortRows(
        rows,
        byText((r) => r.commune),
        'ascending',
      )[2]?.commune,
    ).toBe('Étaples');
  });
});
