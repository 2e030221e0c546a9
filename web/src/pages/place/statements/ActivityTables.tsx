import { fr } from '@codegouvfr/react-dsfr';
import { placeSessionsCsvUrl, usePlaceActivity } from '../../../api/redemptions';
import type { PlaceActivity } from '../../../api/types';
import { formatCents, formatDate, todayInParis } from '../../../lib/format';
import { PeriodFields } from '../../../ui/form/PeriodFields';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';

type Figures = Omit<PlaceActivity['byTheme'][number], 'theme'>;

/** « 1 h 30 », « 45 min »: the time the sessions took. */
const hours = (minutes: number) => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
};

/**
 * The place's sessions of a period (this month by default) by theme and by who recorded them,
 * with the CSV of its sessions one by one: what a coordinator reads of its mediators' work.
 */
export function ActivityTables({ placeId }: { placeId: string }) {
  const today = todayInParis();
  return (
    <PeriodFields
      name="activite"
      fromLabel="Séances du"
      initialFrom={`${today.slice(0, 8)}01`}
      initialTo={today}
    >
      {(from, to) => <Activity placeId={placeId} from={from} to={to} />}
    </PeriodFields>
  );
}

function Activity({ placeId, from, to }: { placeId: string; from: string; to: string }) {
  const activity = usePlaceActivity(placeId, from, to);
  const period = `du ${formatDate(from)} au ${formatDate(to)}`;
  return (
    <>
      {activity.isPending && <Loading what="Chargement de l’activité…" />}
      {activity.error && <QueryError error={activity.error} what="l’activité du lieu" />}
      {activity.data && activity.data.byTheme.length === 0 && <p>Aucune séance {period}.</p>}
      {activity.data && activity.data.byTheme.length > 0 && (
        <>
          <FiguresTable
            caption={`Séances ${period}, par thème`}
            first="Thème"
            rows={activity.data.byTheme.map((r) => ({ name: r.theme, ...r }))}
          />
          <FiguresTable
            caption={`Séances ${period}, par personne ou logiciel qui les a enregistrées`}
            first="Enregistré par"
            rows={activity.data.byRecorder.map((r) => ({ name: r.recordedBy, ...r }))}
          />
        </>
      )}
      <p>
        <a
          className={`${fr.cx('fr-btn', 'fr-btn--sm', 'fr-btn--secondary')} pn-touch`}
          href={placeSessionsCsvUrl(placeId, from, to)}
          download
        >
          Télécharger les séances de la période (CSV)
        </a>
      </p>
    </>
  );
}

function FiguresTable({
  caption,
  first,
  rows,
}: {
  caption: string;
  first: string;
  rows: (Figures & { name: string })[];
}) {
  return (
    <TableFrame stacked caption={caption}>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col">Séances</th>
          <th scope="col">Durée</th>
          <th scope="col">Valeur</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          // Two people may bear one name: the row's place keeps them apart.
          <tr key={`${i}-${r.name}`}>
            <th scope="row" data-label={first}>
              {r.name}
            </th>
            <td data-label="Séances">{r.sessions}</td>
            <td className="pn-nowrap" data-label="Durée">
              {hours(r.minutes)}
            </td>
            <td className="pn-nowrap" data-label="Valeur">
              {formatCents(r.valueCents)}
            </td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
