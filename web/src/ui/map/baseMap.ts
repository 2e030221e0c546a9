import L from 'leaflet';
import { useEffect, useRef } from 'react';
import 'leaflet/dist/leaflet.css';
import { interactionOptions, showHintOnOneFinger, TWO_FINGERS_HINT, touchScreen } from './gestures';
import { emptyMapBounds, FRANCE } from './territoryBounds';

/*
 * The platform's maps (the public directory's, the Bilan's), on Leaflet with the tiles the
 * server's configuration names (`/public/config`: OpenStreetMap's by default, no other outside
 * service). Imported by the maps' own chunks only: Leaflet loads with the first map shown.
 */

/**
 * A map in `element`: French zoom buttons, the page's scroll left to the page (a wheel over the
 * map scrolls on; on a touch screen one finger scrolls, two move the map: see gestures.ts), its
 * tiles and their attribution, France in view. Its markers are drawn by the browser, not the
 * tiles: a map whose tiles fail to load (no network) still shows them.
 */
export function baseMap(element: HTMLElement, tileUrl: string, attribution: string): L.Map {
  const touch = touchScreen(L.Browser.mobile);
  const m = L.map(element, { zoomControl: false, ...interactionOptions(touch) });
  if (touch) {
    const hint = L.DomUtil.create('div', 'pn-map-hint', m.getContainer());
    hint.textContent = TWO_FINGERS_HINT;
    hint.setAttribute('aria-hidden', 'true');
    m.on('unload', showHintOnOneFinger(m.getContainer(), hint));
  }
  L.control.zoom({ zoomInTitle: 'Zoomer', zoomOutTitle: 'Dézoomer' }).addTo(m);
  m.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  L.tileLayer(tileUrl, { attribution, maxZoom: 19 }).addTo(m);
  m.fitBounds(FRANCE);
  return m;
}

/**
 * The view on the points: a place alone at a street's scale, several all in sight; none, the
 * programme's territory (`departements`: Corsica or an overseas département, not the mainland).
 */
export function fitTo(m: L.Map, points: L.LatLngTuple[], departements: readonly string[] = []) {
  if (points.length === 1) m.setView(points[0]!, 14);
  else if (points.length > 1) m.fitBounds(points, { padding: [30, 30], maxZoom: 14 });
  else m.fitBounds(emptyMapBounds(departements));
}

/**
 * A component's map, made once its element is in the page and removed with it (or when its
 * tiles change), with a layer for its markers: `markers.current` is cleared and drawn anew by
 * the component when its places change.
 */
export function useBaseMap(tileUrl: string, attribution: string) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const markers = useRef<L.LayerGroup | null>(null);
  useEffect(() => {
    if (!element.current) return;
    const m = baseMap(element.current, tileUrl, attribution);
    map.current = m;
    markers.current = L.layerGroup().addTo(m);
    return () => {
      m.remove();
      map.current = null;
    };
  }, [tileUrl, attribution]);
  return { element, map, markers };
}
