import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { funders } from './funders.js';

/**
 * An import of places in the national standard (issue 11, point 6), run as a job: the funder's
 * page polls its progress, then reads its report line by line. A dry run writes nothing else.
 */
export const placeImports = pgTable(
  'place_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    funderId: uuid('funder_id')
      .notNull()
      .references(() => funders.id),
    createdBy: uuid('created_by').references(() => users.id),
    fileName: text('file_name').notNull(),
    dryRun: boolean('dry_run').notNull(),
    status: text('status').$type<'running' | 'done' | 'failed'>().notNull().default('running'),
    /** Lines the file seems to hold (its line count), for the progress bar. */
    expected: integer('expected').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    lines: jsonb('lines').$type<unknown[]>().notNull().default([]),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    check('place_imports_status', sql`${t.status} IN ('running', 'done', 'failed')`),
    index('place_imports_funder').on(t.funderId, t.createdAt),
  ],
);
