import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import * as rateWindows from '../http/rate-windows.js';
import * as audit from '../modules/audit/service.js';
import * as auth from '../modules/auth/service.js';
import { eraseBeyondRetention } from '../modules/beneficiaries/retention.js';
import * as closing from '../modules/closing/end-of-programme.js';
import * as notifications from '../modules/notifications/service.js';
import * as passes from '../modules/passes/service.js';
import { noticeUnusualDays } from '../modules/reports/unusual-days-notice.js';
import * as statements from '../modules/statements/service.js';
import { every } from './schedule.js';

/** A writer open longer than this while entries wait for a seal is reported. */
const BACKLOG_WARN_MS = 60_000;

async function reportBacklog(db: Db, log: FastifyBaseLogger) {
  const { pending, heldBy } = await audit.backlog(db);
  if (heldBy && Date.now() - heldBy.since.getTime() > BACKLOG_WARN_MS) {
    log.warn(
      { pending, heldBy },
      'audit entries are waiting for a seal: an open transaction holds sealing back (end it with pg_terminate_backend)',
    );
  }
}

/** How often the outbox is looked at for messages due. */
const MAIL_EVERY_MS = 5_000;

/**
 * The e-mail sender, when SMTP_URL is set; without it messages stay queued in the outbox (the
 * embedded default), readable by the platform admin.
 */
export function mailSender(
  db: Db,
  log: FastifyBaseLogger,
  mail?: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl'>,
): (() => Promise<void>) | undefined {
  if (!mail?.smtpUrl) return undefined;
  const mailer = notifications.smtpMailer(mail.smtpUrl, mail.mailFrom ?? 'ne-pas-repondre@localhost');
  const stop = every(
    MAIL_EVERY_MS,
    'e-mail sending',
    () => notifications.sendBacklog(db, { mailer, publicUrl: mail.publicUrl, log }, MAIL_EVERY_MS),
    log,
  );
  return async () => {
    await stop();
    mailer.close();
  };
}

/**
 * The server's background work. Sealing keeps the audit chain a fraction of a second
 * behind the writes; expiry runs hourly so that a pass stops at midnight, Paris time,
 * give or take an hour (the redemption itself checks the date, so nothing expired can
 * be used meanwhile: only the counts wait); the rate-limit windows that have closed,
 * and the failed sign-ins that no longer count, are deleted hourly too, and so are the
 * beneficiaries' identities kept past their retention period, and the outbox's messages past
 * theirs; e-mail is sent every few seconds when SMTP is configured.
 */
export function startJobs(
  db: Db,
  log: FastifyBaseLogger,
  config?: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl' | 'calendarJobs'>,
): () => Promise<void> {
  const stops = [
    every(
      250,
      'audit sealing',
      () =>
        audit.seal(db, {
          onUnproven: (ids) =>
            log.error(
              { entryIds: ids.slice(0, 20), count: ids.length },
              'audit entries without a valid writer proof were sealed: not written by the application',
            ),
        }),
      log,
    ),
    every(10_000, 'audit backlog', () => reportBacklog(db, log), log),
    every(3_600_000, 'rate windows purge', () => rateWindows.purgeClosed(db), log),
    every(3_600_000, 'login failures purge', () => auth.purgeLoginFailures(db), log),
    every(3_600_000, 'expired sessions and reset links purge', () => auth.purgeExpiredTokens(db), log),
    // With or without SMTP: dead links withdrawn, and the messages past their retention deleted.
    every(3_600_000, 'e-mail outbox upkeep', () => notifications.keepOutbox(db), log),
  ];
  if (config?.calendarJobs !== false)
    stops.push(
      every(3_600_000, 'pass expiry', () => passes.expireOverdue(db), log),
      // Hourly, like expiry: each step is idempotent and acts on the first run after midnight.
      every(3_600_000, 'end of programmes', () => closing.runEndOfProgrammes(db), log),
      // On the first working day of the month (hourly that day, idempotent): last month's statements.
      every(3_600_000, 'monthly statements', () => statements.runIfDue(db), log),
      // Hourly, each day told once: yesterday's unusual days of places, to the funders' admins.
      every(3_600_000, 'unusual days notice', () => noticeUnusualDays(db), log),
      // Hourly too: a person's names and birth date go on the first run after their period ends.
      every(3_600_000, 'beneficiaries’ data retention', () => eraseBeyondRetention(db), log),
    );
  const sender = mailSender(db, log, config);
  if (sender) stops.push(sender);
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
