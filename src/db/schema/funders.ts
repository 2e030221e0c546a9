import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export interface TerritoryRef {
  level: 'region' | 'departement' | 'epci' | 'commune';
  code: string;
}

/** The public body that buys the passes. Tenancy starts here. */
export const funders = pgTable(
  'funders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    siret: text('siret').notNull().unique(),
    territory: jsonb('territory').$type<TerritoryRef[]>().notNull(),
    /** Payment runs approved by another admin than their preparer (issue 12; migration 0034). */
    fourEyes: boolean('four_eyes').notNull().default(true),
    /**
     * Months a beneficiary's names and birth date are kept after the closure of the last
     * programme the person received a booklet of (migration 0056); then they are erased.
     */
    beneficiaryRetentionMonths: integer('beneficiary_retention_months').notNull().default(24),
    /** Whom a person writes to about their data, in the information notice (migration 0059). */
    privacyContact: text('privacy_contact'),
    /**
     * The funder's rule for a place's unusual day of redemptions (migration 0073): at least
     * this many passes of a programme in the day, and more than `unusualDayFactor` times usual.
     */
    unusualDayMinimum: integer('unusual_day_minimum').notNull().default(20),
    unusualDayFactor: integer('unusual_day_factor').notNull().default(3),
    /**
     * Whom its places write to about their statements and payments (migration 0082): an e-mail
     * address, and a phone number only with it. Shown on the places' statements page.
     */
    placeContactEmail: text('place_contact_email'),
    placeContactPhone: text('place_contact_phone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'funders_kind',
      sql`${t.kind} IN ('region', 'departement', 'epci', 'syndicat_mixte', 'commune', 'other')`,
    ),
    check('funders_siret', sql`${t.siret} ~ '^[0-9]{14}$'`),
    // One funder of a name, folded by person_name_key as findFunderByName folds it (migration 0067).
    uniqueIndex('funders_name').on(sql`person_name_key(${t.name})`),
    check('funders_beneficiary_retention', sql`${t.beneficiaryRetentionMonths} IN (6, 12, 24, 36, 60)`),
    check(
      'funders_privacy_contact',
      sql`${t.privacyContact} IS NULL OR char_length(${t.privacyContact}) BETWEEN 1 AND 300`,
    ),
    check(
      'funders_place_contact_email',
      sql`${t.placeContactEmail} IS NULL OR char_length(${t.placeContactEmail}) BETWEEN 3 AND 254`,
    ),
    check(
      'funders_place_contact_phone',
      sql`${t.placeContactPhone} IS NULL OR (${t.placeContactEmail} IS NOT NULL AND char_length(${t.placeContactPhone}) BETWEEN 6 AND 30)`,
    ),
    check('funders_unusual_day_minimum', sql`${t.unusualDayMinimum} BETWEEN 5 AND 500`),
    check('funders_unusual_day_factor', sql`${t.unusualDayFactor} IN (2, 3, 4, 5)`),
  ],
);

/**
 * Prescribers and places. A prescriber belongs to the funder whose passes it hands out; a place
 * belongs to no funder (issue 11): the funders that work with it list it in `funder_places`.
 */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id').references(() => funders.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    siret: text('siret'),
    communeCode: text('commune_code'),
    /** A prescriber's kind (core/prescriber-kinds.ts); null for places and older prescribers. */
    prescriberKind: text('prescriber_kind'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('organisations_funder_id').on(t.funderId, t.id),
    check('organisations_kind', sql`${t.kind} IN ('prescriber', 'place')`),
    check('organisations_funder_scope', sql`(${t.kind} = 'prescriber') = (${t.funderId} IS NOT NULL)`),
    check(
      'organisations_prescriber_kind',
      sql`${t.prescriberKind} IS NULL OR (${t.kind} = 'prescriber' AND ${t.prescriberKind} IN ('mission_locale', 'ccas', 'france_travail', 'association', 'etablissement_scolaire', 'mairie', 'mediatheque', 'autre'))`,
    ),
    check('organisations_siret', sql`${t.siret} IS NULL OR ${t.siret} ~ '^[0-9]{14}$'`),
    // One prescriber of a name per funder, names folded by person_name_key (migration 0016).
    uniqueIndex('organisations_prescriber_name')
      .on(t.funderId, sql`person_name_key(${t.name})`)
      .where(sql`${t.kind} = 'prescriber'`),
    // The public directory's filter by commune (migration 0031).
    index('organisations_place_commune').on(t.communeCode).where(sql`${t.kind} = 'place'`),
    // An import looks up every line's SIRET among places (migration 0032).
    index('organisations_place_siret').on(t.siret).where(sql`${t.kind} = 'place' AND ${t.siret} IS NOT NULL`),
    // The search of places by name, word by word in the folded name (migration 0080).
    index('organisations_place_name_trgm')
      .using('gin', sql`person_name_key(${t.name}) gin_trgm_ops`)
      .where(sql`${t.kind} = 'place'`),
  ],
);
