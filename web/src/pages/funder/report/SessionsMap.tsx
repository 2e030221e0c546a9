import L from 'leaflet';
import { useEffect } from 'react';
import type { ReportPlaces } from '../../../api/types';
import { formatInt } from '../../../lib/format';
import { fitTo, useBaseMap } from '../../../ui/map/baseMap';
import { markerSize, sessionsText } from './placesMapScale';

export type MappedPlace = ReportPlaces['places'][number] & { latitude: number; longitude: number };

interface Props {
  places: MappedPlace[];
  /** the most sessions of a place: the largest disc */
  most: number;
  tileUrl: string;
  attribution: string;
}

/**
 * The Bilan's map, in a chunk of its own (Leaflet, as the public directory's): each place a
 * disc with its number of sessions written on it, its size growing with that number. The discs
 * are HTML drawn by the browser: without the tiles (no network) they and their numbers show.
 */
export default function SessionsMap({ places, most, tileUrl, attribution }: Props) {
  const { element, map, markers } = useBaseMap(tileUrl, attribution);

  useEffect(() => {
    const m = map.current;
    const group = markers.current;
    if (!m || !group) return;
    group.clearLayers();
    // The smallest first: a busy place's disc is drawn over its quieter neighbours'.
    for (const p of [...places].sort((a, b) => a.sessions - b.sessions)) {
      const size = markerSize(p.sessions, most);
      const name = `${p.name}${p.commune ? ` (${p.commune})` : ''} : ${sessionsText(p.sessions)}`;
      const marker = L.marker([p.latitude, p.longitude], {
        icon: L.divIcon({
          className: 'pn-map-count',
          html: `<span aria-hidden="true">${formatInt(p.sessions)}</span>`,
          iconSize: [size, size],
        }),
        keyboard: true,
        riseOnHover: true,
      })
        .bindTooltip(textOf(name), { direction: 'top', offset: [0, -size / 2] })
        .addTo(group);
      marker.getElement()?.setAttribute('aria-label', name);
    }
    fitTo(
      m,
      places.map((p) => [p.latitude, p.longitude]),
    );
  }, [places, most]);

  return <div ref={element} className="pn-map" data-testid="carte-bilan" />;
}

/**
 * Leaflet writes a string tooltip as HTML; a place's name is chosen by its admin, so it goes in
 * as text, or a name with markup would draw a link over the funder's map.
 */
function textOf(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}
