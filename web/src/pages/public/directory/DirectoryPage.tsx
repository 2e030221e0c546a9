import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { STANDARD_SERVICES } from '../../../../../src/core/session';
import {
  brokenLink,
  type ListedPlace,
  type PlaceFilters,
  type PlaceSearchResult,
  useDirectoryPlaces,
  useDirectoryPrograms,
  usePublicConfig,
} from '../../../api/directory';
import type { DirectorySearch } from '../../../lib/directorySearch';
import { SelectField } from '../../../ui/form/SelectField';
import { fieldId } from '../../../ui/form/useForm';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { useDocumentTitle } from '../../../ui/useDocumentTitle';
import { CommuneField } from '../../prescriber/CommuneField';
import { ErrorBoundary } from './ErrorBoundary';
import { formatDistance, fundedBy, outsideTerritoryLabel, postalAddress } from './format';

// Leaflet and its styles in a chunk of their own, fetched once the list is on screen.
const DirectoryMap = lazy(() => import('./DirectoryMap'));

const DISTANCES = [2, 5, 10, 20, 50];

/**
 * /annuaire/$programId: the places that take a programme's passes, as a list (the page's
 * content, usable with a keyboard and a screen reader) and on a map (a visual complement).
 */
const LOCATE_ID = 'lieux-autour-de-moi';

const isService = (s: string | undefined): s is string =>
  s !== undefined && (STANDARD_SERVICES as readonly string[]).includes(s);

