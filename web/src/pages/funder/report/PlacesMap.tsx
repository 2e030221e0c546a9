import { fr } from '@codegouvfr/react-dsfr';
import { lazy, Suspense } from 'react';
import { usePublicConfig } from '../../../api/directory';
import { type ReportPeriod, useReportPlaces } from '../../../api/report';
import { formatInt } from '../../../lib/format';
import { Loading } from '../../../ui/Loading';
import { ErrorBoundary } from '../../public/directory/ErrorBoundary';
import { markerSize, sessionsText } from './placesMapScale';
import type { MappedPlace } from './SessionsMap';

const SessionsMap = lazy(() => import('./SessionsMap'));

const CAPTION = 'Carte des lieux des séances de la période';

/**
 * Where the period's sessions were given, for people who would rather look than read: a map of
 * every place that took passes, each a disc with its number of sessions, its legend below it,
 * and the same places as a list (the map's alternative, RGAA 1.3: a keyboard or a screen reader
 * reads the list). The map is a complement: if it or its tiles fail, the list holds everything.
 */
export function PlacesMap({ programId, period }: { programId: string; period: ReportPeriod }) {
  const report = useReportPlaces(programId, period);
  if (report.isError) return null;
  if (!report.data) return <Loading what="Chargement de la carte des lieux…" />;
  const places = report.data.places;
  if (places.length === 0) return null;
  const mapped = places.filter((p): p is MappedPlace => p.latitude !== null && p.longitude !== null);
  const missing = places.length - mapped.length;
  const most = Math.max(...places.map((p) => p.sessions));
  const least = Math.min(...places.map((p) => p.sessions));
  return (
    <figure className={`${fr.cx('fr-my-4w')} pn-places-map`} aria-labelledby="carte-bilan-titre">
      <figcaption id="carte-bilan-titre" className={fr.cx('fr-text--bold', 'fr-mb-1w')}>
        {CAPTION}
      </figcaption>
      {mapped.length > 0 && <MapPanel places={mapped} most={most} />}
      <div className="pn-map-legend" data-testid="legende-carte-bilan">
        <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
          Légende : chaque disque est un lieu ; le nombre écrit dessus est celui de ses séances pendant la
          période, et sa surface croît avec lui.
        </p>
        <ul className={`${fr.cx('fr-raw-list', 'fr-text--sm')} pn-map-legend__scale`}>
          {[...new Set([least, most])].map((n) => (
            <li key={n}>
              <span
                className="pn-map-count"
                aria-hidden="true"
                style={{ width: markerSize(n, most), height: markerSize(n, most) }}
              >
                {formatInt(n)}
              </span>{' '}
              {n === least && least !== most
                ? 'le moins : '
                : n === most && least !== most
                  ? 'le plus : '
                  : ''}
              {sessionsText(n)}
            </li>
          ))}
        </ul>
        {missing > 0 && (
          <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
            {missing > 1
              ? `${formatInt(missing)} lieux n’ont pas de coordonnées dans leur fiche : ils sont dans la liste, pas sur la carte.`
              : 'Un lieu n’a pas de coordonnées dans sa fiche : il est dans la liste, pas sur la carte.'}
          </p>
        )}
      </div>
      <details className={fr.cx('fr-mt-1w')}>
        <summary>
          {places.length > 1
            ? `Les ${formatInt(places.length)} lieux de la carte, en liste`
            : 'Le lieu de la carte, en liste'}
        </summary>
        <ul data-testid="liste-carte-bilan">
          {places.map((p) => (
            <li key={p.placeId}>
              {p.name}
              {p.commune ? ` (${p.commune})` : ''} : {sessionsText(p.sessions)}
              {p.latitude === null ? ' — pas sur la carte' : ''}
            </li>
          ))}
        </ul>
      </details>
    </figure>
  );
}

function MapPanel({ places, most }: { places: MappedPlace[]; most: number }) {
  const config = usePublicConfig();
  const fallback = <p>La carte n’a pas pu s’afficher : la liste ci-dessous contient tous les lieux.</p>;
  if (config.isError) return fallback;
  if (!config.data) return <Loading what="Chargement de la carte…" />;
  return (
    <ErrorBoundary fallback={fallback}>
      <Suspense fallback={<Loading what="Chargement de la carte…" />}>
        <SessionsMap
          places={places}
          most={most}
          tileUrl={config.data.mapTileUrl}
          attribution={config.data.mapAttribution}
        />
      </Suspense>
    </ErrorBoundary>
  );
}
