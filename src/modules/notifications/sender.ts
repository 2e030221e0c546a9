import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { Db } from '../../db/client.js';
import { redactText } from '../../http/logging.js';
import * as repo from './repo.js';
import { type Rendered, render } from './templates/index.js';
import type { TemplateName, TemplateParams } from './templates/types.js';

/** One message handed to SMTP; `id` is the outbox id, which the Message-ID carries. */
export interface Outgoing extends Rendered {
  id: string;
  to: string;
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the message; rejects on a refusal or a network error. */
  send(message: Outgoing): Promise<void>;
  close(): void;
}

/** Timeouts well under the lease, so that a hung server becomes a refusal, not an expired lease. */
const SMTP_TIMEOUT_MS = 30_000;

/**
 * nodemailer over SMTP_URL (smtp://user:pass@host:port, smtps://… for implicit TLS). The
 * Message-ID is `<outbox id@domain>`: a message sent again by the admin after an interrupted
 * send keeps its Message-ID, so that mail systems and people can recognise the duplicate.
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl, {
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  } as never);
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'pass-numerique.invalid';
  return {
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: `<${message.id}@${domain}>`,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    },
    close: () => transport.close(),
  };
}

export interface SendOptions {
  mailer: Mailer;
  publicUrl: string;
  /** Messages claimed per run. */
  batch?: number;
  /** After this many attempts refused, a message is `failed`. */
  maxAttempts?: number;
  /** The wait after the first refusal; doubled after each next one (capped at a day). */
  baseDelayMs?: number;
  /** How long a claim holds; a sender silent for longer gives the message up (never resent). */
  leaseMs?: number;
  /** Where refusals are reported: each at `warn`, a message given up at `error`. */
  log?: Pick<FastifyBaseLogger, 'warn' | 'error'>;
}

export const MAX_ATTEMPTS = 8;
const DEFAULT_BATCH = 20;
const DAY_MS = 86_400_000;

/** The wait before attempt n + 1 after n refusals: base, 2 × base, 4 × base… at most a day. */
export function retryDelayMs(attempts: number, baseDelayMs: number): number {
  return Math.min(baseDelayMs * 2 ** Math.max(0, attempts - 1), DAY_MS);
}

/**
 * An error as the outbox keeps it: its code and the SMTP reply code, never its message (a
 * server's reply often quotes the address) nor anything of the body.
 */
export function errorCode(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown } | null;
  const code = typeof e?.code === 'string' && /^[A-Z_]{1,40}$/.test(e.code) ? e.code : 'ERROR';
  const reply = typeof e?.responseCode === 'number' ? ` ${e.responseCode}` : '';
  return `${code}${reply}`;
}

/** What a refusal's log line says: never the recipient, the body or the parameters. */
function refusalFields(
  row: { id: string; template: string; attempts: number },
  code: string,
  error: unknown,
) {
  const message = error instanceof Error ? error.message : String(error);
  // A server's reply often quotes the address: the scrubber takes e-mails out of the message.
  return {
    messageId: row.id,
    template: row.template,
    attempt: row.attempts,
    error: code,
    reason: redactText(message),
  };
}

/**
 * One run of the sender: gives up the expired leases, withdraws the messages whose link expired
 * before they left, claims what is due, sends each message and records the outcome. Safe on
 * several instances at once. Returns what it did.
 */
export async function sendDue(db: Db, options: SendOptions) {
  const batch = options.batch ?? DEFAULT_BATCH;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const baseDelayMs = options.baseDelayMs ?? 60_000;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const abandoned = await repo.abandonExpiredLeases(db);
  const expired = await repo.withdrawExpired(db);
  const claimToken = randomUUID();
  const claimed = await repo.claimDue(db, claimToken, batch, leaseMs);
  let sent = 0;
  let refused = 0;
  for (const row of claimed) {
    let rendered: Rendered;
    try {
      rendered = render(row.template as TemplateName, row.params as TemplateParams[TemplateName], {
        publicUrl: options.publicUrl,
      });
    } catch (error) {
      // A message that cannot be written will not be better later.
      await repo.markRefused(db, row.id, claimToken, 'TEMPLATE', null);
      options.log?.error(refusalFields(row, 'TEMPLATE', error), 'e-mail given up: its template failed');
      refused++;
      continue;
    }
    try {
      await options.mailer.send({ id: row.id, to: row.recipient, ...rendered });
    } catch (error) {
      const retry = row.attempts >= maxAttempts ? null : retryDelayMs(row.attempts, baseDelayMs);
      const code = errorCode(error);
      await repo.markRefused(db, row.id, claimToken, code, retry);
      const fields = refusalFields(row, code, error);
      if (retry === null)
        options.log?.error({ ...fields, maxAttempts }, 'e-mail given up after its last attempt');
      else options.log?.warn({ ...fields, maxAttempts, retryInMs: retry }, 'e-mail attempt failed');
      refused++;
      continue;
    }
    await repo.markSent(db, row.id, claimToken);
    sent++;
  }
  return { claimed: claimed.length, sent, refused, abandoned, expired };
}

/**
 * Runs of the sender one after another while each claims a full batch, for at most `forMs`:
 * a backlog (a month's statements, 5,000 e-mails at once) goes at the SMTP server's pace, not
 * one batch per look at the outbox. Bounded so that a server stopping waits a moment only.
 */
export async function sendBacklog(db: Db, options: SendOptions, forMs: number) {
  const batch = options.batch ?? DEFAULT_BATCH;
  const until = Date.now() + forMs;
  const total = { claimed: 0, sent: 0, refused: 0, abandoned: 0, expired: 0 };
  for (;;) {
    const run = await sendDue(db, { ...options, batch });
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += run[k];
    if (run.claimed < batch || Date.now() >= until) return total;
  }
}
