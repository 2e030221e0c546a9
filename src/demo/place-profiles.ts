import type { Queryable } from '../db/client.js';
import { placeProfiles } from '../db/schema/index.js';
import { forgetSessionThemes } from '../modules/place-profiles/session-themes.js';

/** A place's public description as the demo (and tests) give it. */
export interface DemoProfile {
  address: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  openingHours: string | null;
  services: string[];
  phone?: string;
  emails?: string[];
  website?: string;
  accessibilityUrl?: string;
  summary?: string;
}

/**
 * Writes a place's profile directly: the demo's places have no one to fill in the
 * registration form. (The form and the national standard's import write it through the
 * places module with an audit entry; the demo loader is the operator's, like a seed.)
 */
export async function saveDemoProfile(db: Queryable, placeId: string, p: DemoProfile) {
  await db
    .insert(placeProfiles)
    .values({
      placeId,
      address: p.address,
      postcode: p.postcode,
      latitude: p.latitude,
      longitude: p.longitude,
      openingHours: p.openingHours,
      services: p.services,
      phone: p.phone ?? null,
      emails: p.emails ?? [],
      website: p.website ?? null,
      accessibilityUrl: p.accessibilityUrl ?? null,
      summary: p.summary ?? 'Lieu de démonstration (données fictives).',
      source: 'demo',
    })
    .onConflictDoNothing();
  // The demo's sessions were given before its places were described: what this server kept of
  // their themes (all nine, described by none) must not outlive the description.
  forgetSessionThemes([placeId]);
}
