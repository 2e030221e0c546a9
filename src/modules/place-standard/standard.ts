import {
  Courriel,
  Frais,
  ModaliteAcces,
  ModaliteAccompagnement,
  PriseEnChargeSpecifique,
  PublicSpecifiquementAdresse,
  Url,
} from '@gouvfr-anct/lieux-de-mediation-numerique';
import OpeningHours from 'opening_hours';
import { csvRow } from '../../core/csv.js';
import { fold, oneLine } from '../../core/french.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import { isValidSiret, normaliseSiret } from '../../core/siret.js';

/**
 * The national standard of places of digital mediation (schéma des lieux de médiation
 * numérique, v1), as this platform reads and writes it: no I/O here, only the mapping between
 * a row of the standard and a place's profile, and the French words of every problem found.
 */

/** The standard's columns, in the order of its CSV; multi-valued cells are joined with `|`. */
export const STANDARD_COLUMNS = [
  'id',
  'pivot',
  'nom',
  'adresse',
  'code_postal',
  'code_insee',
  'commune',
  'complement_adresse',
  'latitude',
  'longitude',
  'telephone',
  'courriels',
  'site_web',
  'horaires',
  'services',
  'publics_specifiquement_adresses',
  'prise_en_charge_specifique',
  'modalites_acces',
  'modalites_accompagnement',
  'frais_a_charge',
  'fiche_acces_libre',
  'prise_rdv',
  'presentation_resume',
  'presentation_detail',
  'date_maj',
  'source',
  'structure_parente',
] as const;
export type StandardColumn = (typeof STANDARD_COLUMNS)[number];
export type StandardRow = Partial<Record<StandardColumn, string | number>>;

/** The pivot of a place without SIRET nor RNA, as the standard writes it. */
export const NO_PIVOT = '00000000000000';

/** A place's profile as the platform keeps it (place_profiles + the organisation's identity). */
export interface PlaceDescription {
  name: string;
  siret: string | null;
  communeCode: string;
  address: string;
  addressComplement: string | null;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  openingHours: string | null;
  services: string[];
  publics: string[];
  specificSupport: string[];
  accessModes: string[];
  supportModes: string[];
  fees: string[];
  phone: string | null;
  emails: string[];
  website: string | null;
  bookingUrl: string | null;
  accessibilityUrl: string | null;
  summary: string | null;
  description: string | null;
}

export interface Problem {
  field: string;
  reason: string;
}

/** What the reading of a row gives: a place to write (with notes on what was left out), or a refusal. */
export type ReadRow =
  | {
      ok: true;
      externalId: string;
      source: string | null;
      place: Omit<PlaceDescription, 'communeCode'>;
      commune: CommuneHint;
      notes: Problem[];
    }
  | { ok: false; externalId: string | null; name: string | null; problem: Problem };

export interface CommuneHint {
  inseeCode?: string;
  postcode: string;
  name?: string;
  /** the file's four digits, completed with a leading zero: a guess the commune confirms or not */
  completedFrom?: string;
}

/** Lower case, no accents, single spaces: how labels are compared. */
export const labelKey = fold;

/**
 * The services of the standard's first version (and of many regional files still), each
 * mapped to one of today's nine.
 */
const HISTORICAL_SERVICES: Record<string, (typeof STANDARD_SERVICES)[number]> = {
  'Devenir autonome dans les démarches administratives': 'Aide aux démarches administratives',
  'Réaliser des démarches administratives avec un accompagnement': 'Aide aux démarches administratives',
  'Accompagner les démarches de santé': 'Aide aux démarches administratives',
  'Prendre en main un smartphone ou une tablette': 'Maîtrise des outils numériques du quotidien',
  'Prendre en main un ordinateur': 'Maîtrise des outils numériques du quotidien',
  'Utiliser le numérique au quotidien': 'Maîtrise des outils numériques du quotidien',
  'Approfondir ma culture numérique': 'Compréhension du monde numérique',
  'Promouvoir la citoyenneté numérique': 'Compréhension du monde numérique',
  'Favoriser mon insertion professionnelle': 'Insertion professionnelle via le numérique',
  'Créer et développer mon entreprise': 'Insertion professionnelle via le numérique',
  'Accéder à une connexion internet': 'Accès internet et matériel informatique',
  'Accéder à du matériel': 'Accès internet et matériel informatique',
  'Équiper en matériel informatique': 'Acquisition de matériel informatique à prix solidaire',
  'Créer avec le numérique': 'Loisirs et créations numériques',
  "Soutenir la parentalité et l'éducation avec le numérique": 'Parentalité et éducation avec le numérique',
};

