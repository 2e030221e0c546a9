import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';

/*
 * The public directory's reads. A place is listed for a programme when the programme is
 * approved on it and not suspended (program_places.standing), it has a public profile, and the
 * programme's passes can be used today (program_allows … 'redeem', migration 0013).
 */

/** Programmes whose passes can be used today and that have at least one listed place. */
export async function programsWithPlaces(db: Queryable, today: string) {
  const { rows } = await db.execute<{ id: string; funderId: string }>(sql`
    SELECT p.id, p.funder_id AS "funderId"
    FROM programs p
    WHERE EXISTS (
        SELECT 1 FROM program_places pp JOIN place_profiles f ON f.place_id = pp.place_id
        WHERE pp.program_id = p.id AND pp.standing = 'approved')
      AND program_allows(p.id, ${today}::date, 'redeem')`);
  return rows;
}

export async function programListed(db: Queryable, programId: string, today: string) {
  const { rows } = await db.execute<{ funderId: string }>(sql`
    SELECT p.funder_id AS "funderId" FROM programs p
    WHERE p.id = ${programId} AND program_allows(p.id, ${today}::date, 'redeem')`);
  return rows[0] ?? null;
}

/** The funder of a programme (for a pass's landing page); null if no such programme. */
export async function programFunder(db: Queryable, programId: string) {
  const { rows } = await db.execute<{ funderId: string }>(sql`
    SELECT p.funder_id AS "funderId" FROM programs p WHERE p.id = ${programId}`);
  return rows[0]?.funderId ?? null;
}

export interface SearchFilters {
  communeCode?: string | undefined;
  /** Any of these communes (a wider area: an EPCI, a département). */
  communeCodes?: string[] | undefined;
  postcode?: string | undefined;
  service?: string | undefined;
  near?: { lat: number; lon: number; radiusKm?: number | undefined } | undefined;
}

export type ListedPlaceRow = {
  id: string;
  name: string;
  communeCode: string | null;
  address: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  services: string[];
  openingHours: string | null;
  distanceKm: number | null;
};

const KM_PER_DEGREE = 111.32;

/** Great-circle distance in km from (lat, lon) to the profile's coordinates (haversine). */
function distanceKm(lat: number, lon: number): SQL {
  return sql`(12742.0176 * asin(sqrt(
      power(sin(radians(f.latitude - ${lat}::float8) / 2), 2)
      + cos(radians(${lat}::float8)) * cos(radians(f.latitude))
        * power(sin(radians(f.longitude - ${lon}::float8) / 2), 2))))`;
}

/**
 * A programme's listed places matching the filters, nearest first when a position is given
 * (places without coordinates last), else by name. With a radius, a bounding box on the
 * coordinates (indexed) cuts the rows before the exact distance is computed.
 */
export async function search(db: Queryable, programId: string, filters: SearchFilters, today: string) {
  const where: SQL[] = [
    sql`pp.program_id = ${programId}`,
    sql`pp.standing = 'approved'`,
    // o.kind lets the commune filter use its partial index (migration 0031).
    sql`o.kind = 'place'`,
    // Constant arguments: evaluated once for the query (a one-time filter), not per row.
    sql`program_allows(${programId}::uuid, ${today}::date, 'redeem')`,
  ];
  if (filters.communeCode) where.push(sql`o.commune_code = ${filters.communeCode}`);
  // One array parameter, not one per commune (a département has hundreds).
  if (filters.communeCodes) where.push(sql`o.commune_code = ANY(${sql.param(filters.communeCodes)}::text[])`);
  if (filters.postcode) where.push(sql`f.postcode = ${filters.postcode}`);
  if (filters.service) where.push(sql`f.services @> ARRAY[${filters.service}]::text[]`);
  const near = filters.near;
  let distance: SQL = sql`NULL::float8`;
  if (near) {
    distance = distanceKm(near.lat, near.lon);
    if (near.radiusKm !== undefined) {
      const dLat = near.radiusKm / KM_PER_DEGREE;
      // Longitude degrees shrink towards the poles; near them the box spans every longitude.
      const cosLat = Math.cos((near.lat * Math.PI) / 180);
      const dLon = cosLat > 0.01 ? near.radiusKm / (KM_PER_DEGREE * cosLat) : 180;
      where.push(sql`f.latitude BETWEEN ${near.lat - dLat}::float8 AND ${near.lat + dLat}::float8`);
      where.push(sql`f.longitude BETWEEN ${near.lon - dLon}::float8 AND ${near.lon + dLon}::float8`);
      where.push(sql`${distance} <= ${near.radiusKm}::float8`);
    }
  }
  const order = near ? sql`"distanceKm" NULLS LAST, o.name, o.id` : sql`o.name, o.id`;
  const { rows } = await db.execute<ListedPlaceRow>(sql`
    SELECT o.id, o.name, o.commune_code AS "communeCode", f.address, f.postcode, f.latitude, f.longitude,
      f.services, f.opening_hours AS "openingHours", ${distance} AS "distanceKm"
    FROM program_places pp
    JOIN organisations o ON o.id = pp.place_id
    JOIN place_profiles f ON f.place_id = pp.place_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ${order}`);
  return rows;
}

export type PlaceRow = {
  id: string;
  name: string;
  communeCode: string | null;
  address: string;
  addressComplement: string | null;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  openingHours: string | null;
  services: string[];
  publics: string[];
  accessModes: string[];
  phone: string | null;
  emails: string[];
  website: string | null;
  bookingUrl: string | null;
  accessibilityUrl: string | null;
  summary: string | null;
  description: string | null;
};

export async function place(db: Queryable, placeId: string) {
  const { rows } = await db.execute<PlaceRow>(sql`
    SELECT o.id, o.name, o.commune_code AS "communeCode", f.address, f.address_complement AS "addressComplement",
      f.postcode, f.latitude, f.longitude, f.opening_hours AS "openingHours", f.services, f.publics,
      f.access_modes AS "accessModes", f.phone, f.emails, f.website, f.booking_url AS "bookingUrl",
      f.accessibility_url AS "accessibilityUrl", f.summary, f.description
    FROM organisations o JOIN place_profiles f ON f.place_id = o.id
    WHERE o.id = ${placeId} AND o.kind = 'place'`);
  return rows[0] ?? null;
}

/** The programmes, usable today, that a place is approved for and not suspended from. */
export async function programsOfPlace(db: Queryable, placeId: string, today: string) {
  const { rows } = await db.execute<{ id: string; funderId: string }>(sql`
    SELECT pp.program_id AS id, pp.funder_id AS "funderId"
    FROM program_places pp
    WHERE pp.place_id = ${placeId} AND pp.standing = 'approved'
      AND program_allows(pp.program_id, ${today}::date, 'redeem')`);
  return rows;
}
