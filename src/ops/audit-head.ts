import type { Config } from '../config.js';
import { openDatabase } from '../db/open.js';
import * as audit from '../modules/audit/service.js';

type Say = (msg: string) => void;

/** Entries waiting for a seal, and what holds them back, in words for operators. */
export function describeBacklog(b: Awaited<ReturnType<typeof audit.backlog>>): string {
  if (b.pending === 0) return 'No entry waiting for a seal.';
  const held = b.heldBy
    ? `; sealing waits for transaction of pid ${b.heldBy.pid} (${b.heldBy.applicationName || 'no application name'}), open since ${b.heldBy.since.toISOString()}`
    : '';
  return `${b.pending} entries waiting for a seal${held}.`;
}

/**
 * `audit head`: the last seal's hash and signature and the public key that checks it, to
 * publish elsewhere (a register, an e-mail to the funder, a notary): whoever keeps them can
 * later tell that the trail was cut back and sealed again.
 */
export async function auditHead(config: Config, say: Say): Promise<void> {
  // Never migrated here: run from cron after an upgrade's `git pull` but before the restart,
  // it would migrate the live database under the old server. A database behind (or ahead of)
  // this version is refused, naming `migrate`.
  const database = await openDatabase(config, () => {}, 'share', { migrate: 'check' });
  try {
    const h = await audit.head(
      database.db,
      await audit.useInstanceKeys(database.db, config.auditSigningKeyFile),
    );
    if (!h.seal) say('No seal yet: the audit trail is empty.');
    else {
      say(`Seal          ${h.seal.seq} (epoch ${h.seal.epoch}), made ${h.seal.sealedAt.toISOString()}`);
      say(`Last entry    ${h.seal.lastEntryId}`);
      say(`Hash          ${h.seal.lastHash}`);
      say(`Signature     ${h.seal.signature ?? '(unsigned: made before seals were signed)'}`);
      say(`Signed by     ${h.seal.keyId ?? '-'}`);
    }
    say(`Key in use    ${h.keyId}`);
    say(h.publicKeyPem.trim());
    say(describeBacklog(h));
  } finally {
    await database.shutdown();
  }
}