const SERVICE_BY_KEY = new Map<string, string>([
  ...STANDARD_SERVICES.map((s) => [labelKey(s), s] as [string, string]),
  ...Object.entries(HISTORICAL_SERVICES).map(([old, now]) => [labelKey(old), now] as [string, string]),
]);

/** An enumerated field of the standard: its values, and the French name of the field. */
const ENUMS = {
  publics_specifiquement_adresses: Object.values(PublicSpecifiquementAdresse) as string[],
  prise_en_charge_specifique: Object.values(PriseEnChargeSpecifique) as string[],
  modalites_acces: Object.values(ModaliteAcces) as string[],
  modalites_accompagnement: Object.values(ModaliteAccompagnement) as string[],
  frais_a_charge: Object.values(Frais) as string[],
};

/** A cell's values: the standard joins them with `|`; real files also use `;` or `,`. */
export function splitValues(cell: string): string[] {
  return cell
    .split(/[|;,]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

const text = (v: unknown): string | undefined => {
  if (v === null || v === undefined) return undefined;
  const s = oneLine(Array.isArray(v) ? v.join('|') : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return s === '' ? undefined : s;
};

/** Each enumerated field's values with their keys, computed once (not for every cell of a file). */
const ENUM_KEYS = new Map<string[], { value: string; key: string }[]>(
  Object.values(ENUMS).map((values) => [values, values.map((value) => ({ value, key: labelKey(value) }))]),
);

/** An enumerated value matched by its words, an older wording starting like a current one included. */
function enumValues(cell: string | undefined, allowed: string[], field: string, notes: Problem[]) {
  if (!cell) return [];
  const keyed = ENUM_KEYS.get(allowed)!;
  const found: string[] = [];
  for (const value of splitValues(cell)) {
    const key = labelKey(value);
    const match = (
      keyed.find((a) => a.key === key) ?? keyed.find((a) => key.startsWith(a.key) || a.key.startsWith(key))
    )?.value;
    if (match) {
      if (!found.includes(match)) found.push(match);
    } else notes.push({ field, reason: `Valeur inconnue du standard « ${value} » : ignorée.` });
  }
  return found;
}

function services(cell: string | undefined, notes: Problem[]) {
  if (!cell) {
    notes.push({ field: 'services', reason: 'Aucun service indiqué : à compléter sur la fiche du lieu.' });
    return [];
  }
  const found: string[] = [];
  for (const value of splitValues(cell)) {
    const match = SERVICE_BY_KEY.get(labelKey(value));
    if (match) {
      if (!found.includes(match)) found.push(match);
    } else
      notes.push({
        field: 'services',
        reason: `Service inconnu « ${value} » : ignoré (il ne correspond à aucun des neuf services du standard).`,
      });
  }
  return found;
}

const osmChecked = new Map<string, boolean>();

/**
 * OpenStreetMap syntax only, read strictly: free text (« Lundi 9h-12h ») is left out and said.
 * The parser takes milliseconds per value and files repeat their hours: answers are kept.
 */
export function isOsmOpeningHours(value: string): boolean {
  // Accents, « h » hours: French free text, known without the parser.
  if (/[^\x20-\x7e]|\dh/i.test(value)) return false;
  let ok = osmChecked.get(value);
  if (ok === undefined) {
    try {
      ok = new OpeningHours(value, null).getWarnings().length === 0;
    } catch {
      ok = false;
    }
    if (osmChecked.size > 10_000) osmChecked.clear();
    osmChecked.set(value, ok);
  }
  return ok;
}

function coordinates(latCell: unknown, lonCell: unknown, notes: Problem[]) {
  const lat = text(latCell);
  const lon = text(lonCell);
  if (!lat && !lon) {
    notes.push({
      field: 'latitude',
      reason: 'Sans coordonnées : le lieu est repris mais n’apparaîtra pas sur la carte.',
    });
    return { latitude: null, longitude: null };
  }
  const latitude = Number(lat?.replace(',', '.'));
  const longitude = Number(lon?.replace(',', '.'));
  if (
    !lat ||
    !lon ||
    !Number.isFinite(latitude) ||
    !Number.isFinite(longitude) ||
    Math.abs(latitude) > 90 ||
    Math.abs(longitude) > 180
  ) {
    notes.push({
      field: 'latitude',
      reason: `Coordonnées invalides (« ${lat ?? ''} », « ${lon ?? ''} ») : non reprises, le lieu n’apparaîtra pas sur la carte.`,
    });
    return { latitude: null, longitude: null };
  }
  return { latitude, longitude };
}

function checked<T>(
  value: string | undefined,
  check: (v: string) => T,
  field: string,
  what: string,
  notes: Problem[],
) {
  if (!value) return null;
  try {
    check(value);
    return value;
  } catch {
    notes.push({ field, reason: `${what} « ${value} » invalide : non repris.` });
    return null;
  }
}

const PHONE = /^(?:(?:\+|00)33|0)[1-9](?:\d{2}){4}$/;

/** A French phone number as the standard writes it (+33…), or null with a note. */
function phone(value: string | undefined, notes: Problem[]) {
  if (!value) return null;
  const digits = value.replace(/[\s.()-]/g, '');
  if (!PHONE.test(digits)) {
    notes.push({ field: 'telephone', reason: `Téléphone « ${value} » invalide : non repris.` });
    return null;
  }
  return `+33${digits.replace(/^(?:\+33|0033|0)/, '')}`;
}

/**
 * Reads one row of a file in the standard. Refuses the row only when the place cannot be
 * identified or located (no id, no name, no address, no valid postcode); everything else that
 * is wrong is left out of the place with a note, and the rest of the place is kept.
 */
export function readStandardRow(raw: Record<string, unknown>): ReadRow {
  const get = (c: StandardColumn) => text(raw[c]);
  const externalId = get('id') ?? null;
  const name = get('nom') ?? null;
  const refuse = (field: string, reason: string): ReadRow => ({
    ok: false,
    externalId,
    name,
    problem: { field, reason },
  });
  if (!externalId) return refuse('id', 'Identifiant du lieu (colonne « id ») manquant : ligne non reprise.');
  if (!name) return refuse('nom', 'Nom du lieu (colonne « nom ») manquant : ligne non reprise.');
  const address = get('adresse');
  if (!address) return refuse('adresse', 'Adresse manquante : ligne non reprise.');
  let postcode = get('code_postal')?.replace(/\s/g, '') ?? '';
  const notes: Problem[] = [];
  // A spreadsheet drops the leading zero of 01000 … 09999.
  let completedFrom: string | undefined;
  if (/^\d{4}$/.test(postcode)) {
    completedFrom = postcode;
    postcode = `0${postcode}`;
  }
  if (!/^\d{5}$/.test(postcode))
    return refuse(
      'code_postal',
      postcode
        ? `Code postal « ${get('code_postal')} » invalide (5 chiffres attendus) : ligne non reprise.`
        : 'Code postal manquant : ligne non reprise.',
    );

  const pivot = get('pivot')?.replace(/[\s.]/g, '');
  let siret: string | null = null;
  if (pivot && pivot !== NO_PIVOT) {
    if (isValidSiret(normaliseSiret(pivot))) siret = normaliseSiret(pivot);
    else if (!/^W\d{9}$/.test(pivot))
      notes.push({ field: 'pivot', reason: `SIRET « ${pivot} » invalide : lieu repris sans SIRET.` });
  }
  // In the order of the standard's columns, so that the notes of a line read left to right.
  const located = coordinates(raw.latitude, raw.longitude, notes);
  const telephone = phone(get('telephone'), notes);
  const emails: string[] = [];
  for (const e of (get('courriels') ?? '').split(/[|;,\s]+/).filter(Boolean)) {
    const ok = checked(e, Courriel, 'courriels', 'Courriel', notes);
    if (ok && !emails.includes(ok.toLowerCase())) emails.push(ok.toLowerCase());
  }
  const sites = (get('site_web') ?? '').split(/[|;,\s]+/).filter(Boolean);
  const website = sites.map((s) => checked(s, Url, 'site_web', 'Site web', notes)).find((s) => s) ?? null;
  const hours = get('horaires');
  let openingHours: string | null = null;
  if (hours) {
    if (isOsmOpeningHours(hours)) openingHours = hours;
    else
      notes.push({
        field: 'horaires',
        reason: `Horaires en texte libre (« ${hours} ») : non repris, à saisir avec le formulaire des horaires.`,
      });
  }
  const source = get('source') ?? null;
  return {
    ok: true,
    externalId,
    source,
    commune: {
      postcode,
      ...(completedFrom ? { completedFrom } : {}),
      ...(get('code_insee') ? { inseeCode: get('code_insee') } : {}),
      ...(get('commune') ? { name: get('commune') } : {}),
    },
    notes,
    place: {
      name,
      siret,
      address,
      addressComplement: get('complement_adresse') ?? null,
      postcode,
      ...located,
      openingHours,
      services: services(get('services'), notes),
      publics: enumValues(
        get('publics_specifiquement_adresses'),
        ENUMS.publics_specifiquement_adresses,
        'publics_specifiquement_adresses',
        notes,
      ),
      specificSupport: enumValues(
        get('prise_en_charge_specifique'),
        ENUMS.prise_en_charge_specifique,
        'prise_en_charge_specifique',
        notes,
      ),
      accessModes: enumValues(get('modalites_acces'), ENUMS.modalites_acces, 'modalites_acces', notes),
      supportModes: enumValues(
        get('modalites_accompagnement'),
        ENUMS.modalites_accompagnement,
        'modalites_accompagnement',
        notes,
      ),
      fees: enumValues(get('frais_a_charge'), ENUMS.frais_a_charge, 'frais_a_charge', notes),
      phone: telephone,
      emails,
      website,
      bookingUrl: checked(get('prise_rdv'), Url, 'prise_rdv', 'Lien de prise de rendez-vous', notes),
      accessibilityUrl: checked(
        get('fiche_acces_libre'),
        Url,
        'fiche_acces_libre',
        'Fiche Acceslibre',
        notes,
      ),
      summary: get('presentation_resume') ?? null,
      description: text(raw.presentation_detail) ?? null,
    },
  };
}

/** A place in the standard, for the export: only the fields it has; multi-valued joined with `|`. */
export function toStandardRow(
  p: PlaceDescription & { id: string; communeName: string; updatedAt: Date; source: string },
): StandardRow {
  const row: StandardRow = {
    id: p.id,
    pivot: p.siret ?? NO_PIVOT,
    nom: p.name,
    adresse: p.address,
    code_postal: p.postcode,
    commune: p.communeName,
    date_maj: p.updatedAt.toISOString().slice(0, 10),
    source: p.source,
  };
  const put = (column: StandardColumn, value: string | number | null | undefined | string[]) => {
    if (Array.isArray(value)) {
      if (value.length) row[column] = value.join('|');
    } else if (value !== null && value !== undefined && value !== '') row[column] = value;
  };
  put('code_insee', p.communeCode);
  put('complement_adresse', p.addressComplement);
  put('latitude', p.latitude);
  put('longitude', p.longitude);
  put('telephone', p.phone);
  put('courriels', p.emails);
  put('site_web', p.website);
  put('horaires', p.openingHours);
  put('services', p.services);
  // The standard reads these only for a place that lists services.
  if (p.services.length) {
    put('publics_specifiquement_adresses', p.publics);
    put('prise_en_charge_specifique', p.specificSupport);
    put('modalites_acces', p.accessModes);
    put('modalites_accompagnement', p.supportModes);
    put('frais_a_charge', p.fees);
  }
  put('fiche_acces_libre', p.accessibilityUrl);
  put('prise_rdv', p.bookingUrl);
  put('presentation_resume', p.summary);
  put('presentation_detail', p.description);
  return row;
}

/**
 * The standard's CSV: its column names on the first line, comma-separated, RFC 4180 quoting,
 * CRLF. Not the French spreadsheet form of the other exports: harvesters read it by the
 * standard's column names, and a byte-order mark would stick to the first one (`id`). But
 * people open it in a spreadsheet too, so a text that would run there as a formula gets its
 * leading `'` (core/csv.ts); the phone numbers (+33…) and coordinates are plain numbers, kept.
 */
export function toStandardCsv(rows: StandardRow[]): string {
  const lines = [STANDARD_COLUMNS, ...rows.map((r) => STANDARD_COLUMNS.map((c) => r[c]))];
  return lines.map((l) => `${csvRow(l, ',')}\r\n`).join('');
}
