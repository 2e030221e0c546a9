import { fr } from '@codegouvfr/react-dsfr';
import { useState } from 'react';
import { type PlaceYearRow, placeYearCsvUrl, usePlaceYear } from '../../../api/statements';
import { formatCents, formatDate, todayInParis } from '../../../lib/format';
import { SelectField } from '../../../ui/form/SelectField';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';

/** The years offered: this one and the four before (a year's accounts are closed within a few). */
const YEARS_BACK = 4;

/** The year's figures, in the order of the accounts: the year's activity, then its end. */
const AMOUNTS: [label: string, cents: (r: PlaceYearRow) => number][] = [
  ['Séances de l’année', (r) => r.redeemedCents],
  ['Payé dans l’année', (r) => r.paidCents],
  ['Passé en perte dans l’année', (r) => r.writtenOffCents],
  ['Dû en fin d’année', (r) => r.owedCents],
  ['Dont en relevé', (r) => r.inStatementCents],
  ['Dont approuvé', (r) => r.approvedCents],
];

/**
 * The place's year for its accounts, per funder and programme, with a total and its CSV: what a
 * treasurer puts in the year's income (the sessions), what came in, and what was still owed at
 * the year's end (today for the year in progress).
 */
export function YearTable({ placeId }: { placeId: string }) {
  const current = Number(todayInParis().slice(0, 4));
  const [year, setYear] = useState(current);
  return (
    <>
      <SelectField
        name="annee"
        label="Année"
        value={String(year)}
        onChange={(v) => setYear(Number(v))}
        options={Array.from({ length: YEARS_BACK + 1 }, (_, i) => String(current - i)).map((y) => ({
          value: y,
          label: y,
        }))}
      />
      <Year placeId={placeId} year={year} />
      <p>
        <a
          className={`${fr.cx('fr-btn', 'fr-btn--sm', 'fr-btn--secondary')} pn-touch`}
          href={placeYearCsvUrl(placeId, year)}
          download
        >
          Télécharger l’année {year} (CSV)
        </a>
      </p>
    </>
  );
}

function Year({ placeId, year }: { placeId: string; year: number }) {
  const summary = usePlaceYear(placeId, year);
  if (summary.isPending) return <Loading what={`Chargement de l’année ${year}…`} />;
  if (summary.error) return <QueryError error={summary.error} what={`l’année ${year}`} />;
  const { to, rows } = summary.data;
  if (rows.length === 0) return <p>Aucune séance ni aucun paiement en {year}.</p>;
  const caption =
    to === `${year}-12-31`
      ? `Année ${year}, par dispositif`
      : `Année ${year} jusqu’au ${formatDate(to)}, par dispositif`;
  return (
    <TableFrame stacked caption={caption}>
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
          <tr key={`${r.funderId}-${r.programId}`}>
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
