import { useState } from 'react';
import { usePayables } from '../../../api/statements';
import { formatCents, todayInParis } from '../../../lib/format';
import { TextField } from '../../../ui/form/TextField';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';

/** What the funder owes each place, per programme, at the end of a chosen day. */
export function PayablesTable({ funderId }: { funderId: string }) {
  const [asOf, setAsOf] = useState(todayInParis());
  const payables = usePayables(funderId, asOf);
  return (
    <>
      <TextField
        name="asOf"
        type="date"
        label="À la date du"
        hint="Les montants sont ceux du soir de ce jour."
        className="pn-narrow"
        value={asOf}
        onChange={(v) => v && setAsOf(v)}
      />
      {payables.isPending && <Loading />}
      {payables.error && <QueryError error={payables.error} what="les sommes dues" />}
      {payables.data && payables.data.length === 0 && <p>Rien n’est dû ni payé à cette date.</p>}
      {payables.data && payables.data.length > 0 && (
        <TableFrame caption="Sommes dues aux lieux, par dispositif">
          <thead>
            <tr>
              <th scope="col">Lieu</th>
              <th scope="col">Dispositif</th>
              <th scope="col">Dû</th>
              <th scope="col">Dont en relevé</th>
              <th scope="col">Approuvé</th>
              <th scope="col">Envoyé en paiement</th>
              <th scope="col">Payé</th>
              <th scope="col">Reste de virements payés en partie</th>
              <th scope="col">Passé en perte</th>
            </tr>
          </thead>
          <tbody>
            {payables.data.map((r) => (
              <tr key={`${r.placeId}-${r.programId}`}>
                <th scope="row">{r.placeName}</th>
                <td>{r.programName}</td>
                <td>{formatCents(r.owedCents)}</td>
                <td>{formatCents(r.inStatementCents)}</td>
                <td>{formatCents(r.approvedCents)}</td>
                <td>{formatCents(r.sentCents)}</td>
                <td>{formatCents(r.paidCents)}</td>
                <td>{formatCents(r.remainderCents)}</td>
                <td>{formatCents(r.writtenOffCents)}</td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </>
  );
}
