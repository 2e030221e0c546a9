/**
 * A link into a place's pages that names the place. A person may serve several places, and the
 * web app works for the one last chosen in the browser: an e-mail about one place's statement
 * opened while another was chosen showed the other's. The web app reads `?lieu=` on arrival,
 * switches to that place when the person belongs to it, and says so when they do not.
 */
export const PLACE_LINK_PARAM = 'lieu';

/** `/lieu/releves?lieu=<id>`: the path as it was when no place is known (a message queued before). */
export function placePath(path: string, placeId: string | undefined): string {
  if (!placeId) return path;
  const separator = path.includes('?') ? '&' : '?';
  return `${path}${separator}${PLACE_LINK_PARAM}=${encodeURIComponent(placeId)}`;
}
