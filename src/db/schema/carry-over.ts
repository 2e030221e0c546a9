import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { programs } from './programs.js';

/**
 * The funder's decision to carry a programme's passes never handed out over to a following
 * programme at its usage end (migration 0038). Append-only: the latest entry is in force, a
 * withdrawal is an entry without target.
 */
export const carryOverDecisions = pgTable(
  'carry_over_decisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    funderId: uuid('funder_id').notNull(),
    programId: uuid('program_id').notNull(),
    targetProgramId: uuid('target_program_id'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.funderId, t.programId], foreignColumns: [programs.funderId, programs.id] }),
    foreignKey({
      columns: [t.funderId, t.targetProgramId],
      foreignColumns: [programs.funderId, programs.id],
    }),
    check('carry_over_decisions_not_itself', sql`${t.targetProgramId} IS DISTINCT FROM ${t.programId}`),
    index('carry_over_decisions_program').on(t.programId, t.id),
  ],
);

/**
 * One programme's passes never handed out, moved to the following programme at the step
 * (append-only, once), or the refusal when the target could no longer take them.
 */
export const carryOvers = pgTable(
  'carry_overs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id').notNull(),
    fromProgramId: uuid('from_program_id').notNull(),
    toProgramId: uuid('to_program_id').notNull(),
    carriedOn: date('carried_on', { mode: 'string' }).notNull(),
    bookletIds: uuid('booklet_ids').array().notNull(),
    passes: integer('passes').notNull(),
    activePasses: integer('active_passes').notNull(),
    valueCents: bigint('value_cents', { mode: 'number' }).notNull(),
    /** Why the target could no longer take the passes at the step (they were cancelled instead). */
    refusal: text('refusal'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.funderId, t.fromProgramId], foreignColumns: [programs.funderId, programs.id] }),
    foreignKey({ columns: [t.funderId, t.toProgramId], foreignColumns: [programs.funderId, programs.id] }),
    check(
      'carry_overs_counts',
      sql`${t.passes} >= 0 AND ${t.activePasses} BETWEEN 0 AND ${t.passes} AND ${t.valueCents} >= 0`,
    ),
    check('carry_overs_refusal', sql`${t.refusal} IS NULL OR cardinality(${t.bookletIds}) = 0`),
    check('carry_overs_not_itself', sql`${t.toProgramId} <> ${t.fromProgramId}`),
    uniqueIndex('carry_overs_from').on(t.fromProgramId),
    index('carry_overs_to').on(t.toProgramId),
  ],
);
