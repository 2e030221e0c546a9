import { fr } from '@codegouvfr/react-dsfr';
import { type PlacePayableRow, usePlacePayables } from '../../../api/statements';
import { formatCents, formatDate } from '../../../lib/format';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';

/** The amounts, from the sessions recorded to the money received. */
const AMOUNTS: [label: string, cents: (r: PlacePayableRow) => number][] = [
  ['Dû', (r) => r.owedCents],
  ['Dont pas encore sur un relevé', (r) => r.notStatedCents],
  ['Dont envoyé à la banque', (r) => r.sentCents],
  ['Payé depuis le début', (r) => r.paidCents],
];

/**
 * What the place is owed today, per funder and programme, and a total: the funder's own figures
 * (its « Sommes dues aux lieux »). The statements below list the months one by one; the
 * sessions recorded since the last one are on none of them yet.
 */
export function OwedTable({ placeId }: { placeId: string }) {
  const owed = usePlacePayables(placeId);
  if (owed.isPending) return <Loading what="Chargement de ce qui vous est dû…" />;
  if (owed.error) return <QueryError error={owed.error} what="ce qui vous est dû" />;
  const { asOf, rows } = owed.data;
  if (rows.length === 0) return <p>Aucune séance enregistrée pour l’instant : rien ne vous est dû.</p>;
  return (
    <TableFrame stacked caption={`Ce qui vous est dû au ${formatDate(asOf)}, par dispositif`}>
      <thead>
        <tr>
          <th scope="col">Dispositif</th>
          {AMOUNTS.map(([label]) => (
            <th key={label} scope="col">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.programId}>
            <th scope="row" data-label="Dispositif">
              {r.programName}
              <br />
              <span className={fr.cx('fr-text--sm')}>{r.funderName}</span>
            </th>
            {AMOUNTS.map(([label, cents]) => (
              <td key={label} className="pn-nowrap" data-label={label}>
                {formatCents(cents(r))}
              </td>
            ))}
          </tr>
        ))}
        {rows.length > 1 && (
          <tr>
            <th scope="row" data-label="Dispositif">
              Total
            </th>
            {AMOUNTS.map(([label, cents]) => (
              <td key={label} className="pn-nowrap" data-label={label}>
                {formatCents(rows.reduce((t, r) => t + cents(r), 0))}
              </td>
            ))}
          </tr>
        )}
      </tbody>
    </TableFrame>
  );
}
