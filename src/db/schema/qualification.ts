import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Answer, Question } from '../../core/questionnaire.js';
import { users } from './accounts.js';
import { funders, organisations } from './funders.js';
import { funderPlaces } from './places.js';
import { programs } from './programs.js';

/** A funder's questionnaire for places, one row per version (append-only, migration 0030). */
export const funderQuestionnaires = pgTable(
  'funder_questionnaires',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    funderId: uuid('funder_id')
      .notNull()
      .references(() => funders.id),
    version: integer('version').notNull(),
    passMark: integer('pass_mark').notNull(),
    questions: jsonb('questions').$type<Question[]>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('funder_questionnaires_version').on(t.funderId, t.version),
    check('funder_questionnaires_pass_mark', sql`${t.passMark} >= 0`),
  ],
);

/** A funder's charter for places, one row per version (append-only). */
export const funderCharters = pgTable(
  'funder_charters',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    funderId: uuid('funder_id')
      .notNull()
      .references(() => funders.id),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('funder_charters_version').on(t.funderId, t.version),
    check('funder_charters_body', sql`length(btrim(${t.body})) > 0`),
  ],
);

/** A place accepts a version of a funder's charter: the date and the signatory's name. */
export const placeCharterAcceptances = pgTable(
  'place_charter_acceptances',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    placeId: uuid('place_id')
      .notNull()
      .references(() => organisations.id),
    funderId: uuid('funder_id').notNull(),
    charterId: bigint('charter_id', { mode: 'number' })
      .notNull()
      .references(() => funderCharters.id),
    signatory: text('signatory').notNull(),
    acceptedOn: date('accepted_on', { mode: 'string' }).notNull(),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'place_charter_acceptances_roster',
      columns: [t.funderId, t.placeId],
      foreignColumns: [funderPlaces.funderId, funderPlaces.placeId],
    }),
    check('place_charter_acceptances_signatory', sql`length(btrim(${t.signatory})) > 0`),
    index('place_charter_acceptances_place').on(t.placeId, t.funderId, t.id),
  ],
);

/** A place's bank account; a change is a new record, the latest is current. */
export const placeBankAccounts = pgTable(
  'place_bank_accounts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    placeId: uuid('place_id')
      .notNull()
      .references(() => organisations.id),
    iban: text('iban').notNull(),
    bic: text('bic').notNull(),
    holder: text('holder').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('place_bank_accounts_iban', sql`${t.iban} ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'`),
    check('place_bank_accounts_bic', sql`${t.bic} ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'`),
    check('place_bank_accounts_holder', sql`length(btrim(${t.holder})) > 0`),
    index('place_bank_accounts_place').on(t.placeId, t.id),
    index('place_bank_accounts_iban').on(t.iban),
  ],
);

/** A place's answers to a funder's questionnaire for one programme, scored by the server. */
export const placeApplications = pgTable(
  'place_applications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id').notNull(),
    placeId: uuid('place_id')
      .notNull()
      .references(() => organisations.id),
    questionnaireId: bigint('questionnaire_id', { mode: 'number' })
      .notNull()
      .references(() => funderQuestionnaires.id),
    answers: jsonb('answers').$type<Answer[]>().notNull(),
    score: integer('score').notNull(),
    maxScore: integer('max_score').notNull(),
    passMark: integer('pass_mark').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'place_applications_program',
      columns: [t.funderId, t.programId],
      foreignColumns: [programs.funderId, programs.id],
    }),
    foreignKey({
      name: 'place_applications_roster',
      columns: [t.funderId, t.placeId],
      foreignColumns: [funderPlaces.funderId, funderPlaces.placeId],
    }),
    index('place_applications_place').on(t.placeId, t.programId, t.id),
    index('place_applications_funder').on(t.funderId, t.id),
  ],
);
