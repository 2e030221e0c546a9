import { z } from 'zod';
import { TEMPLATE_NAMES } from './templates/types.js';

export const MessageParams = z.object({ messageId: z.uuid() });

export const OutboxQuery = z.object({
  /** Part of the recipient's address, any case: only the messages sent to such addresses. */
  recipient: z.string().trim().max(320).optional(),
});

/** `withdrawn`: its one-time link stopped working before it left (an invitation withdrawn, a reset link spent); never sent. */
export const MessageStatus = z.enum(['queued', 'sending', 'sent', 'failed', 'withdrawn']);

export const OutboxMessage = z.object({
  id: z.uuid(),
  funderId: z.uuid().nullable(),
  recipient: z.string(),
  template: z.enum(TEMPLATE_NAMES),
  /** The template's name in French. */
  templateLabel: z.string(),
  status: MessageStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime({ offset: true }),
  /** An error code of the last refusal (`EMESSAGE 451`, `ECONNREFUSED`, `interrupted`), or `expired` (its link expired before it left), never a message. */
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  sentAt: z.iso.datetime({ offset: true }).nullable(),
});

export const OutboxPage = z.object({
  /** Whether SMTP is configured: without it, messages stay queued. */
  smtpConfigured: z.boolean(),
  counts: z.object({
    queued: z.number(),
    sending: z.number(),
    sent: z.number(),
    failed: z.number(),
    withdrawn: z.number(),
  }),
  /** Queued, being sent, sent and withdrawn, newest first (the latest 200, of the recipient asked for if any). */
  messages: z.array(OutboxMessage),
  /** Failed after their last attempt or interrupted, to be sent again or left. */
  failed: z.array(OutboxMessage),
});

export const Resent = z.object({ id: z.uuid(), status: z.literal('queued') });

/** One message as its recipient reads it, its one-time link masked. */
export const MessageText = OutboxMessage.pick({
  id: true,
  recipient: true,
  template: true,
  templateLabel: true,
  status: true,
  createdAt: true,
  sentAt: true,
}).extend({
  subject: z.string(),
  /** The plain text as sent; a one-time link (invitation, password reset) stands masked. */
  text: z.string(),
});
