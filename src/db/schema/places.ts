import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { funders, organisations } from './funders.js';
import { programs } from './programs.js';

/** The places a funder works with (invited, registered with it, or qualified by it). */
export const funderPlaces = pgTable(
  'funder_places',
  {
    funderId: uuid('funder_id')
      .notNull()
      .references(() => funders.id),
    placeId: uuid('place_id')
      .notNull()
      .references(() => organisations.id),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'funder_places_pk', columns: [t.funderId, t.placeId] }),
    index('funder_places_place').on(t.placeId),
  ],
);

/** What a funder decides on a place for one of its programmes. */
export const FUNDER_DECISIONS = ['approved', 'refused', 'suspended', 'reinstated', 'revoked'] as const;
export type FunderDecision = (typeof FUNDER_DECISIONS)[number];
/**
 * The entries of a place's history: the funder's decisions, and the place's own, `left`: it
 * stopped taking the programme's passes, of its own accord (migration 0095).
 */
export const QUALIFICATION_DECISIONS = [...FUNDER_DECISIONS, 'left'] as const;
export type QualificationDecision = (typeof QUALIFICATION_DECISIONS)[number];

/**
 * A funder's decisions on a place for one of its programmes, and the place's own leaving,
 * append-only: the place's history. A trigger (migration 0024) folds them into program_places.
 */
export const placeQualifications = pgTable(
  'place_qualifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id').notNull(),
    placeId: uuid('place_id')
      .notNull()
      .references(() => organisations.id),
    decision: text('decision').$type<QualificationDecision>().notNull(),
    reason: text('reason'),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'place_qualifications_program',
      columns: [t.funderId, t.programId],
      foreignColumns: [programs.funderId, programs.id],
    }),
    foreignKey({
      name: 'place_qualifications_roster',
      columns: [t.funderId, t.placeId],
      foreignColumns: [funderPlaces.funderId, funderPlaces.placeId],
    }),
    check(
      'place_qualifications_decision',
      sql`${t.decision} IN ('approved', 'refused', 'suspended', 'reinstated', 'revoked', 'left')`,
    ),
    check('place_qualifications_reason', sql`${t.decision} = 'approved' OR length(btrim(${t.reason})) > 0`),
    index('place_qualifications_place').on(t.placeId, t.id),
    index('place_qualifications_program').on(t.programId, t.placeId, t.id),
  ],
);

/**
 * Derived from place_qualifications: the programmes whose passes a place takes now, and
 * whether it is suspended from them. Redemption reads it (place_standing()).
 */
export const programPlaces = pgTable(
  'program_places',
  {
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    placeId: uuid('place_id')
      .notNull()
      .references(() => organisations.id),
    acceptedOn: date('accepted_on', { mode: 'string' }).notNull(),
    standing: text('standing').$type<'approved' | 'suspended'>().notNull().default('approved'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.programId, t.placeId] }), index('program_places_place').on(t.placeId)],
);

/**
 * A place's key for its own software. Only a hash of the secret is kept: the key is
 * shown once at creation; `prefix` finds the row without revealing the secret.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    placeId: uuid('place_id')
      .notNull()
      .references(() => organisations.id),
    label: text('label').notNull(),
    prefix: text('prefix').notNull().unique(),
    secretHash: text('secret_hash').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_place').on(t.placeId), check('api_keys_label', sql`length(${t.label}) > 0`)],
);

/** Calls of a key per day (Europe/Paris), added by each server's recorder (modules/places/usage.ts). */
export const apiKeyUsage = pgTable(
  'api_key_usage',
  {
    keyId: uuid('key_id')
      .notNull()
      .references(() => apiKeys.id),
    day: date('day', { mode: 'string' }).notNull(),
    calls: integer('calls').notNull(),
    errors: integer('errors').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.keyId, t.day] }),
    check('api_key_usage_counts', sql`${t.calls} >= 0 AND ${t.errors} >= 0 AND ${t.errors} <= ${t.calls}`),
  ],
);

/** The last refused calls of a key (the latest 20 kept): status and code, nothing of the request. */
export const apiKeyErrors = pgTable(
  'api_key_errors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    keyId: uuid('key_id')
      .notNull()
      .references(() => apiKeys.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    method: text('method').notNull(),
    route: text('route').notNull(),
    status: integer('status').notNull(),
    code: text('code').notNull(),
  },
  (t) => [index('api_key_errors_key').on(t.keyId, t.at.desc())],
);

/**
 * A place's public description in the fields of the national standard of places of digital
 * mediation (columns named in English; the export maps them to the standard's names).
 * `commune_code` (INSEE) stays on the organisation. Kept current; each change is audited.
 */
export const placeProfiles = pgTable(
  'place_profiles',
  {
    placeId: uuid('place_id')
      .primaryKey()
      .references(() => organisations.id),
    address: text('address').notNull(),
    addressComplement: text('address_complement'),
    postcode: text('postcode').notNull(),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** OpenStreetMap opening_hours syntax, validated with the opening_hours package. */
    openingHours: text('opening_hours'),
    /** Among the nine services of the standard (core/session.ts STANDARD_SERVICES). */
    services: text('services').array().notNull().default(sql`'{}'`),
    publics: text('publics').array().notNull().default(sql`'{}'`),
    specificSupport: text('specific_support').array().notNull().default(sql`'{}'`),
    accessModes: text('access_modes').array().notNull().default(sql`'{}'`),
    supportModes: text('support_modes').array().notNull().default(sql`'{}'`),
    fees: text('fees').array().notNull().default(sql`'{}'`),
    phone: text('phone'),
    emails: text('emails').array().notNull().default(sql`'{}'`),
    website: text('website'),
    bookingUrl: text('booking_url'),
    accessibilityUrl: text('accessibility_url'),
    summary: text('summary'),
    description: text('description'),
    /** Where an imported description came from, and its id there: importing twice changes nothing. */
    source: text('source'),
    externalId: text('external_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('place_profiles_postcode', sql`${t.postcode} ~ '^[0-9]{5}$'`),
    check('place_profiles_latitude', sql`${t.latitude} BETWEEN -90 AND 90`),
    check('place_profiles_longitude', sql`${t.longitude} BETWEEN -180 AND 180`),
    check('place_profiles_coordinates', sql`(${t.latitude} IS NULL) = (${t.longitude} IS NULL)`),
    uniqueIndex('place_profiles_external_id')
      .on(t.source, t.externalId)
      .where(sql`${t.externalId} IS NOT NULL`),
    // The public directory's filters (migration 0031): services, then a bounding box on the
    // coordinates before the exact distance.
    index('place_profiles_services').using('gin', t.services),
    index('place_profiles_coordinates').on(t.latitude, t.longitude).where(sql`${t.latitude} IS NOT NULL`),
    index('place_profiles_postcode').on(t.postcode),
  ],
);

/**
 * A place's registration waiting for its admin's address to be confirmed (migration 0064):
 * the form as sent, without the password, whose hash alone is kept; the link's token by its
 * SHA-256. Confirming it creates the place and the account; it then serves no more.
 */
export const placeRegistrationRequests = pgTable(
  'place_registration_requests',
  {
    tokenHash: text('token_hash').primaryKey(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    form: jsonb('form').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    check('place_registration_requests_expiry', sql`${t.expiresAt} > ${t.createdAt}`),
    index('place_registration_requests_expires').on(t.expiresAt),
  ],
);
