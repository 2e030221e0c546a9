import fs from 'node:fs';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/seed.js';

/**
 * What the start warns of, at the warn level so that the default level shows it: rules the
 * operations guide states that the start cannot enforce without stopping instances that some
 * operators run on purpose (an evaluation with a superuser, say).
 */
export async function startWarnings(db: Db, config: Config, keyFile: string): Promise<string[]> {
  const warnings: string[] = [];
  // The embedded server's superuser is the platform's own, on loopback: only an outside one is checked.
  if (config.databaseUrl) {
    const { rows } = await db.$client.query<{ rolsuper: boolean; role: string }>(
      'SELECT rolsuper, current_user AS role FROM pg_roles WHERE rolname = current_user',
    );
    if (rows[0]?.rolsuper)
      warnings.push(
        `DATABASE_URL connects as a PostgreSQL superuser (${rows[0].role}): a superuser can disable the audit trail's append-only triggers and read the server's files. ` +
          'Connect as a role that owns the tables but is not a superuser (docs/operations.md, "Production set-up in short").',
      );
  }
  // An evaluation moved by backup and restore brings its demo along; where the demo was asked
  // for (the embedded database, DEMO_DATA=true), the start lists its accounts instead.
  if (config.databaseUrl && !config.loadDemo) {
    const { rows } = await db.$client.query<{ email: string }>(
      'SELECT email FROM users WHERE email = ANY($1) AND disabled_at IS NULL',
      [DEMO_ACCOUNTS.map((a) => a.email)],
    );
    if (rows.length) {
      const { rows: queued } = await db.$client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM notification_outbox WHERE status = 'queued'",
      );
      const outbox = queued[0]?.n
        ? ` Its outbox holds ${queued[0].n} message(s) not yet sent, which go out as soon as SMTP_URL is set.`
        : '';
      // The addresses themselves are masked in the log, like every e-mail: the README lists them.
      warnings.push(
        `The database holds the demo data: ${rows.length} of its accounts (the README's "Demo accounts", ` +
          `${rows.some((r) => r.email === DEMO_ACCOUNTS[0]!.email) ? 'the platform admin among them, ' : ''}` +
          `on .test addresses) share the published password "${DEMO_PASSWORD}", so anyone can sign in with them.${outbox} ` +
          'Start production on an empty database rather than on a restored evaluation (docs/operations.md, "Production set-up in short").',
      );
    }
  }
  // An evaluation on the embedded database has no mail server, and wants none.
  if (config.databaseUrl && !config.smtpUrl)
    warnings.push(
      'SMTP_URL is not set: no e-mail leaves the platform. Invitations, password links and statements wait in the outbox ' +
        "for the platform admin to pass on by hand, and a place that registers itself gets its admin's account at once, " +
        'for whatever address was typed, unconfirmed. Set SMTP_URL and MAIL_FROM (docs/operations.md, "Production set-up in short").',
    );
  const mode = fs.statSync(keyFile).mode & 0o777;
  if (mode & 0o077)
    warnings.push(
      `The audit signing key AUDIT_SIGNING_KEY_FILE=${keyFile} is readable by other accounts (mode ${mode.toString(8).padStart(4, '0')}): ` +
        "whoever reads it can rewrite the audit trail unseen. Make it readable by the application's account only " +
        `(chmod 600 ${keyFile}; docs/operations.md, "What holds the state").`,
    );
  return warnings;
}
