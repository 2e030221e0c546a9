import { plural } from '../cli/usage.js';
import type { Config } from '../config.js';
import { openDatabase } from '../db/open.js';
import * as audit from '../modules/audit/service.js';

type Say = (msg: string) => void;

/** Entries waiting for a seal, and what holds them back, in words for operators. */
export function describeBacklog(b: Awaited<ReturnType<typeof audit.backlog>>): string {
  if (b.pending === 0) return 'Aucune entrée n’attend de sceau.';
  const held = b.heldBy
    ? ` ; le scellement attend la transaction du pid ${b.heldBy.pid} (${b.heldBy.applicationName || 'sans nom d’application'}), ouverte depuis ${b.heldBy.since.toISOString()}`
    : '';
  return `${plural(b.pending, 'entrée')} en attente de sceau${held}.`;
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
    if (!h.seal) say('Aucun sceau pour l’instant : le journal d’audit est vide.');
    else {
      say(
        `Sceau            ${h.seal.seq} (époque ${h.seal.epoch}), posé le ${h.seal.sealedAt.toISOString()}`,
      );
      say(`Dernière entrée  ${h.seal.lastEntryId}`);
      say(`Empreinte        ${h.seal.lastHash}`);
      say(`Signature        ${h.seal.signature ?? '(non signé : posé avant que les sceaux soient signés)'}`);
      say(`Signé par        ${h.seal.keyId ?? '-'}`);
    }
    say(`Clé en service   ${h.keyId}`);
    say(h.publicKeyPem.trim());
    say(describeBacklog(h));
  } finally {
    await database.shutdown();
  }
}
