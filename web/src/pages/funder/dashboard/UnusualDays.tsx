import { Link } from '@tanstack/react-router';
import { timesInWords } from '../../../../../src/core/unusual-day';
import type { ProgramDashboard } from '../../../api/types';
import { formatDate, formatInt } from '../../../lib/format';
import { TableFrame } from '../../../ui/TableFrame';

const usual = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/**
 * The days a place redeemed far more passes than it usually does, by the funder's rule (its
 * settings; the server judges, this says the rule in words): for the funder to look at, with
 * the place's page one click away. Nothing is refused on this ground.
 */
export function UnusualDays({
  days,
  rule,
}: {
  days: ProgramDashboard['unusualDays'];
  rule: ProgramDashboard['unusualDayRule'];
}) {
  return (
    <>
      <p>
        Les jours des quatre dernières semaines où un lieu a encaissé au moins {formatInt(rule.minimum)} pass
        de ce dispositif, et plus de {timesInWords(rule.factor)} fois ce qu’il encaisse d’habitude (sa moyenne
        des jours où il en a encaissé, les quatre semaines d’avant). Ce n’est pas une anomalie en soi (un
        atelier collectif, une permanence exceptionnelle) : c’est à regarder. Ce seuil se règle dans les{' '}
        <Link to="/financeur/parametres" hash="journees-inhabituelles">
          paramètres du financeur
        </Link>
        .
      </p>
      {days.length === 0 ? (
        <p data-testid="dashboard-unusual-none">Aucune journée inhabituelle ces quatre dernières semaines.</p>
      ) : (
        <TableFrame caption="Journées inhabituelles des lieux">
          <thead>
            <tr>
              <th scope="col">Jour</th>
              <th scope="col">Lieu</th>
              <th scope="col">Pass encaissés ce jour</th>
              <th scope="col">D’habitude, par jour d’activité</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={`${d.placeId} ${d.day}`} data-testid="dashboard-unusual-day">
                <td className="pn-nowrap">{formatDate(d.day)}</td>
                <th scope="row">
                  <Link to="/financeur/lieux/$placeId" params={{ placeId: d.placeId }}>
                    {d.placeName}
                  </Link>
                </th>
                <td className="pn-nowrap">{formatInt(d.redemptions)}</td>
                <td>
                  {d.usualPerDay === null
                    ? 'aucun pass les quatre semaines d’avant'
                    : usual.format(d.usualPerDay)}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </>
  );
}
