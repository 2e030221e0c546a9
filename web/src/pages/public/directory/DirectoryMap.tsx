import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import type { ListedPlace } from '../../../api/directory';
import { postalAddress } from './format';

interface Props {
  places: ListedPlace[];
  tileUrl: string;
  attribution: string;
  /** Opens a place's page in the app (the popup's link also works as a plain link). */
  onOpen: (placeId: string) => void;
}

// France, when no place has coordinates.
const FRANCE: L.LatLngBoundsExpression = [
  [42.3, -4.8],
  [51.1, 8.3],
];

/**
 * The directory's map, in a chunk of its own (Leaflet): the same places as the list, as
 * markers whose popups link to each place's page. A visual complement only: the list holds
 * everything, so a page whose map or tiles fail loses nothing.
 */
export default function DirectoryMap({ places, tileUrl, attribution, onOpen }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const markers = useRef<L.LayerGroup | null>(null);
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    if (!element.current) return;
    const m = L.map(element.current, { zoomControl: false, scrollWheelZoom: false });
    L.control.zoom({ zoomInTitle: 'Zoomer', zoomOutTitle: 'Dézoomer' }).addTo(m);
    m.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    L.tileLayer(tileUrl, { attribution, maxZoom: 19 }).addTo(m);
    m.fitBounds(FRANCE);
    map.current = m;
    markers.current = L.layerGroup().addTo(m);
    return () => {
      m.remove();
      map.current = null;
    };
  }, [tileUrl, attribution]);

  useEffect(() => {
    const m = map.current;
    const group = markers.current;
    if (!m || !group) return;
    group.clearLayers();
    const points: L.LatLngTuple[] = [];
    for (const p of places) {
      if (p.latitude === null || p.longitude === null) continue;
      points.push([p.latitude, p.longitude]);
      L.circleMarker([p.latitude, p.longitude], {
        radius: 9,
        color: '#000091',
        weight: 2,
        fillColor: p.openNow ? '#18753c' : '#6a6af4',
        fillOpacity: 0.85,
      })
        .bindPopup(() => popup(p, (id) => open.current(id)))
        .addTo(group);
    }
    if (points.length === 1) m.setView(points[0]!, 14);
    else if (points.length > 1) m.fitBounds(points, { padding: [30, 30], maxZoom: 14 });
  }, [places]);

  return <div ref={element} className="pn-map" data-testid="carte-annuaire" />;
}

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
