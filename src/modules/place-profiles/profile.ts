import OpeningHours from 'opening_hours';
import { type FieldIssue, notFound } from '../../core/errors.js';
import { elide } from '../../core/french.js';
import { osmWeekProblems } from '../../core/opening-hours.js';
import {
  isWebAddress,
  STANDARD_ACCESS_MODES,
  STANDARD_FEES,
  STANDARD_PUBLICS,
  STANDARD_SPECIFIC_SUPPORT,
  STANDARD_SUPPORT_MODES,
} from '../../core/place-standard.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import type { Queryable } from '../../db/client.js';
import * as funders from '../funders/service.js';
import * as repo from './repo.js';
import type { ProfileInput } from './schemas.js';

/**
 * What a place's description must be to stand in the national standard: the checks of the
 * registration form, of the place's profile page and (for the engineer of the import) of a
 * line of an imported file. Every bad field is named, in French, at once.
 */
export function profileIssues(input: ProfileInput, keptOpeningHours?: string | null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  if (!input.name.trim()) add('name', 'Nom du lieu : indiquez-le.');
  const commune = funders.communeByCode(input.communeCode);
  if (!commune) add('communeCode', 'Commune : choisissez-la dans la liste proposée par la recherche.');
  if (!input.address.trim()) add('address', 'Adresse : indiquez le numéro et la voie.');
  if (!/^\d{5}$/.test(input.postcode)) add('postcode', 'Code postal : 5 chiffres.');
  else if (commune && !commune.postcodes.includes(input.postcode))
    add(
      'postcode',
      `Code postal : ${input.postcode} n’est pas un code postal ${elide('de', commune.name)} (${commune.postcodes.join(', ')}).`,
    );
  coordinateIssues(input).forEach((i) => issues.push(i));
  const hours = openingHoursIssue(input.openingHours, keptOpeningHours);
  if (hours) add('openingHours', hours);
  if (input.services.length === 0) add('services', 'Services : cochez au moins un service proposé.');
  labelIssues(input, issues);
  if (input.phone && !isPhone(input.phone))
    add('phone', 'Téléphone : un numéro de 10 chiffres (ou international commençant par +).');
  if (input.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email))
    add('email', 'Courriel : une adresse comme contact@exemple.fr.');
  if (input.website && !isWebAddress(input.website))
    add('website', 'Site internet : une adresse commençant par https:// ou http://.');
  if (input.accessibilityUrl && !isWebAddress(input.accessibilityUrl))
    add('accessibilityUrl', 'Fiche Acceslibre : une adresse commençant par https://.');
  return issues;
}

function coordinateIssues(input: ProfileInput): FieldIssue[] {
  const { latitude: lat, longitude: lon } = input;
  const issues: FieldIssue[] = [];
  if ((lat == null) !== (lon == null)) {
    const missing = lat == null ? 'latitude' : 'longitude';
    issues.push({
      field: missing,
      message: 'Coordonnées : indiquez la latitude et la longitude, ou aucune des deux.',
    });
  }
  if (lat != null && !(Number.isFinite(lat) && lat >= -90 && lat <= 90))
    issues.push({ field: 'latitude', message: 'Latitude : entre -90 et 90 degrés (49,894 pour Amiens).' });
  if (lon != null && !(Number.isFinite(lon) && lon >= -180 && lon <= 180))
    issues.push({ field: 'longitude', message: 'Longitude : entre -180 et 180 degrés (2,296 pour Amiens).' });
  return issues;
}

/**
 * Why a value is not valid OpenStreetMap opening_hours, or is one the form refuses (a range
 * ending at or before it starts), or null when it is fine (or empty). The value `kept` (the
 * stored one) passes the form's checks unchanged: hours from the national standard's import
 * may run past midnight, and the form, which cannot show them, sends them back as they were.
 */
export function openingHoursIssue(value: string | null | undefined, kept?: string | null): string | null {
  if (!value?.trim()) return null;
  try {
    new OpeningHours(value, null as never);
  } catch {
    return "Horaires d'ouverture : ces horaires ne peuvent pas être lus ; choisissez-les jour par jour.";
  }
  const problems = value === kept ? [] : osmWeekProblems(value);
  return problems.length ? `Horaires d'ouverture — ${problems.map((p) => p.message).join(' ')}` : null;
}

const LISTS = [
  ['services', 'Services', STANDARD_SERVICES],
  ['publics', 'Publics accueillis', STANDARD_PUBLICS],
  ['specificSupport', 'Prise en charge spécifique', STANDARD_SPECIFIC_SUPPORT],
  ['accessModes', "Modalités d'accès", STANDARD_ACCESS_MODES],
  ['supportModes', "Modalités d'accompagnement", STANDARD_SUPPORT_MODES],
  ['fees', 'Frais à charge', STANDARD_FEES],
] as const;

function labelIssues(input: ProfileInput, issues: FieldIssue[]) {
  for (const [field, label, allowed] of LISTS) {
    input[field].forEach((value, i) => {
      if (!(allowed as readonly string[]).includes(value))
        issues.push({ field: `${field}.${i}`, message: `${label} : « ${value} » n'est pas dans la liste.` });
    });
  }
}

const isPhone = (v: string) => /^\+?[\d\s.()-]+$/.test(v) && v.replace(/\D/g, '').length >= 10;

const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
const distinct = (values: string[]) => [...new Set(values)];

/** The row's values for a checked input (empty texts are null, lists without repeats). */
export function profileValues(input: ProfileInput): repo.ProfileValues {
  return {
    address: input.address.trim(),
    addressComplement: blank(input.addressComplement),
    postcode: input.postcode,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    openingHours: blank(input.openingHours),
    services: distinct(input.services),
    publics: distinct(input.publics),
    specificSupport: distinct(input.specificSupport),
    accessModes: distinct(input.accessModes),
    supportModes: distinct(input.supportModes),
    fees: distinct(input.fees),
    phone: blank(input.phone),
    emails: input.email?.trim() ? [input.email.trim().toLowerCase()] : [],
    website: blank(input.website),
    accessibilityUrl: blank(input.accessibilityUrl),
    summary: blank(input.summary),
    description: blank(input.description),
  };
}

/** The place's identity and description as its people see it (null until completed). */
export async function presentPlace(db: Queryable, placeId: string) {
  const place = await funders.findPlace(db, placeId);
  if (!place) throw notFound('Lieu');
  const row = await repo.findProfile(db, placeId);
  return {
    placeId,
    name: place.name,
    siret: place.siret,
    communeCode: place.communeCode,
    communeName: funders.communeName(place.communeCode),
    profile: row ? presentProfile(row) : null,
  };
}

function presentProfile(row: repo.ProfileRow) {
  const { placeId: _p, source: _s, externalId: _e, emails, bookingUrl: _b, ...rest } = row;
  return { ...rest, email: emails[0] ?? null };
}
