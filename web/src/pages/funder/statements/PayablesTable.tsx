import { useState } from 'react';
import { type PayableRow, usePayables } from '../../../api/statements';
import { formatCents, todayInParis } from '../../../lib/format';
import { TextField } from '../../../ui/form/TextField';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';

/** The amount columns, in the order money moves: owed, stated, approved, sent, paid, and after. */
const AMOUNTS: [label: string, cents: (r: PayableRow) => number][] = [
  ['Dû', (r) => r.owedCents],
  ['Dont en relevé', (r) => r.inStatementCents],
  ['Approuvé', (r) => r.approvedCents],
  ['Envoyé en paiement', (r) => r.sentCents],
  ['Payé', (r) => r.paidCents],
  ['Reste de virements payés en partie', (r) => r.remainderCents],
  ['Passé en perte', (r) => r.writtenOffCents],
];

/** What the funder owes each place, per programme, at the end of a chosen day. */
export function PayablesTable({ funderId }: { funderId: string }) {
  const today = todayInParis();
  const [typed, setTyped] = useState(today);
  // A day typed past `max` (the field does not stop the keyboard) is said at the field, and the
  // table of the last day asked stays: the server would refuse it anyway.
  const future = typed > today;
  const [asOf, setAsOf] = useState(today);
  const payables = usePayables(funderId, asOf);
  return (
    <>
      <TextField
        name="asOf"
        type="date"
        label="À la date du"
        hint="Les montants sont ceux du soir de ce jour."
        className="pn-narrow"
        max={today}
        value={typed}
        error={
          future
            ? 'Choisissez aujourd’hui ou un jour passé : les sommes d’un jour à venir ne sont pas connues.'
            : undefined
        }
        onChange={(v) => {
          if (!v) return;
          setTyped(v);
          if (v <= today) setAsOf(v);
        }}
      />
      {payables.isPending && <Loading />}
      {payables.error && <QueryError error={payables.error} what="Le tableau des sommes dues" />}
      {payables.data && payables.data.length === 0 && <p>Rien n’est dû ni payé à cette date.</p>}
      {payables.data && payables.data.length > 0 && (
        // Stacked: the names and the long headers wrap, so the nine columns fit a laptop's width
        // (« Payé » and what follows were out of sight), and each row is a card on a phone.
        <TableFrame stacked caption="Sommes dues aux lieux, par dispositif">
          <thead>
            <tr>
              <th scope="col">Lieu</th>
              <th scope="col">Dispositif</th>
              {AMOUNTS.map(([label]) => (
                <th key={label} scope="col">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {payables.data.map((r) => (
              <tr key={`${r.placeId}-${r.programId}`}>
                <th scope="row" data-label="Lieu">
                  {r.placeName}
                </th>
                <td data-label="Dispositif">{r.programName}</td>
                {AMOUNTS.map(([label, cents]) => (
                  <td key={label} className="pn-nowrap" data-label={label}>
                    {formatCents(cents(r))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {payables.data.length > 1 && (
            <tfoot>
              <tr>
                <th scope="row" colSpan={2} data-label="Total">
                  Total
                </th>
                {AMOUNTS.map(([label, cents]) => (
                  <td key={label} className="pn-nowrap" data-label={label} data-testid={`total-${label}`}>
                    {formatCents(payables.data.reduce((t, r) => t + cents(r), 0))}
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </TableFrame>
      )}
    </>
  );
}