export function DirectoryPage({ programId, search }: { programId: string; search: DirectorySearch }) {
  const programs = useDirectoryPrograms();
  const program = programs.data?.find((p) => p.id === programId);
  useDocumentTitle(program ? `Où utiliser le pass « ${program.name} »` : 'Annuaire des lieux');
  // The filters start from the address (Back from a place's page) and are written back to it.
  const [commune, setCommune] = useState(search.commune ?? '');
  const [communeName, setCommuneName] = useState(search.nom ?? '');
  // Words in the commune's box that are no commune chosen filter nothing: the count says so.
  const [communePending, setCommunePending] = useState(false);
  const [service, setService] = useState(isService(search.service) ? search.service : '');
  const [openNow, setOpenNow] = useState(search.ouvert === true);
  useFiltersInAddress(programId, search, { commune, communeName, service, openNow });
  const [position, setPosition] = useState<{ lat: number; lon: number } | null>(null);
  const [radiusKm, setRadiusKm] = useState('10');
  const [locating, setLocating] = useState<'idle' | 'asking' | 'refused'>('idle');
  const filters: PlaceFilters = {
    ...(commune ? { commune } : {}),
    ...(service ? { service } : {}),
    ...(openNow ? { openNow } : {}),
    ...(position ? { lat: position.lat, lon: position.lon, radiusKm: Number(radiusKm) } : {}),
  };
  const places = useDirectoryPlaces(programId, filters);
  // A commune without a place: its intercommunality's, or its département's, rather than nothing.
  const shown = places.data ? (places.data.wider?.places ?? places.data.places) : [];

  // The button pressed gives way to another control (the distance, or the button back): the
  // keyboard's focus goes to it, rather than to the top of the page.
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  }, [position]);
  const locate = () => {
    if (locating === 'asking') return;
    if (!('geolocation' in navigator)) return setLocating('refused');
    setLocating('asking');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        focusNext.current = fieldId('radiusKm');
        setPosition({ lat: p.coords.latitude, lon: p.coords.longitude });
        setLocating('idle');
      },
      () => setLocating('refused'),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  };
  // The commune's box keeps what was typed: a new key empties it with the filter.
  const [cleared, setCleared] = useState(0);
  const reset = () => {
    setCleared((n) => n + 1);
    setCommune('');
    setCommuneName('');
    setCommunePending(false);
    setService('');
    setOpenNow(false);
    setPosition(null);
  };

  // A link cut short is not a pass that cannot be used: each is said as it is.
  const broken = brokenLink(places.error, 'programId');
  if (broken)
    return (
      <>
        <h1>Annuaire des lieux</h1>
        <p>
          {broken === 'mangled'
            ? 'Ce lien est incomplet : il a peut-être été coupé dans un message. Choisissez votre pass dans la liste des pass.'
            : 'Ces pass ne peuvent pas être utilisés aujourd’hui : aucun lieu n’est à afficher pour eux.'}
        </p>
        <Link to="/annuaire" className={fr.cx('fr-link')}>
          {broken === 'mangled' ? 'Voir la liste des pass' : 'Voir les autres pass'}
        </Link>
      </>
    );

  return (
    <>
      <nav aria-label="Vous êtes ici" className={fr.cx('fr-mb-2w')}>
        <Link to="/annuaire" className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
          Tous les pass
        </Link>
      </nav>
      <h1>Où utiliser le pass {program ? `« ${program.name} »` : 'numérique'} ?</h1>
      {program && <p>Pass {fundedBy(program.funderName)}.</p>}

      <form
        noValidate
        aria-label="Filtrer les lieux"
        onSubmit={(e) => e.preventDefault()}
        // Hints at the body's size: the directory is read by beneficiaries, often on a phone.
        className={`${fr.cx('fr-mb-4w')} pn-hint--body`}
      >
        <fieldset className={fr.cx('fr-fieldset')}>
          <legend className={fr.cx('fr-fieldset__legend', 'fr-h5')}>Filtrer les lieux</legend>
          <div className={fr.cx('fr-fieldset__element')}>
            <CommuneField
              key={cleared}
              name="commune"
              label="Commune"
              required={false}
              value={commune}
              onChange={setCommune}
              onChoose={(c) => setCommuneName(c ? c.label.replace(/ — commune$/, '') : '')}
              initialCommune={
                search.commune && search.nom ? { code: search.commune, name: search.nom } : null
              }
              onPending={setCommunePending}
            />
          </div>
          <div className={fr.cx('fr-fieldset__element')}>
            <SelectField
              name="service"
              label="Service"
              placeholder="Tous les services"
              options={STANDARD_SERVICES.map((s) => ({ value: s, label: s }))}
              value={service}
              onChange={setService}
            />
          </div>
          <div className={fr.cx('fr-fieldset__element')}>
            <div className={fr.cx('fr-checkbox-group')}>
              <input
                type="checkbox"
                id="ouvert-maintenant"
                checked={openNow}
                onChange={(e) => setOpenNow(e.target.checked)}
              />
              <label className={fr.cx('fr-label')} htmlFor="ouvert-maintenant">
                Ouvert maintenant
              </label>
            </div>
          </div>
          <div className={fr.cx('fr-fieldset__element')}>
            {position ? (
              <>
                <SelectField
                  name="radiusKm"
                  label="Distance autour de ma position"
                  options={DISTANCES.map((d) => ({ value: String(d), label: `${d} km` }))}
                  value={radiusKm}
                  onChange={setRadiusKm}
                />
                <Button
                  priority="tertiary"
                  size="small"
                  type="button"
                  onClick={() => {
                    focusNext.current = LOCATE_ID;
                    setPosition(null);
                  }}
                >
                  Ne plus utiliser ma position
                </Button>
              </>
            ) : (
              <>
                <Button
                  priority="secondary"
                  type="button"
                  iconId="fr-icon-map-pin-2-line"
                  onClick={locate}
                  // Busy, not disabled: a disabled button would drop the keyboard's focus.
                  nativeButtonProps={{ id: LOCATE_ID, 'aria-disabled': locating === 'asking' || undefined }}
                >
                  {locating === 'asking' ? 'Recherche de votre position…' : 'Lieux autour de moi'}
                </Button>
                {locating === 'refused' && (
                  <p className={fr.cx('fr-error-text')} role="alert">
                    Votre position n’est pas disponible : choisissez plutôt une commune.
                  </p>
                )}
              </>
            )}
          </div>
          <div className={fr.cx('fr-fieldset__element')}>
            <Button priority="tertiary" type="button" onClick={reset}>
              Effacer les filtres
            </Button>
          </div>
        </fieldset>
      </form>

      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <section className={fr.cx('fr-col-12', 'fr-col-md-6')} aria-labelledby="liste-lieux">
          <h2 id="liste-lieux" className={fr.cx('fr-h4')}>
            Lieux
          </h2>
          <p role="status" aria-live="polite" data-testid="nombre-lieux">
            {places.isPending
              ? 'Recherche des lieux…'
              : places.isError
                ? ''
                : places.data.wider
                  ? widerLabel(places.data.wider)
                  : places.data.outsideTerritory
                    ? outsideTerritoryLabel(places.data.outsideTerritory, communeName)
                    : countLabel(places.data.places.length, communePending)}
          </p>
          {places.isError ? (
            <QueryError error={places.error} what="La liste des lieux" />
          ) : places.isPending ? null : (
            <PlaceList places={shown} />
          )}
        </section>
        <section className={fr.cx('fr-col-12', 'fr-col-md-6')} aria-labelledby="carte-lieux">
          <h2 id="carte-lieux" className={fr.cx('fr-h4')}>
            Carte
          </h2>
          <p className={fr.cx('fr-text--sm')}>
            Complément visuel de la liste : chaque lieu de la carte figure dans la liste.
          </p>
          {places.data && <MapPanel places={shown} departements={program?.departements ?? NO_DEPARTEMENT} />}
        </section>
      </div>
    </>
  );
}

