import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A ProConnect sign-in under way: what the callback needs to check the provider's answer
 * (PKCE verifier, nonce) and where to send the agent afterwards. Keyed by the SHA-256 of the
 * `state` sent to the provider, deleted when the callback consumes it (single use) and
 * useless after ten minutes. Kept in PostgreSQL so that any instance can take the callback.
 */
export const oidcLogins = pgTable(
  'oidc_logins',
  {
    stateHash: text('state_hash').primaryKey(),
    codeVerifier: text('code_verifier').notNull(),
    nonce: text('nonce').notNull(),
    returnTo: text('return_to'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('oidc_logins_expires_at').on(t.expiresAt)],
);
