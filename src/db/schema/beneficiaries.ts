import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './funders.js';

/**
 * A person who receives passes, with only what the hand-out needs: names and birth date
 * to recognise the person at the next visit, commune and audience for the funder's
 * statistics. `pseudonym` survives erasure so that statistics do too (beneficiaries/person-data.ts).
 */
export const beneficiaries = pgTable(
  'beneficiaries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id').notNull(),
    pseudonym: uuid('pseudonym').notNull().defaultRandom(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    birthDate: date('birth_date', { mode: 'string' }),
    communeCode: text('commune_code').notNull(),
    audience: text('audience').notNull(),
    createdByOrganisationId: uuid('created_by_organisation_id').references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set (by migration 0016 only) on a row that recorded a person already recorded. */
    duplicateOf: uuid('duplicate_of').references((): AnyPgColumn => beneficiaries.id),
    /**
     * When the names and birth date were erased, on request or at the end of the retention
     * period (migration 0056, whose trigger lets a row change in no other way).
     */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (t) => [
    check(
      'beneficiaries_erased',
      sql`${t.erasedAt} IS NULL OR (${t.firstName} IS NULL AND ${t.lastName} IS NULL AND ${t.birthDate} IS NULL)`,
    ),
    index('beneficiaries_funder_name').on(t.funderId, t.lastName, t.firstName),
    // Close spellings are looked for among the people born the same day (migration 0052).
    index('beneficiaries_funder_birth').on(t.funderId, t.birthDate).where(sql`${t.duplicateOf} IS NULL`),
    // One person per funder: person_name_key (migration 0016) folds case, accents, hyphens, spaces.
    uniqueIndex('beneficiaries_identity')
      .on(t.funderId, sql`person_name_key(${t.lastName})`, sql`person_name_key(${t.firstName})`, t.birthDate)
      .where(sql`${t.duplicateOf} IS NULL`),
  ],
);