/** The filters written to the address, replacing its entry: Back leaves the page, as before. */
function useFiltersInAddress(
  programId: string,
  search: DirectorySearch,
  f: { commune: string; communeName: string; service: string; openNow: boolean },
) {
  const navigate = useNavigate();
  const next: DirectorySearch = {
    ...(f.commune && f.communeName ? { commune: f.commune, nom: f.communeName } : {}),
    ...(f.service ? { service: f.service } : {}),
    ...(f.openNow ? { ouvert: true } : {}),
  };
  const key = JSON.stringify(next);
  const same = key === JSON.stringify(search);
  useEffect(() => {
    if (!same)
      void navigate({
        to: '/annuaire/$programId',
        params: { programId },
        search: JSON.parse(key),
        replace: true,
      });
  }, [key, same, programId, navigate]);
}

function countLabel(n: number, communePending: boolean) {
  // « 42 lieux trouvés » under « Abbevile » read as Abbeville's places.
  if (communePending) {
    const shown = n === 0 ? 'aucun lieu' : n === 1 ? '1 lieu' : `${n} lieux`;
    return `Commune pas encore choisie dans la liste : ${shown}, toutes communes confondues.`;
  }
  return n === 0
    ? 'Aucun lieu ne correspond à ces filtres.'
    : n === 1
      ? '1 lieu trouvé'
      : `${n} lieux trouvés`;
}

function widerLabel(wider: NonNullable<PlaceSearchResult['wider']>) {
  const area = wider.level === 'epci' ? 'l’intercommunalité' : 'le département';
  const n = wider.places.length;
  return `Aucun lieu dans cette commune. ${n === 1 ? '1 lieu' : `${n} lieux`} dans ${area} : ${wider.name}.`;
}

function PlaceList({ places }: { places: ListedPlace[] }) {
  return (
    <ul className={fr.cx('fr-raw-list')} data-testid="liste-lieux">
      {places.map((p) => (
        <li key={p.id} className={fr.cx('fr-mb-3w')}>
          <h3 className={fr.cx('fr-h6', 'fr-mb-1v')}>
            <Link to="/annuaire/lieu/$placeId" params={{ placeId: p.id }}>
              {p.name}
            </Link>
          </h3>
          <p className={fr.cx('fr-mb-1v')}>
            {postalAddress(p)}
            {p.distanceKm !== null && <> · à {formatDistance(p.distanceKm)}</>}
          </p>
          {p.openNow ? (
            <p className={fr.cx('fr-badge', 'fr-badge--success', 'fr-badge--sm', 'fr-mb-1v')}>
              Ouvert maintenant
            </p>
          ) : (
            <p className={fr.cx('fr-badge', 'fr-badge--sm', 'fr-mb-1v')}>
              {p.openingHours ? 'Fermé maintenant' : 'Horaires non renseignés'}
            </p>
          )}
          {p.services.length > 0 && (
            <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>Services : {p.services.join(' · ')}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

// One empty list for every render: the map's view is set again only when it changes.
const NO_DEPARTEMENT: readonly string[] = [];

function MapPanel({ places, departements }: { places: ListedPlace[]; departements: readonly string[] }) {
  const config = usePublicConfig();
  const navigate = useNavigate();
  const fallback = <p>La carte n’a pas pu s’afficher : la liste contient tous les lieux.</p>;
  if (config.isError) return fallback;
  if (!config.data) return <Loading what="Chargement de la carte…" />;
  return (
    <ErrorBoundary fallback={fallback}>
      <Suspense fallback={<Loading what="Chargement de la carte…" />}>
        <DirectoryMap
          places={places}
          departements={departements}
          tileUrl={config.data.mapTileUrl}
          attribution={config.data.mapAttribution}
          onOpen={(placeId) => navigate({ to: '/annuaire/lieu/$placeId', params: { placeId } })}
        />
      </Suspense>
    </ErrorBoundary>
  );
}
