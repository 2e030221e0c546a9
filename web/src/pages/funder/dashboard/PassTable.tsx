import type { DashboardRow } from '../../../api/types';
import { formatInt } from '../../../lib/format';
import { TableFrame } from '../../../ui/TableFrame';

type Count = Exclude<keyof DashboardRow, 'envelopeId' | 'name'>;

/** Columns in the order of a pass's life; the test id names the total cell of each. */
export const COLUMNS: { key: Count; label: string; testId: string }[] = [
  { key: 'planned', label: 'Prévus', testId: 'planned' },
  { key: 'issued', label: 'Émis', testId: 'issued' },
  { key: 'activated', label: 'Activés', testId: 'activated' },
  { key: 'allocated', label: 'Chez les prescripteurs', testId: 'allocated' },
  { key: 'handedOut', label: 'Remis', testId: 'handed-out' },
  { key: 'redeemed', label: 'Utilisés', testId: 'redeemed' },
  { key: 'expired', label: 'Expirés', testId: 'expired' },
  { key: 'cancelled', label: 'Annulés', testId: 'cancelled' },
  { key: 'outstanding', label: 'En circulation', testId: 'outstanding' },
  { key: 'remaining', label: 'Reste à émettre', testId: 'remaining' },
];

export function PassTable({ rows, total }: { rows: DashboardRow[]; total: DashboardRow }) {
  return (
    <TableFrame caption="Pass par enveloppe et par étape (nombre de pass)">
      <thead>
        <tr>
          <th scope="col">Enveloppe</th>
          {COLUMNS.map((c) => (
            <th key={c.key} scope="col">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.envelopeId ?? `sans-enveloppe-${r.name}`}>
            <th scope="row">{r.name}</th>
            {COLUMNS.map((c) => (
              <td key={c.key} className="pn-nowrap">
                {formatInt(r[c.key])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          {COLUMNS.map((c) => (
            <td key={c.key} className="pn-nowrap" data-testid={`dashboard-total-${c.testId}`}>
              <strong>{formatInt(total[c.key])}</strong>
            </td>
          ))}
        </tr>
      </tfoot>
    </TableFrame>
  );
}
