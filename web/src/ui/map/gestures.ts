/*
 * How a map answers fingers. On a phone the map spans nearly the page's width: with Leaflet's
 * one-finger dragging, a swipe meant to scroll the page panned the map instead and the page
 * seemed stuck. On a touch screen one finger scrolls the page, two fingers move and zoom the map
 * (Leaflet's pinch zoom pans as it zooms), and a one-finger swipe shows a hint saying so. The
 * keyboard's arrows and the zoom buttons work everywhere.
 */

/** Leaflet's interaction options for a touch screen or not. */
export function interactionOptions(touch: boolean) {
  return { dragging: !touch, touchZoom: true, keyboard: true, scrollWheelZoom: false } as const;
}

export const TWO_FINGERS_HINT = 'Utilisez deux doigts pour déplacer la carte.';

/** How long the hint stays after the last one-finger swipe, in milliseconds. */
const HINT_MS = 1500;

/**
 * Shows `hint` (an element inside the map's container) while one finger swipes over the map,
 * hides it when two fingers take over or shortly after; the listeners are passive, so the page
 * scrolls as usual. Returns what removes them.
 */
export function showHintOnOneFinger(container: HTMLElement, hint: HTMLElement): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hide = () => hint.classList.remove('pn-map-hint--shown');
  const onMove = (e: TouchEvent) => {
    clearTimeout(timer);
    if (e.touches.length !== 1) return hide();
    hint.classList.add('pn-map-hint--shown');
    timer = setTimeout(hide, HINT_MS);
  };
  container.addEventListener('touchmove', onMove, { passive: true });
  return () => {
    clearTimeout(timer);
    container.removeEventListener('touchmove', onMove);
  };
}

/** Whether the device's main pointer is a finger (a phone, a tablet, whatever its browser says). */
export function touchScreen(leafletMobile: boolean): boolean {
  return (
    leafletMobile ||
    (typeof matchMedia === 'function' && matchMedia('(hover: none) and (pointer: coarse)').matches)
  );
}
