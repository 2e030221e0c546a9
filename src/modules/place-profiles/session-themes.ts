import { STANDARD_SERVICES } from '../../core/session.js';
import type { Queryable } from '../../db/client.js';
import * as repo from './repo.js';

/**
 * The themes a place may record a session under: the services of the standard its description
 * declares, in the standard's order. A place that declares none yet (a funder created it, or
 * its description was imported without a service, « à compléter ») is held to none: all nine,
 * as before places were asked, rather than a desk that can record nothing and a place unpaid.
 */
export async function sessionThemes(db: Queryable, placeId: string): Promise<string[]> {
  const declared = (await repo.findProfile(db, placeId))?.services ?? [];
  const themes = STANDARD_SERVICES.filter((s) => declared.includes(s));
  const offered = themes.length > 0 ? themes : [...STANDARD_SERVICES];
  remember(placeId, offered);
  return offered;
}

/**
 * Whether a session may be recorded under `theme` at the place, with the themes it may (for a
 * refusal to name them). Asked on every redemption: a theme found among those read in the last
 * half-minute is taken without a round trip, which would otherwise double the redemptions'
 * queries and split the batches they go to the database in; any other is read afresh, so that
 * a service the place has just added is never refused.
 */
export async function offersTheme(db: Queryable, placeId: string, theme: string) {
  const known = recentThemes.get(placeId);
  if (known && known.until > Date.now() && known.themes.includes(theme))
    return { offered: true, themes: known.themes };
  const themes = await sessionThemes(db, placeId);
  return { offered: themes.includes(theme), themes };
}

const THEMES_KEPT_MS = 30_000;
const THEMES_KEPT_PLACES = 10_000;
const recentThemes = new Map<string, { themes: string[]; until: number }>();

/**
 * Forgets the themes kept for these places: every write of a place's description calls it (the
 * form, the registration, the national standard's import, the demo), so that this server judges
 * the next session on the description as it now stands (another server within half a minute).
 */
export function forgetSessionThemes(placeIds: Iterable<string>) {
  for (const id of placeIds) recentThemes.delete(id);
}

function remember(placeId: string, themes: string[]) {
  recentThemes.delete(placeId);
  // The oldest first out (a Map keeps its insertion order): bounded whatever the places.
  if (recentThemes.size >= THEMES_KEPT_PLACES) recentThemes.delete(recentThemes.keys().next().value!);
  recentThemes.set(placeId, { themes, until: Date.now() + THEMES_KEPT_MS });
}
