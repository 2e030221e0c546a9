import { conflict, forbidden, notFound } from '../../core/errors.js';
import { type Actor, isPlatformAdmin } from '../../core/permissions.js';
import type { Db, Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as repo from './repo.js';
import { render } from './templates/index.js';
import type { TemplateParams } from './templates/types.js';
import { type MessageInput, TEMPLATE_LABELS, type TemplateName } from './templates/types.js';

export { type Mailer, retryDelayMs, sendBacklog, sendDue, smtpMailer } from './sender.js';
export type { MessageInput, TemplateName, TemplateParams } from './templates/types.js';
export { TEMPLATE_LABELS, TEMPLATE_NAMES } from './templates/types.js';

/**
 * Puts a message in the outbox, in the caller's transaction: it exists if and only if the change
 * that causes it commits. The sender job sends it later. With a `dedupeKey` already used, nothing
 * is written (returns `{ id: null }`), so that a job run twice does not send twice.
 */
export async function enqueue(tx: Queryable, message: MessageInput): Promise<{ id: string | null }> {
  const row = await repo.insertMessage(tx, outboxRow(message));
  return { id: row?.id ?? null };
}

/** A message as the outbox keeps it: the address normalised, absent keys as nulls. */
function outboxRow(message: MessageInput) {
  return {
    recipient: message.to.trim().toLowerCase(),
    template: message.template,
    params: message.params as Record<string, unknown>,
    funderId: message.funderId ?? null,
    dedupeKey: message.dedupeKey ?? null,
    sendBefore: message.sendBefore ?? null,
  };
}

/**
 * Puts many messages in the outbox in one statement, in the caller's transaction (a monthly
 * run writes one per place): as `enqueue` each, with the same dedupe rule. Returns how many
 * were written.
 */
export async function enqueueMany(tx: Queryable, messages: MessageInput[]): Promise<number> {
  return repo.insertMessages(tx, messages.map(outboxRow));
}

/**
 * Withdraws, in the caller's transaction, the messages enqueued under these dedupe keys that
 * have not left yet: the change that made their link useless (an invitation withdrawn, a reset
 * or registration link spent) also stops them, so that nobody receives a link that no longer
 * works. `reason` 'accepted': the link was used before its e-mail left (an invitation accepted
 * through the link handed over, or through ProConnect), kept as the message's code so that the
 * outbox does not say it was withdrawn. Returns how many.
 */
export async function withdraw(tx: Queryable, dedupeKeys: string[], reason?: 'accepted'): Promise<number> {
  return repo.withdrawUnsent(tx, dedupeKeys, reason);
}

/**
 * How long the outbox keeps a message that went (or was withdrawn): long enough for the
 * helpdesk's « did my invitation go? » and a statement's « when were we told? », not for good:
 * each names a person (address, name, organisation). What a message recorded is in the journal.
 */
export const OUTBOX_RETENTION_DAYS = 90;

/**
 * The outbox's hourly upkeep, with or without SMTP: the messages whose link expired before they
 * left are withdrawn (the outbox page would show a dead link as waiting), and those sent or
 * withdrawn before the retention period are deleted. Queued and failed ones stay, whatever their
 * age: the first still go, the second wait for the platform admin.
 */
export async function keepOutbox(db: Queryable) {
  const expired = await repo.withdrawExpired(db);
  const deleted = await repo.deleteDoneBefore(db, OUTBOX_RETENTION_DAYS);
  return { expired, deleted };
}

/** The outbox is the platform's: its admins only (it names every person written to). */
function requirePlatformAdmin(actor: Actor) {
  if (!isPlatformAdmin(actor)) throw forbidden();
}

const LIST_LIMIT = 200;

/**
 * The outbox for the platform admin: the messages waiting or sent (newest first), the failed
 * ones apart, and the counts per status. Never a message's params or body: they may hold a
 * one-time link, which would let the reader take the account.
 */
export async function list(db: Db, actor: Actor, filter: { recipient?: string } = {}) {
  requirePlatformAdmin(actor);
  // With 80 funders the latest 200 are a day's: a helpdesk finds one address's by a part of it.
  const recipient = filter.recipient || undefined;
  const [messages, failed, counts] = await Promise.all([
    repo.listMessages(db, { failed: false, limit: LIST_LIMIT, recipient }),
    repo.listMessages(db, { failed: true, limit: LIST_LIMIT, recipient }),
    repo.countByStatus(db),
  ]);
  const count = (status: string) => counts.find((c) => c.status === status)?.count ?? 0;
  const present = (rows: typeof messages) =>
    rows.map((m) => ({
      ...m,
      template: m.template as TemplateName,
      templateLabel: TEMPLATE_LABELS[m.template as TemplateName] ?? m.template,
      nextAttemptAt: m.nextAttemptAt.toISOString(),
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
    }));
  return {
    messages: present(messages),
    failed: present(failed),
    counts: {
      queued: count('queued'),
      sending: count('sending'),
      sent: count('sent'),
      failed: count('failed'),
      withdrawn: count('withdrawn'),
    },
  };
}

/** What stands in a message's text for its one-time link, which only its recipient gets. */
export const MASKED_LINK = '[lien personnel : masqué ici, envoyé seulement au destinataire]';

/** Renders the erased token of a sent or withdrawn message; templates without a link ignore it. */
const ERASED_TOKEN = 'jeton-efface';

/** A message whose template fails is shown as such (the sender gave it up: TEMPLATE). */
function renderedOrNot(template: TemplateName, params: TemplateParams[TemplateName], publicUrl: string) {
  try {
    return render(template, params, { publicUrl });
  } catch {
    return {
      subject: TEMPLATE_LABELS[template] ?? template,
      text: 'Ce message n’a pas pu être rédigé : son modèle a échoué avec les données enregistrées.',
    };
  }
}

/**
 * One message as its recipient reads it (subject and text), for the platform admin who must
 * say what was written to whom. A one-time link (invitation, password reset) is masked: with
 * it, the reader could take the account.
 */
export async function read(db: Db, actor: Actor, id: string, publicUrl: string) {
  requirePlatformAdmin(actor);
  const row = await repo.findMessage(db, id);
  if (!row) throw notFound('Message');
  const template = row.template as TemplateName;
  const params = row.params as TemplateParams[TemplateName] & { token?: unknown };
  // A sent or withdrawn message's token is erased: a stand-in keeps its link's place, masked too.
  const token = typeof params.token === 'string' ? params.token : ERASED_TOKEN;
  const { subject, text } = renderedOrNot(template, { ...params, token }, publicUrl);
  // Every word that carries the token (the link, whatever its path) is masked whole.
  const carries = (word: string) => word.includes(token) || word.includes(encodeURIComponent(token));
  return {
    id: row.id,
    recipient: row.recipient,
    template,
    templateLabel: TEMPLATE_LABELS[template] ?? row.template,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    subject,
    text: text.replace(/\S+/g, (word) => (carries(word) ? MASKED_LINK : word)),
  };
}

/**
 * A failed message queued again by the platform admin (after fixing the SMTP settings, or after
 * an interrupted send: the admin accepts that it may arrive twice; its Message-ID is the same).
 */
export async function requeue(db: Db, actor: Actor | null, id: string) {
  if (actor) requirePlatformAdmin(actor);
  return db.transaction(async (tx) => {
    const row = await repo.requeueFailed(tx, id);
    if (!row) {
      const message = await repo.findMessage(tx, id);
      if (message?.status === 'withdrawn')
        throw conflict(
          'message_withdrawn',
          message.lastError === 'expired'
            ? 'Ce message n’est jamais parti : le lien qu’il portait a expiré avant son envoi. Un nouveau lien est à demander (une nouvelle invitation, ou « Mot de passe oublié ? »).'
            : message.lastError === 'accepted'
              ? 'Ce message n’est jamais parti : l’invitation qu’il portait a été acceptée avant son envoi (par le lien transmis directement, ou avec ProConnect). Rien n’est à renvoyer.'
              : message.template === 'invitation'
                ? 'Ce message n’est jamais parti : l’invitation qu’il portait a été retirée. Pour inviter cette personne, envoyez une nouvelle invitation.'
                : 'Ce message n’est jamais parti : le lien qu’il portait ne sert plus (mot de passe déjà changé, ou compte désactivé). La personne peut demander un nouveau lien.',
        );
      if (message) throw conflict('message_not_failed', 'Seul un message en échec peut être renvoyé.');
      throw notFound('Message');
    }
    await audit.record(tx, {
      actor,
      funderId: row.funderId,
      action: 'message.resend',
      objectType: 'message',
      objectId: row.id,
      summary: { kind: TEMPLATE_LABELS[row.template as TemplateName] ?? row.template },
    });
    return { id: row.id, status: 'queued' as const };
  });
}
