import { z } from 'zod';
import { STANDARD_SERVICES } from '../../core/session.js';

export { CodeParams } from '../redemptions/schemas.js';

export const ProgramParams = z.object({ programId: z.uuid() });
export const PlaceParams = z.object({ placeId: z.uuid() });

export const DirectoryProgram = z
  .object({
    id: z.uuid(),
    name: z.string(),
    funderName: z.string(),
    departements: z.array(z.string()).meta({
      description:
        'INSEE codes of the départements the programme’s territory lies in (its funder’s); empty when it has none. The map’s view when no place is on it.',
    }),
  })
  .meta({ id: 'DirectoryProgram' });

/** A programme on a place's page: what one of its passes is worth (one session), in cents. */
export const PlaceProgram = z
  .object({
    id: z.uuid(),
    name: z.string(),
    funderName: z.string(),
    faceValueCents: z.number().int().nullable(),
  })
  .meta({ id: 'PlaceProgram' });

// Rounded to the micro-degree (about 10 cm): PostgreSQL refuses subnormal doubles such as
// 9.4e-323 ("out of range"), which a typed or generated coordinate may be.
const number = (min: number, max: number, field: string) =>
  z.coerce
    .number({ error: `${field} : un nombre est attendu.` })
    .min(min, { error: `${field} : au moins ${min}.` })
    .max(max, { error: `${field} : au plus ${max}.` })
    .transform((n) => Math.round(n * 1e6) / 1e6);

export const PlaceSearchQuery = z.object({
  commune: z
    .string()
    .regex(/^[0-9][0-9AB][0-9]{3}$/, { error: 'Choisissez une commune dans la liste.' })
    .optional(),
  postcode: z
    .string()
    .regex(/^[0-9]{5}$/, { error: 'Un code postal compte 5 chiffres.' })
    .optional(),
  lat: number(-90, 90, 'Latitude').optional(),
  lon: number(-180, 180, 'Longitude').optional(),
  radiusKm: number(0.1, 200, 'Distance').optional(),
  service: z.enum(STANDARD_SERVICES, { error: 'Choisissez un service dans la liste.' }).optional(),
  openNow: z.enum(['true', 'false'], { error: 'openNow vaut true ou false.' }).optional(),
});
export type PlaceSearchQuery = z.infer<typeof PlaceSearchQuery>;

/** A place as the directory lists it (the contract of docs/architecture.md, "Public directory"). */
export const ListedPlace = z
  .object({
    id: z.uuid(),
    name: z.string(),
    address: z.string(),
    postcode: z.string(),
    communeCode: z.string().nullable(),
    communeName: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    services: z.array(z.string()),
    openingHours: z.string().nullable(),
    openNow: z.boolean(),
    distanceKm: z.number().nullable(),
  })
  .meta({ id: 'ListedPlace' });

export const PlaceSearchResult = z.object({
  places: z.array(ListedPlace),
  /**
   * A search by commune that found no place: the places of its EPCI, or else of its
   * département, with the same filters; null otherwise.
   */
  wider: z
    .object({
      level: z.enum(['epci', 'departement']),
      name: z.string(),
      places: z.array(ListedPlace).min(1),
    })
    .nullable(),
  /**
   * A search by commune that found nothing, wider included, for a commune outside the
   * programme's territory: the territory's names (« Hauts-de-France »), to say that its passes
   * are for there; null otherwise.
   */
  outsideTerritory: z.array(z.string()).nullable(),
});

export const PublicPlace = z
  .object({
    id: z.uuid(),
    name: z.string(),
    address: z.string(),
    addressComplement: z.string().nullable(),
    postcode: z.string(),
    communeCode: z.string().nullable(),
    communeName: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    openingHours: z.string().nullable(),
    /** This week, Monday to Sunday, in French; null without readable hours. */
    hours: z.array(z.object({ day: z.string(), hours: z.string() })).nullable(),
    openNow: z.boolean(),
    /**
     * Closed now: when it opens next, in French (« aujourd’hui à 14 h », « lundi à 8 h 30 »),
     * within a week; null when open, without readable hours, or with no opening that soon.
     */
    opensNext: z.string().nullable(),
    services: z.array(z.string()),
    publics: z.array(z.string()),
    accessModes: z.array(z.string()),
    phone: z.string().nullable(),
    emails: z.array(z.string()),
    website: z.string().nullable(),
    bookingUrl: z.string().nullable(),
    accessibilityUrl: z.string().nullable(),
    summary: z.string().nullable(),
    description: z.string().nullable(),
    programs: z.array(PlaceProgram),
  })
  .meta({ id: 'PublicPlace' });

export const PassDirectory = z.object({
  programId: z.uuid(),
  programName: z.string(),
  funderName: z.string(),
  /** The programme's usage end as amended, 'YYYY-MM-DD' (null for a programme not yet decided). */
  usableUntil: z.iso.date().nullable(),
});

export const PublicConfig = z.object({
  /** Map tiles: an {z}/{x}/{y} URL template and the attribution its provider requires. */
  mapTileUrl: z.string(),
  mapAttribution: z.string(),
  operator: z
    .object({
      name: z.string(),
      address: z.string().nullable(),
      email: z.string().nullable(),
      host: z.string().nullable().meta({ description: 'Who hosts the instance: name and address.' }),
    })
    .nullable()
    .meta({
      description:
        'Who runs this instance, for its legal notice and personal-data page; null when not configured (OPERATOR_NAME).',
    }),
});
