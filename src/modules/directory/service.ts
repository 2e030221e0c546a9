import { businessDate } from '../../core/dates.js';
import { DomainError, type FieldIssue, invalid, notFound } from '../../core/errors.js';
import { parsePassCode } from '../../core/pass-code.js';
import { placeClock } from '../../core/territory-time-zone.js';
import type { Queryable } from '../../db/client.js';
import * as funders from '../funders/service.js';
import * as passes from '../passes/service.js';
import * as programs from '../programs/service.js';
import { openAt, opensNext, weekInFrench } from './hours.js';
import * as repo from './repo.js';
import type { PlaceSearchQuery } from './schemas.js';

/*
 * The public directory (issue 11, point 5): no sign-in, read-only. A place appears for a
 * programme while that programme approves it and has not suspended it, it has a public
 * profile, and the programme's passes can be used today. `now` is injectable for "open now".
 */

/** Programmes' names, their funders' names and départements, in one go per list. */
async function describe(db: Queryable, rows: { id: string; funderId: string }[], today: string) {
  const names = await programs.namesOf(
    db,
    rows.map((r) => r.id),
    today,
  );
  const ofFunder = new Map<string, { name: string; departements: string[] }>();
  for (const funderId of new Set(rows.map((r) => r.funderId)))
    ofFunder.set(funderId, await funders.nameAndDepartements(db, funderId));
  return rows
    .map((r) => ({
      id: r.id,
      name: names.get(r.id) ?? '',
      funderName: ofFunder.get(r.funderId)?.name ?? '',
      // A programme's territory is its funder's.
      departements: ofFunder.get(r.funderId)?.departements ?? [],
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** The programmes with a directory: passes usable today, at least one listed place. */
export async function programsWithDirectory(db: Queryable, now = new Date()) {
  const today = businessDate(now);
  return describe(db, await repo.programsWithPlaces(db, today), today);
}

function searchFilters(query: PlaceSearchQuery): repo.SearchFilters {
  const issues: FieldIssue[] = [];
  const { lat, lon, radiusKm } = query;
  if ((lat === undefined) !== (lon === undefined))
    issues.push({
      field: lat === undefined ? 'lat' : 'lon',
      message: 'La latitude et la longitude vont ensemble.',
    });
  if (radiusKm !== undefined && (lat === undefined || lon === undefined))
    issues.push({ field: 'radiusKm', message: 'Une distance se compte depuis une position (lat, lon).' });
  if (issues.length > 0) throw invalid(issues);
  return {
    communeCode: query.commune,
    postcode: query.postcode,
    service: query.service,
    near: lat !== undefined && lon !== undefined ? { lat, lon, radiusKm } : undefined,
  };
}

/** A programme's listed places matching the filters (see repo.search for the order). */
export async function searchPlaces(
  db: Queryable,
  programId: string,
  query: PlaceSearchQuery,
  now = new Date(),
) {
  const filters = searchFilters(query);
  const today = businessDate(now);
  // One query when places are found; an empty answer tells an unknown or closed programme apart.
  const rows = await repo.search(db, programId, filters, today);
  if (rows.length === 0 && !(await repo.programListed(db, programId, today))) throw notFound('Dispositif');
  const places = listed(rows, query, now);
  const wider = places.length === 0 ? await widerArea(db, programId, query, filters, now) : null;
  return {
    places,
    wider,
    outsideTerritory: places.length === 0 && !wider ? await outsideTerritory(db, programId, query) : null,
  };
}

/**
 * A commune searched outside the programme's territory (its funder's: a programme has none of
 * its own), named, when nothing was found: « no place » alone did not say that the passes are
 * not for there. Only for a search by commune, as for the wider area.
 */
async function outsideTerritory(db: Queryable, programId: string, query: PlaceSearchQuery) {
  if (!query.commune || query.postcode) return null;
  const funderId = await repo.programFunder(db, programId);
  return funderId ? funders.outsideTerritory(db, funderId, query.commune) : null;
}

/**
 * A commune without a place (most villages): the places of its EPCI, or else of its
 * département, with the same service and opening asked for, rather than nothing. Only for a
 * search by commune: a postcode or a position is already a choice of area.
 */
async function widerArea(
  db: Queryable,
  programId: string,
  query: PlaceSearchQuery,
  filters: repo.SearchFilters,
  now: Date,
) {
  if (!query.commune || query.postcode || filters.near) return null;
  const areas = funders.areasAround(query.commune);
  if (areas.length === 0) return null;
  // One query for all the areas (an EPCI lies in its département, but for a few that straddle
  // two), then the nearest area that has a place.
  const rows = await repo.search(
    db,
    programId,
    { ...filters, communeCode: undefined, communeCodes: [...new Set(areas.flatMap((a) => a.communes))] },
    businessDate(now),
  );
  const places = listed(rows, query, now);
  for (const area of areas) {
    const inArea = new Set(area.communes);
    const found = places.filter((p) => p.communeCode !== null && inArea.has(p.communeCode));
    if (found.length > 0) return { level: area.level, name: area.name, places: found };
  }
  return null;
}

function listed(rows: repo.ListedPlaceRow[], query: PlaceSearchQuery, now: Date) {
  const places = rows.map((r) => ({
    id: r.id,
    name: r.name,
    address: r.address,
    postcode: r.postcode,
    communeCode: r.communeCode,
    communeName: funders.communeName(r.communeCode),
    latitude: r.latitude,
    longitude: r.longitude,
    services: r.services,
    openingHours: r.openingHours,
    // On the place's own clock and holidays: an overseas place opens at 8 h its time.
    openNow: openAt(r.openingHours, now, placeClock(r.communeCode, r.postcode)),
    distanceKm: r.distanceKm === null ? null : Math.round(r.distanceKm * 100) / 100,
  }));
  return query.openNow === 'true' ? places.filter((p) => p.openNow) : places;
}

/** A listed place's public page: a place listed by no programme today is not found. */
export async function placePage(db: Queryable, placeId: string, now = new Date()) {
  const today = businessDate(now);
  const [row, listedBy] = await Promise.all([
    repo.place(db, placeId),
    repo.programsOfPlace(db, placeId, today),
  ]);
  if (!row || listedBy.length === 0) throw notFound('Lieu');
  const clock = placeClock(row.communeCode, row.postcode);
  return {
    ...row,
    communeName: funders.communeName(row.communeCode),
    hours: weekInFrench(row.openingHours, now, clock),
    openNow: openAt(row.openingHours, now, clock),
    opensNext: opensNext(row.openingHours, now, clock),
    programs: await withFaceValue(db, await describe(db, listedBy, today), today),
  };
}

/**
 * What one pass of each programme is worth (its face value as amended, as of today): the page
 * listed its services but never what a pass pays for. A handful of programmes per place.
 */
async function withFaceValue<T extends { id: string }>(db: Queryable, rows: T[], today: string) {
  return Promise.all(
    rows.map(async (r) => ({
      ...r,
      faceValueCents: (await programs.stateAsOf(db, r.id, today))?.faceValueCents ?? null,
    })),
  );
}

/**
 * The programme of a pass, for its QR landing page's « Où utiliser mon pass ? »: its name, its
 * funder and the last day its passes are used (as amended, as of today), the question a
 * beneficiary asks first. These are the programme's public facts; nothing about the pass itself
 * (no status, value or holder). An unknown code is `unknown_code`, which the route counts as a
 * guess like the desk's lookups.
 */
export async function programOfPass(db: Queryable, rawCode: string, now = new Date()) {
  const parsed = parsePassCode(rawCode);
  if (!parsed.ok)
    throw new DomainError('malformed_code', 'Ce code est mal saisi : vérifiez chaque caractère.', [
      { field: 'code', message: 'Code du pass : vérifiez chaque caractère.' },
    ]);
  const programId = await passes.programOfCode(db, parsed.code);
  if (!programId) throw new DomainError('unknown_code', 'Ce code ne correspond à aucun pass.');
  const [state, funderId] = await Promise.all([
    programs.stateAsOf(db, programId, businessDate(now)),
    repo.programFunder(db, programId),
  ]);
  return {
    programId,
    programName: state?.name ?? '',
    funderName: funderId ? await funders.nameOf(db, funderId) : '',
    usableUntil: state?.calendar.usageEnd ?? null,
  };
}
