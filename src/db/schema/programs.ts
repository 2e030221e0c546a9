import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ProgramChanges } from '../../core/program/types.js';
import { users } from './accounts.js';
import { funders, type TerritoryRef } from './funders.js';

/**
 * A programme is only an identity: its content is the fold of its amendments
 * (the founding deliberation is the 'creation' amendment). Nothing is overwritten.
 */
export const programs = pgTable(
  'programs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id')
      .notNull()
      .references(() => funders.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    /** Starts every booklet serial of the programme; drawn from a sequence (migration 0013), never shared. */
    serialPrefix: text('serial_prefix')
      .notNull()
      .unique('programs_serial_prefix_unique')
      .default(sql`next_serial_prefix()`),
  },
  (t) => [unique('programs_funder_id').on(t.funderId, t.id)],
);

/** Append-only (a trigger refuses UPDATE and DELETE). */
export const programAmendments = pgTable(
  'program_amendments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id').notNull(),
    kind: text('kind').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    body: text('body').notNull(),
    number: text('number').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    votesFor: integer('votes_for'),
    votesAgainst: integer('votes_against'),
    abstentions: integer('abstentions'),
    text: text('text').notNull(),
    changes: jsonb('changes').$type<ProgramChanges>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    /** A rectifying deliberation names the amendment it supersedes. */
    rectifiesId: uuid('rectifies_id').references((): AnyPgColumn => programAmendments.id),
  },
  (t) => [
    foreignKey({ columns: [t.funderId, t.programId], foreignColumns: [programs.funderId, programs.id] }),
    check('program_amendments_kind', sql`${t.kind} IN ('creation', 'amendment')`),
    check(
      'program_amendments_votes',
      sql`coalesce(${t.votesFor}, 0) >= 0 AND coalesce(${t.votesAgainst}, 0) >= 0 AND coalesce(${t.abstentions}, 0) >= 0`,
    ),
    uniqueIndex('program_amendments_one_creation').on(t.programId).where(sql`${t.kind} = 'creation'`),
    index('program_amendments_program_effective').on(t.programId, t.effectiveOn),
    // NOT VALID in the SQL: rows recorded before migration 0013 are left as they were.
    check('program_amendments_decided_before_effect', sql`${t.decidedOn} <= ${t.effectiveOn}`),
    uniqueIndex('program_amendments_rectifies').on(t.rectifiesId).where(sql`${t.rectifiesId} IS NOT NULL`),
  ],
);

/**
 * The fold of a programme's amendments at each of its effective dates, for the database's
 * program_status (migration 0022). Derived: the trigger on program_amendments rewrites a
 * programme's rows from its amendments; nothing else writes here.
 */
export const programStates = pgTable(
  'program_states',
  {
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    decided: boolean('decided').notNull(),
    status: text('status'),
    distributionStart: date('distribution_start', { mode: 'string' }),
    distributionEnd: date('distribution_end', { mode: 'string' }),
    usageEnd: date('usage_end', { mode: 'string' }),
    closure: date('closure', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ name: 'program_states_pkey', columns: [t.programId, t.effectiveOn] }),
    foreignKey({
      name: 'program_states_program',
      columns: [t.funderId, t.programId],
      foreignColumns: [programs.funderId, programs.id],
    }),
  ],
);

/** A capped share of a programme's passes, from a date on. Append-only. */
export const envelopes = pgTable(
  'envelopes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id').notNull(),
    name: text('name').notNull(),
    cap: integer('cap').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    territory: jsonb('territory').$type<TerritoryRef[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [
    foreignKey({ columns: [t.funderId, t.programId], foreignColumns: [programs.funderId, programs.id] }),
    unique('envelopes_program_name').on(t.programId, t.name),
    check('envelopes_cap', sql`${t.cap} >= 0`),
  ],
);
