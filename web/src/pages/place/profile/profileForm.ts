import { DESCRIPTION_MAX, isWebAddress, SUMMARY_MAX } from '../../../../../src/core/place-standard';
import type { PlaceProfileInput, PlaceWithProfile } from '../../../api/placeProfiles';
import { formatInt } from '../../../lib/format';
import type { FieldErrors } from '../../../ui/form/useForm';

/** The profile form's values (strings, as useForm keeps them; lists joined by commas). */
export interface ProfileValues extends Record<string, string> {
  name: string;
  communeCode: string;
  address: string;
  addressComplement: string;
  postcode: string;
  latitude: string;
  longitude: string;
  openingHours: string;
  services: string;
  publics: string;
  specificSupport: string;
  accessModes: string;
  supportModes: string;
  fees: string;
  phone: string;
  email: string;
  website: string;
  accessibilityUrl: string;
  summary: string;
  description: string;
}

export const PROFILE_LABELS: Record<keyof ProfileValues & string, string> = {
  name: 'Nom du lieu',
  communeCode: 'Commune',
  address: 'Adresse',
  addressComplement: 'Complément d’adresse',
  postcode: 'Code postal',
  latitude: 'Latitude',
  longitude: 'Longitude',
  openingHours: 'Horaires d’ouverture',
  services: 'Services proposés',
  publics: 'Publics spécifiquement accueillis',
  specificSupport: 'Prises en charge spécifiques',
  accessModes: 'Modalités d’accès',
  supportModes: 'Modalités d’accompagnement',
  fees: 'Frais à charge',
  phone: 'Téléphone',
  email: 'Courriel de contact',
  website: 'Site internet',
  accessibilityUrl: 'Fiche Acceslibre (accessibilité)',
  summary: 'Présentation courte',
  description: 'Présentation détaillée',
};

export const emptyProfile = (): ProfileValues => ({
  name: '',
  communeCode: '',
  address: '',
  addressComplement: '',
  postcode: '',
  latitude: '',
  longitude: '',
  openingHours: '',
  services: '',
  publics: '',
  specificSupport: '',
  accessModes: '',
  supportModes: '',
  fees: '',
  phone: '',
  email: '',
  website: '',
  accessibilityUrl: '',
  summary: '',
  description: '',
});

const frenchNumber = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));

/** The form filled with what the place has (its name and commune at least). */
export function profileValuesOf(place: PlaceWithProfile): ProfileValues {
  const p = place.profile;
  const base = { ...emptyProfile(), name: place.name, communeCode: place.communeCode ?? '' };
  if (!p) return base;
  return {
    ...base,
    address: p.address,
    addressComplement: p.addressComplement ?? '',
    postcode: p.postcode,
    latitude: frenchNumber(p.latitude),
    longitude: frenchNumber(p.longitude),
    openingHours: p.openingHours ?? '',
    services: p.services.join(','),
    publics: p.publics.join(','),
    specificSupport: p.specificSupport.join(','),
    accessModes: p.accessModes.join(','),
    supportModes: p.supportModes.join(','),
    fees: p.fees.join(','),
    phone: p.phone ?? '',
    email: p.email ?? '',
    website: p.website ?? '',
    accessibilityUrl: p.accessibilityUrl ?? '',
    summary: p.summary ?? '',
    description: p.description ?? '',
  };
}

const list = (v: string) => v.split(',').filter(Boolean);
const orNull = (v: string) => (v.trim() ? v.trim() : null);
/** Decimal degrees typed the French way (49,894) or the English way (49.894). */
const degrees = (v: string) => (v.trim() ? Number(v.trim().replace(',', '.')) : null);

export function profileInput(v: ProfileValues): PlaceProfileInput {
  return {
    name: v.name.trim(),
    communeCode: v.communeCode,
    address: v.address.trim(),
    addressComplement: orNull(v.addressComplement),
    postcode: v.postcode.trim(),
    latitude: degrees(v.latitude),
    longitude: degrees(v.longitude),
    openingHours: orNull(v.openingHours),
    services: list(v.services),
    publics: list(v.publics),
    specificSupport: list(v.specificSupport),
    accessModes: list(v.accessModes),
    supportModes: list(v.supportModes),
    fees: list(v.fees),
    phone: orNull(v.phone),
    email: orNull(v.email),
    website: orNull(v.website),
    accessibilityUrl: orNull(v.accessibilityUrl),
    summary: orNull(v.summary),
    description: orNull(v.description),
  };
}

const DEGREES = /^-?\d{1,3}([.,]\d+)?$/;

/** What the browser can tell before sending; the server checks everything again. */
export function validateProfile(v: ProfileValues): FieldErrors {
  const e: FieldErrors = {};
  if (!v.name.trim()) e.name = 'Indiquez le nom du lieu.';
  if (!v.communeCode) e.communeCode = 'Choisissez la commune dans la liste.';
  if (!v.address.trim()) e.address = 'Indiquez le numéro et la voie.';
  if (!/^\d{5}$/.test(v.postcode.trim())) e.postcode = 'Le code postal compte 5 chiffres.';
  for (const [key, max] of [
    ['latitude', 90],
    ['longitude', 180],
  ] as const) {
    const raw = v[key].trim();
    if (!raw) continue;
    const n = Number(raw.replace(',', '.'));
    if (!DEGREES.test(raw) || Math.abs(n) > max)
      e[key] =
        `Un nombre de degrés décimaux entre -${max} et ${max}, par exemple ${key === 'latitude' ? '49,894' : '2,296'}.`;
  }
  if (!v.latitude.trim() !== !v.longitude.trim()) {
    const missing = v.latitude.trim() ? 'longitude' : 'latitude';
    e[missing] ??= 'Indiquez la latitude et la longitude, ou aucune des deux.';
  }
  if (!v.services) e.services = 'Cochez au moins un service proposé.';
  if (v.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim()))
    e.email = 'Une adresse comme contact@exemple.fr.';
  // Said together with the rest: the server's length checks came first and hid these until sent again.
  if (v.website.trim() && !isWebAddress(v.website.trim()))
    e.website = 'Une adresse commençant par https:// ou http://, par exemple https://www.exemple.fr.';
  if (v.accessibilityUrl.trim() && !isWebAddress(v.accessibilityUrl.trim()))
    e.accessibilityUrl = 'Une adresse commençant par https://.';
  if (v.summary.trim().length > SUMMARY_MAX)
    e.summary = `${SUMMARY_MAX} caractères au plus (${v.summary.trim().length} saisis).`;
  if (v.description.trim().length > DESCRIPTION_MAX)
    e.description = `${formatInt(DESCRIPTION_MAX)} caractères au plus (${formatInt(v.description.trim().length)} saisis).`;
  return e;
}
