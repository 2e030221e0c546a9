import type { ProgramDashboard } from '../../../api/types';
import { formatCents, formatInt } from '../../../lib/format';
import { BarChart } from '../../../ui/BarChart';
import { TableFrame } from '../../../ui/TableFrame';

const monthName = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** '2024-03' → 'mars 2024' (a calendar month, formatted in UTC so it never shifts). */
function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? monthName.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1))) : month;
}

const passes = (n: number) => `${formatInt(n)} pass`;

/** The chart for a glance, the table for the figures (and for screen readers: RGAA 1.9). */
export function MonthlyRedemptions({ byMonth }: { byMonth: ProgramDashboard['byMonth'] }) {
  const months = [...byMonth].sort((a, b) => a.month.localeCompare(b.month));
  if (months.length === 0) return <p>Aucun pass n’a encore été utilisé.</p>;
  const total = months.reduce((s, m) => ({ n: s.n + m.redemptions, v: s.v + m.valueCents }), { n: 0, v: 0 });
  return (
    <>
      <BarChart
        title="Pass utilisés par mois"
        bars={months.map((m) => ({
          label: monthLabel(m.month),
          value: m.redemptions,
          display: `${passes(m.redemptions)} (${formatCents(m.valueCents)})`,
        }))}
      />
      <TableFrame caption="Pass utilisés par mois">
        <thead>
          <tr>
            <th scope="col">Mois</th>
            <th scope="col">Pass utilisés</th>
            <th scope="col">Valeur</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{monthLabel(m.month)}</th>
              <td className="pn-nowrap">{formatInt(m.redemptions)}</td>
              <td className="pn-nowrap">{formatCents(m.valueCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="pn-nowrap" data-testid="dashboard-month-total-redemptions">
              {formatInt(total.n)}
            </td>
            <td className="pn-nowrap" data-testid="dashboard-month-total-value">
              {formatCents(total.v)}
            </td>
          </tr>
        </tfoot>
      </TableFrame>
    </>
  );
}
