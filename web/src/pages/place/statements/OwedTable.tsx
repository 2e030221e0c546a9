import { fr } from '@codegouvfr/react-dsfr';
import { useState } from 'react';
import { type PlacePayableRow, usePlacePayables } from '../../../api/statements';
import { formatCents, formatDate, todayInParis } from '../../../lib/format';
import { TextField } from '../../../ui/form/TextField';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';

/** The amounts, from the sessions recorded to the money received, as the funder's columns. */
const AMOUNTS: [label: string, cents: (r: PlacePayableRow) => number][] = [
  ['Dû', (r) => r.owedCents],
  ['Dont pas encore sur un relevé', (r) => r.notStatedCents],
  ['Dont en relevé', (r) => r.inStatementCents],
  ['Dont approuvé', (r) => r.approvedCents],
  ['Dont envoyé à la banque', (r) => r.sentCents],
  ['Payé depuis le début', (r) => r.paidCents],
];

/**
 * What the place is owed at the end of a chosen day (today by default), per funder and
 * programme, and a total: the funder's own figures (its « Sommes dues aux lieux »), read by the
 * same rule. The statements below list the months one by one; the sessions recorded since the
 * last one are on none of them yet.
 */
export function OwedTable({ placeId }: { placeId: string }) {
  const today = todayInParis();
  const [typed, setTyped] = useState(today);
  // As on the funder's page: a day to come typed in is said at the field, and the table of the
  // last day asked stays (the server would refuse it).
  const [asOf, setAsOf] = useState(today);
  return (
    <>
      <TextField
        name="owedAsOf"
        type="date"
        label="À la date du"
        hint="Les montants sont ceux du soir de ce jour."
        className="pn-narrow"
        max={today}
        value={typed}
        error={
          typed > today
            ? 'Choisissez aujourd’hui ou un jour passé : les sommes d’un jour à venir ne sont pas connues.'
            : undefined
        }
        onChange={(v) => {
          if (!v) return;
          setTyped(v);
          if (v <= today) setAsOf(v);
        }}
      />
      <Owed placeId={placeId} asOf={asOf} />
    </>
  );
}

function Owed({ placeId, asOf: day }: { placeId: string; asOf: string }) {
  const owed = usePlacePayables(placeId, day);
  if (owed.isPending) return <Loading what="Chargement de ce qui vous est dû…" />;
  if (owed.error) return <QueryError error={owed.error} what="ce qui vous est dû" />;
  const { asOf, rows } = owed.data;
  if (rows.length === 0)
    return asOf === todayInParis() ? (
      <p>Aucune séance enregistrée pour l’instant : rien ne vous est dû.</p>
    ) : (
      <p>Aucune séance enregistrée au {formatDate(asOf)} : rien ne vous était dû.</p>
    );
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
