import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { funders, organisations } from './funders.js';

/** A person who signs in. Email is stored lower-cased: it is the login. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /**
     * Whether the person ever chose the password: an account created at a ProConnect sign-in
     * has a random one nobody knows, until a reset link sets one (migration 0087). What asks
     * for the password (a place's bank account) tells such a person how to set one.
     */
    passwordSet: boolean('password_set').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [
    // The journal's « Personne » filter finds accounts by part of a name or e-mail (migration 0068).
    index('users_display_name_trgm').using('gin', t.displayName.op('gin_trgm_ops')),
    index('users_email_trgm').using('gin', t.email.op('gin_trgm_ops')),
  ],
);

/**
 * A role held by a user, scoped to a funder or an organisation (docs/architecture.md, "Who reads what"). Only
 * a live one (`endedAt` null) grants anything; its one change is its end (migration 0044).
 */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    funderId: uuid('funder_id').references(() => funders.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedBy: uuid('ended_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('memberships_live_unique')
      .on(t.userId, t.role, t.funderId, t.organisationId)
      .where(sql`${t.endedAt} IS NULL`),
    check(
      'memberships_scope',
      sql`(${t.role} = 'platform_admin' AND ${t.funderId} IS NULL AND ${t.organisationId} IS NULL)
       OR (${t.role} IN ('funder_admin', 'funder_viewer') AND ${t.funderId} IS NOT NULL AND ${t.organisationId} IS NULL)
       OR (${t.role} = 'prescriber_agent' AND ${t.funderId} IS NOT NULL AND ${t.organisationId} IS NOT NULL)
       OR (${t.role} IN ('place_agent', 'place_admin') AND ${t.funderId} IS NULL AND ${t.organisationId} IS NOT NULL)
       OR (${t.role} = 'beneficiary' AND ${t.funderId} IS NOT NULL)`,
    ),
  ],
);

/** Server-side sessions: the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * An invitation to join a funder, or a place, with a role; accepted once, by setting a password.
 * A place's admin invites with no funder: a place belongs to none (migration 0045).
 */
export const invitations = pgTable('invitations', {
  id: uuid('id').primaryKey().defaultRandom(),
  funderId: uuid('funder_id').references(() => funders.id),
  email: text('email').notNull(),
  role: text('role').notNull(),
  organisationId: uuid('organisation_id').references(() => organisations.id),
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  /** Withdrawn by a funder admin before anyone accepted it: its link no longer works. */
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Failed sign-ins of an account from one client address (its SHA-256): after a few, the
 * account is locked from that address only, so that a stranger cannot shut an agent out of
 * every place. The count starts again when a lock ends or the last failure is old.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    sourceHash: text('source_hash').notNull(),
    failures: integer('failures').notNull(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'login_failures_pkey', columns: [t.userId, t.sourceHash] }),
    check('login_failures_positive', sql`${t.failures} > 0`),
  ],
);
