import type { Queryable } from '../../db/client.js';
import * as repo from './repo.js';
import type { MessageInput } from './templates/types.js';

export type { MessageInput, TemplateName, TemplateParams } from './templates/types.js';
export { TEMPLATE_LABELS, TEMPLATE_NAMES } from './templates/types.js';

/**
 * Puts a message in the outbox, in the caller's transaction: it exists if and only if the change
 * that causes it commits. The sender job sends it later. With a `dedupeKey` already used, nothing
 * is written (returns `{ id: null }`), so that a job run twice does not send twice.
 */
export async function enqueue(tx: Queryable, message: MessageInput): Promise<{ id: string | null }> {
  const row = await repo.insertMessage(tx, {
    recipient: message.to.trim().toLowerCase(),
    template: message.template,
    params: message.params as Record<string, unknown>,
    funderId: message.funderId ?? null,
    dedupeKey: message.dedupeKey ?? null,
  });
  return { id: row?.id ?? null };
}
