import { fr } from '@codegouvfr/react-dsfr';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { ListedPlace } from '../../../api/directory';
import { fitTo, useBaseMap } from '../../../ui/map/baseMap';
import { postalAddress } from './format';

interface Props {
  places: ListedPlace[];
  /** The programme's départements: the view when no place is on the map. */
  departements: readonly string[];
  tileUrl: string;
  attribution: string;
  /** Opens a place's page in the app (the popup's link also works as a plain link). */
  onOpen: (placeId: string) => void;
}

/**
 * The directory's map, in a chunk of its own (Leaflet): the same places as the list, as
 * markers whose popups link to each place's page, open or not told by their shape and colour
 * and by the legend below the map. A visual complement only: the list holds
 * everything, so a page whose map or tiles fail loses nothing.
 */
export default function DirectoryMap({ places, departements, tileUrl, attribution, onOpen }: Props) {
  const { element, map, markers } = useBaseMap(tileUrl, attribution);
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    const m = map.current;
    const group = markers.current;
    if (!m || !group) return;
    group.clearLayers();
    const points: L.LatLngTuple[] = [];
    for (const p of places) {
      if (p.latitude === null || p.longitude === null) continue;
      points.push([p.latitude, p.longitude]);
      // Open or not, said by the shape as well as the colour (a disc, a square), as the legend says.
      const marker = L.marker([p.latitude, p.longitude], {
        icon: L.divIcon({
          className: `pn-map-place pn-map-place--${p.openNow ? 'open' : 'closed'}`,
          html: '<span class="pn-map-place__shape" aria-hidden="true"></span>',
          iconSize: [22, 22],
          popupAnchor: [0, -8],
        }),
      })
        .bindPopup(() => popup(p, (id) => open.current(id)))
        .addTo(group);
      marker.getElement()?.setAttribute('aria-label', `${p.name} : ${p.openNow ? OPEN : CLOSED}`);
    }
    fitTo(m, points, departements);
  }, [places, departements]);

  return (
    <>
      <div ref={element} className="pn-map" data-testid="carte-annuaire" />
      <ul
        className={`${fr.cx('fr-raw-list', 'fr-text--sm', 'fr-mt-1w')} pn-map-legend`}
        aria-label="Légende de la carte"
      >
        <li>
          <span className="pn-map-place pn-map-place--open pn-map-place--legend" aria-hidden="true">
            <span className="pn-map-place__shape" />
          </span>{' '}
          Disque vert : {OPEN}
        </li>
        <li>
          <span className="pn-map-place pn-map-place--closed pn-map-place--legend" aria-hidden="true">
            <span className="pn-map-place__shape" />
          </span>{' '}
          Carré violet : {CLOSED}
        </li>
      </ul>
    </>
  );
}

const OPEN = 'ouvert maintenant';
const CLOSED = 'fermé maintenant, ou horaires non renseignés';

/** The popup's content, built as elements: a place's name is text, never HTML. */
function popup(p: ListedPlace, onOpen: (id: string) => void): HTMLElement {
  const box = document.createElement('div');
  const link = document.createElement('a');
  link.href = `/annuaire/lieu/${p.id}`;
  link.textContent = p.name;
  link.className = 'fr-link';
  link.addEventListener('click', (e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    onOpen(p.id);
  });
  const address = document.createElement('p');
  address.className = 'fr-text--sm fr-mb-0';
  address.textContent = postalAddress(p);
  box.append(link, address);
  return box;
}
