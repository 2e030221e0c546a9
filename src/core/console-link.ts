/**
 * A link into a console's pages that names the organisation it is about. A person may belong to
 * several funders (an operator under mandate for two), serve several places or prescriber
 * organisations, and the web app works for the one last chosen in the browser: an e-mail about
 * one place's statement, or one funder's contest, opened while another was chosen showed the
 * other's. The web app reads the parameter on arrival (web/src/ui/consoleOfLink.tsx), switches
 * to that organisation when the person belongs to it, and says so when they do not.
 */
export type LinkedConsole = 'funder' | 'place' | 'prescriber';

/** Each console's parameter: `?financeur=<funderId>`, `?lieu=<placeId>`, `?structure=<organisationId>`. */
export const CONSOLE_LINK_PARAMS = {
  funder: 'financeur',
  place: 'lieu',
  prescriber: 'structure',
} as const satisfies Record<LinkedConsole, string>;

/** `/lieu/releves?lieu=<id>`: the path as it was when no organisation is known (a message queued before). */
export function consolePath(console: LinkedConsole, path: string, id: string | undefined): string {
  if (!id) return path;
  const separator = path.includes('?') ? '&' : '?';
  return `${path}${separator}${CONSOLE_LINK_PARAMS[console]}=${encodeURIComponent(id)}`;
}
