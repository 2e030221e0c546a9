import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, createPublicKey, type KeyObject } from 'node:crypto';
import { type ChainCheck, type ChainedEntry, entryHash, GENESIS_HASH } from '../../core/audit-chain.js';
import {
  actionLabel,
  FUNDER_JOURNAL_ACTIONS,
  frenchInstant,
  namedIds,
  namedTerritories,
  objectTypeLabel,
  PLACE_JOURNAL_ACTIONS,
  PLATFORM_JOURNAL_ACTIONS,
  summaryLines,
  territoryKey,
} from '../../core/audit-labels.js';
import {
  entryProof,
  proofHolds,
  type RedemptionProofContent,
  redemptionProof as redemptionProofWith,
} from '../../core/audit-proof.js';
import {
  type HandOver,
  handOverHash,
  handOverHolds,
  keyIdOf,
  type SealStatement,
  sealSignatureHolds,
  signHandOver,
  signSeal,
} from '../../core/audit-seal.js';
import { type CsvValue, frenchCsv } from '../../core/csv.js';
import { DomainError, forbidden, invalid } from '../../core/errors.js';
import { agree } from '../../core/french.js';
import { type Actor, funderScope, placeRoleOf, requireFunder } from '../../core/permissions.js';
import { LEVEL_LABELS, territoryName } from '../../core/territory.js';
import type { Db, Queryable } from '../../db/client.js';
import type { TerritoryRef } from '../../db/schema/index.js';
import {
  type AuditKeys,
  auditKeys,
  decryptWriterKeys,
  encryptWriterKeys,
  loadOrCreateKeys,
  useKeyFile,
  useKeyFileFor,
} from './keys.js';
import * as repo from './repo.js';
export interface AuditInput {
  /** null for the system itself (migrations, demo data, the command line). */
  actor: Actor | null;
  actorLabel?: string;
  funderId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  summary: Record<string, unknown>;
}

/**
 * Appends an entry. Call it inside the use-case's transaction so the entry exists
 * exactly when the change does; the sealer links it into the chain after commit.
 */
/** Set while an operator's command runs (cli/main.ts): who acts without an account. */
const commandLine = new AsyncLocalStorage<string>();

/**
 * Runs an operator's command: what it records without an actor is signed « ligne de
 * commande », as its own steps say, not « système », the background jobs' name (an issue or
 * an import of 150 prescribers read as the platform's own doing).
 */
export const asCommandLine = <T>(work: () => Promise<T>): Promise<T> =>
  commandLine.run('ligne de commande', work);

export async function record(tx: Queryable, input: AuditInput): Promise<void> {
  const row = {
    at: new Date(),
    actorUserId: input.actor?.userId ?? null,
    actorLabel: input.actorLabel ?? input.actor?.email ?? commandLine.getStore() ?? 'système',
    funderId: input.funderId,
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId,
    summary: input.summary,
  };
  const proof = entryProof(auditKeys().writerKey, { ...row, at: row.at.toISOString() });
  await repo.insertEntry(tx, { ...row, proof });
}

/** The writer proof of a redemption entry, which the redemption SQL functions store. */
export function redemptionProof(content: RedemptionProofContent): string {
  return redemptionProofWith(auditKeys().writerKey, content);
}

function contentOf(row: repo.AuditRow): ChainedEntry {
  return {
    at: row.at.toISOString(),
    actorUserId: row.actorUserId,
    actorLabel: row.actorLabel,
    funderId: row.funderId,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    summary: row.summary,
  };
}

const SEAL_BATCH = 5000;
const GENESIS_XID = '0';
/** The end of the range that closes an epoch: its server is gone, all its writers ended. */
const END_XID = '18446744073709551615';

function boundsOf(epochs: repo.EpochRow[], index: number): repo.IdBounds {
  return { from: epochs[index]!.firstEntryId, to: epochs[index + 1]?.firstEntryId ?? null };
}

function statementOf(
  s: Pick<repo.SealRow, 'xidFrom' | 'xidTo' | 'entryIds' | 'prevHash' | 'lastHash' | 'sealedAt'>,
  epoch: repo.EpochRow,
): SealStatement {
  return {
    epoch: epoch.epoch,
    epochFirstEntryId: epoch.firstEntryId,
    epochProofsFrom: epoch.proofsFrom,
    xidFrom: s.xidFrom,
    xidTo: s.xidTo,
    entryIds: s.entryIds,
    prevHash: s.prevHash,
    lastHash: s.lastHash,
    sealedAt: s.sealedAt.toISOString(),
  };
}

interface NextRange {
  epoch: repo.EpochRow;
  from: string;
  to: string;
  rows: repo.AuditRow[];
  prevHash: string;
}

/**
 * What the next seal covers: first what is left of epochs behind the current one (whole,
 * as their server is gone), then, in the current epoch, the writing transactions that
 * have all ended, cut after about `SEAL_BATCH` entries.
 */
async function nextRange(tx: Queryable, last: repo.LastSeal | undefined): Promise<NextRange | undefined> {
  const epochs = await repo.epochs(tx);
  let index = last ? epochs.findIndex((e) => e.epoch === last.epoch) : 0;
  let from = last?.xidTo ?? GENESIS_XID;
  const prevHash = last?.lastHash ?? GENESIS_HASH;
  if (last && index === epochs.length - 1 && (await repo.xidsWentBack(tx, last.xidTo))) {
    // Restored without `npm run cli -- restore`, which opens the epoch itself.
    const first = await repo.firstEntryOfThisServer(tx, last.epoch, last.xidTo);
    epochs.push(await repo.openEpoch(tx, first, 'transaction ids started again (database restored)'));
  }
  for (; index < epochs.length - 1; index++, from = GENESIS_XID) {
    const rows = await repo.entriesWritten(tx, boundsOf(epochs, index), from, END_XID);
    if (rows.length > 0) return { epoch: epochs[index]!, from, to: END_XID, rows, prevHash };
  }
  const ids = boundsOf(epochs, index);
  const to = await repo.sealableUpTo(tx, from, SEAL_BATCH, ids.from);
  if (BigInt(to) <= BigInt(from)) return undefined;
  const rows = await repo.entriesWritten(tx, ids, from, to);
  // An empty range needs no seal: the next one starts from the same place.
  if (rows.length === 0) return undefined;
  return { epoch: epochs[index]!, from, to, rows, prevHash };
}

/** Which key signs the trail after this seal: the one a hand-over names, or the seal's own. */
const keyAfter = (s: Pick<repo.SealRow, 'keyId' | 'handOver'> | undefined): string | null =>
  s?.handOver?.keyId ?? s?.keyId ?? null;

/**
 * A sealer holding another key than the one in service stops: an instance left running with
 * the old key after `audit rotate-key` would sign seals that `audit verify` refuses for good.
 */
function refuseOtherKey(keys: AuditKeys, last: repo.LastSeal | undefined): void {
  const inService = keyAfter(last);
  if (inService !== null && inService !== keys.keyId)
    throw new Error(
      `Le journal d’audit est signé par la clé ${inService} : la clé ${keys.keyId} de cette instance ne le scelle pas. ` +
        'Redémarrez-la avec AUDIT_SIGNING_KEY_FILE pointant vers la clé en service (docs/operations.md).',
    );
}

export interface SealOptions {
  keys?: AuditKeys;
  /** Told of sealed entries that carry no valid writer proof: no audited write made them. */
  onUnproven?: (ids: number[]) => void;
}

/**
 * Seals the entries whose writing transactions have ended, in bounded seals while there is a
 * backlog; entries committed during the run wait for the next one. Each seal is signed with
 * the key kept outside the database. Returns how many entries were sealed.
 */
export async function seal(db: Db, options: SealOptions = {}): Promise<number> {
  const keys = options.keys ?? auditKeys();
  let sealed = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      await repo.lockSealing(tx);
      const last = await repo.lastSeal(tx);
      refuseOtherKey(keys, last);
      const range = await nextRange(tx, last);
      if (!range) return 0;
      const { epoch, from, to, rows, prevHash } = range;
      const hashes: string[] = [];
      let hash = prevHash;
      for (const row of rows) {
        hash = entryHash(hash, contentOf(row));
        hashes.push(hash);
      }
      const seal = {
        epoch: epoch.epoch,
        xidFrom: from,
        xidTo: to,
        entryIds: rows.map((r) => r.id),
        hashes,
        prevHash,
        lastHash: hash,
        sealedAt: new Date(),
      };
      await repo.insertSeal(tx, {
        ...seal,
        keyId: keys.keyId,
        signature: signSeal(keys.privateKey, statementOf(seal, epoch)),
      });
      const unproven = rows
        .filter((r) => r.id >= epoch.proofsFrom && !proofHolds(keys.writerKey, contentOf(r), r.proof))
        .map((r) => r.id);
      if (unproven.length > 0) options.onUnproven?.(unproven);
      return rows.length;
    });
    sealed += n;
    // Caught up: what commits meanwhile waits for the next run. Looping on it instead kept
    // the sealer busy under load with a transaction for every handful of new entries.
    if (n <= SEAL_BATCH) return sealed;
  }
}

/**
 * `reason`: why the chain breaks, in French, for people: `audit verify` prints it and the
 * funder's journal page shows it (integrity.ts). Each run's reason is stored
 * (audit_checks.reason): runs recorded before it was French keep their English words.
 */
type SealCheck =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; brokenAt: number; reason: string; count: number };

const broken = (brokenAt: number, reason: string, count = 0): SealCheck => ({
  ok: false,
  brokenAt,
  reason,
  count,
});

/** A key that signed part of the trail: what checks its seals and its entries' writer proofs. */
interface TrailKey {
  keyId: string;
  publicKey: KeyObject;
  writerKey: Buffer;
}

/**
 * The keys of the trail, learnt from its hand-overs (`audit rotate-key`) backwards from the
 * key in service, the one key trusted: each hand-over must name as incoming key the one that
 * signs after it (the last: the key in service) and be countersigned by it, and be signed by
 * the outgoing key whose public key it carries. The writer-proof keys of the earlier keys come
 * from the last hand-over, encrypted for the key in service. `first`: the key of the first
 * signed seal. `replacedBy`: each key handed over, and the key it was handed to.
 */
type KeyChain =
  | { ok: true; first: string; byId: Map<string, TrailKey>; replacedBy: Map<string, string> }
  | { ok: false; brokenAt: number; reason: string };

const publicKeyOf = (pem: string): KeyObject | undefined => {
  try {
    return createPublicKey(pem);
  } catch {
    return undefined;
  }
};

async function keyChain(db: Db, keys: AuditKeys, epochs: repo.EpochRow[]): Promise<KeyChain> {
  const byId = new Map<string, TrailKey>([[keys.keyId, keys]]);
  const replacedBy = new Map<string, string>();
  const handOvers = await repo.handOvers(db);
  const writerKeys = handOvers.length
    ? decryptWriterKeys(keys, handOvers.at(-1)!.handOver!.writerKeys)
    : undefined;
  let incoming = keys.keyId;
  for (const s of handOvers.toReversed()) {
    const h = s.handOver!;
    const fault = async (why: string): Promise<KeyChain> => ({
      ok: false,
      brokenAt: await repo.lastEntrySealedBy(db, s.seq),
      reason: `passage de la clé ${s.keyId} à la clé ${h.keyId} (sceau n° ${s.seq}) ${why}`,
    });
    if (h.keyId !== incoming)
      return fault(
        incoming === keys.keyId
          ? `: la clé en service est ${keys.keyId}`
          : `: la clé qui signe ensuite est ${incoming}`,
      );
    const epoch = epochs.find((e) => e.epoch === s.epoch);
    const outgoing = publicKeyOf(h.previousPublicKeyPem);
    if (
      !epoch ||
      !outgoing ||
      s.signature === null ||
      keyIdOf(outgoing) !== s.keyId ||
      !handOverHolds(statementOf(s, epoch), h, s.signature)
    )
      return fault('falsifié : ses signatures ne correspondent pas à ce qu’il porte');
    const writerKey = writerKeys?.get(s.keyId);
    if (!writerKey)
      return fault('falsifié : les clés des preuves d’écriture ne se lisent pas avec la clé en service');
    byId.set(s.keyId, { keyId: s.keyId, publicKey: outgoing, writerKey });
    replacedBy.set(s.keyId, h.keyId);
    incoming = s.keyId;
  }
  return { ok: true, first: incoming, byId, replacedBy };
}

/** Why a seal signed by a key other than the one in force breaks the trail. */
function otherKeyReason(
  signedBy: string,
  inForce: string,
  chain: Extract<KeyChain, { ok: true }>,
  configured: string,
) {
  const replaced = chain.replacedBy.get(signedBy);
  if (replaced !== undefined && chain.byId.has(inForce) && inForce !== signedBy)
    return `sceau signé par la clé ${signedBy}, qui n’était pas ou plus en service (la clé ${inForce} l’était ; ${signedBy} a été remplacée par ${replaced})`;
  return inForce === configured
    ? `sceau signé par une autre clé (${signedBy}) que celle configurée (${configured})`
    : `sceau signé par une autre clé (${signedBy}) que celle alors en service (${inForce})`;
}

/**
 * Checks a seal's signature by the key in force, then re-reads the entries it covers and
 * recomputes its chain; a hand-over (its signatures checked with the chain of keys) continues
 * the chain with its own hash.
 */
async function checkSeal(
  db: Db,
  key: TrailKey,
  s: repo.SealRow,
  epochs: repo.EpochRow[],
  prev: string,
  signedBefore: boolean,
  otherKey: (signedBy: string) => string,
): Promise<SealCheck> {
  const first = s.entryIds[0] ?? 0;
  if (s.prevHash !== prev) return broken(first, 'le sceau ne suit pas le précédent');
  const index = epochs.findIndex((e) => e.epoch === s.epoch);
  const epoch = epochs[index]!;
  const signed = s.signature !== null;
  if (!signed && signedBefore) return broken(first, 'sceau non signé après des sceaux signés');
  if (signed && s.keyId !== key.keyId) return broken(first, otherKey(s.keyId ?? '-'));
  if (s.handOver) {
    if (s.entryIds.length > 0 || s.lastHash !== handOverHash(prev, s.handOver))
      return broken(first, 'le passage de clé ne correspond pas à son empreinte');
    return { ok: true, count: 0, lastHash: s.lastHash };
  }
  if (signed && !sealSignatureHolds(key.publicKey, statementOf(s, epoch), s.signature!))
    return broken(first, 'la signature du sceau ne correspond pas au sceau');
  const rows = await repo.entriesWritten(db, boundsOf(epochs, index), s.xidFrom, s.xidTo);
  let hash = prev;
  for (let i = 0; i < Math.max(rows.length, s.entryIds.length); i++) {
    const row = rows[i];
    const expectedId = s.entryIds[i];
    if (!row || row.id !== expectedId) {
      const at = Math.min(row?.id ?? Number.MAX_SAFE_INTEGER, expectedId ?? Number.MAX_SAFE_INTEGER);
      return broken(at, 'une entrée a été retirée ou ajoutée dans une plage scellée', i);
    }
    hash = entryHash(hash, contentOf(row));
    if (hash !== s.hashes[i])
      return broken(row.id, 'le contenu de l’entrée ne correspond pas à son empreinte', i);
    // Seals made before writer proofs existed (unsigned) vouch for their entries as they were.
    if (signed && row.id >= epoch.proofsFrom && !proofHolds(key.writerKey, contentOf(row), row.proof))
      return broken(row.id, 'entrée non écrite par l’application (pas de preuve d’écriture valide)', i);
  }
  if (hash !== s.lastHash)
    return broken(s.entryIds.at(-1) ?? 0, 'le sceau ne correspond pas à ses entrées', rows.length);
  return { ok: true, count: rows.length, lastHash: hash };
}

/** Entries that no seal covers yet, and since when the oldest has waited. */
export interface Backlog {
  pending: number;
  oldestPendingAt: Date | null;
}

/** Entries of the current epoch beyond the last seal: written, not sealed yet. */
async function unsealed(db: Queryable): Promise<Backlog & { ids: repo.IdBounds; from: string }> {
  const epochs = await repo.epochs(db);
  const last = await repo.lastSeal(db);
  const current = epochs.at(-1)!;
  const from = last && last.epoch === current.epoch ? last.xidTo : GENESIS_XID;
  const ids = boundsOf(epochs, epochs.length - 1);
  const { count, oldestAt } = await repo.writtenSince(db, ids, from);
  return { pending: count, oldestPendingAt: oldestAt, ids, from };
}

/**
 * For operators: how many entries wait for a seal and, when some do, the oldest open
 * transaction that has written anything, which sealing waits for (a forgotten psql session
 * holds it back until someone ends it; the application's own sessions end after a minute
 * idle in a transaction).
 */
export async function backlog(
  db: Queryable,
): Promise<Backlog & { heldBy?: { pid: number; applicationName: string; since: Date } }> {
  const { pending, oldestPendingAt } = await unsealed(db);
  if (pending === 0) return { pending, oldestPendingAt };
  return { pending, oldestPendingAt, heldBy: await repo.oldestWriter(db) };
}

export type VerifyResult = ChainCheck & Backlog;

/**
 * Seals what can be sealed, then checks every seal (its signature, then the entries it
 * covers and their writer proofs), one seal at a time, so memory stays flat on millions of
 * entries; then that every entry is in a seal or waiting for one, and that no writer proof
 * was copied. `pending` counts entries whose transaction was still running.
 */
export async function verify(
  db: Db,
  onProgress?: (checked: number) => void,
  keys: AuditKeys = auditKeys(),
): Promise<VerifyResult> {
  await sealIfInService(db, keys);
  const epochs = await repo.epochs(db);
  const waiting = await unsealed(db);
  const backlogOf = { pending: waiting.pending, oldestPendingAt: waiting.oldestPendingAt };
  const chain = await keyChain(db, keys, epochs);
  if (!chain.ok) return { ...chain, count: 0, ...backlogOf };
  const otherKey = (inForce: string) => (signedBy: string) =>
    otherKeyReason(signedBy, inForce, chain, keys.keyId);
  let inForce = chain.first;
  let prev = GENESIS_HASH;
  let afterSeq = 0;
  let total = 0;
  let signedBefore = false;
  for (;;) {
    const seals = await repo.sealsAfter(db, afterSeq, 20);
    if (seals.length === 0) break;
    for (const s of seals) {
      const result = await checkSeal(
        db,
        chain.byId.get(inForce)!,
        s,
        epochs,
        prev,
        signedBefore,
        otherKey(inForce),
      );
      if (!result.ok) return { ...result, count: total + result.count, ...backlogOf };
      signedBefore ||= s.signature !== null;
      total += result.count;
      prev = result.lastHash;
      if (s.handOver) inForce = s.handOver.keyId;
      afterSeq = s.seq;
      onProgress?.(total);
    }
  }
  if ((await repo.countEntries(db)) !== total + waiting.pending) {
    const outside = await repo.firstOutsideSeals(db, waiting.ids, waiting.from);
    if (outside !== undefined)
      return {
        ...broken(outside, 'entrée hors de tout sceau, dans une plage déjà scellée', total),
        ...backlogOf,
      };
  }
  const copied = await repo.firstCopiedProof(db);
  if (copied !== undefined)
    return { ...broken(copied, 'preuve d’écriture copiée d’une autre entrée', total), ...backlogOf };
  return { ok: true, count: total, lastHash: prev, ...backlogOf };
}

/** The last seal, to publish elsewhere: whoever keeps it can later tell a rewritten trail. */
export async function head(db: Db, keys: AuditKeys = auditKeys()) {
  await sealIfInService(db, keys);
  const last = await repo.headSeal(db);
  return {
    seal: last && {
      seq: last.seq,
      epoch: last.epoch,
      sealedAt: last.sealedAt,
      lastEntryId: last.entryIds.at(-1) ?? null,
      lastHash: last.lastHash,
      keyId: last.keyId,
      signature: last.signature,
    },
    keyId: keys.keyId,
    publicKeyPem: keys.publicKeyPem,
    ...(await backlog(db)),
  };
}

/**
 * Seals what waits, with the key in service only: `verify` and `head` run with another key (a
 * key handed over, a mistaken file) report what they find rather than stop at the sealer.
 */
async function sealIfInService(db: Db, keys: AuditKeys): Promise<void> {
  const inService = keyAfter(await repo.lastSeal(db));
  if (inService === null || inService === keys.keyId) await seal(db, { keys });
}

/**
 * Which key signs the trail: the last seal's, or the key a hand-over at the end names (null
 * before signing, or with no seal yet).
 */
export async function lastSealKey(db: Db): Promise<string | null> {
  return keyAfter(await repo.lastSeal(db));
}

/** The keys handed over (`audit rotate-key`), each to the key that replaced it. */
export async function retiredKeys(db: Queryable): Promise<Map<string, string>> {
  return new Map((await repo.handOvers(db)).map((s) => [s.keyId!, s.handOver!.keyId]));
}

/**
 * The instance's keys, for a process about to write or check entries (the server, every
 * command): the key file must hold the last seal's key; only a trail not yet sealed gets a
 * new one (see `useKeyFileFor`).
 */
/** A client address as the journal and the counters may keep it: keyed, so not reversible. */
export function keyedSource(purpose: string, address: string): string {
  return createHmac('sha256', auditKeys().sourceKey).update(`${purpose} ${address}`).digest('hex');
}

export async function useInstanceKeys(db: Db, file: string): Promise<AuditKeys> {
  return useKeyFileFor(file, await lastSealKey(db), await retiredKeys(db));
}

export interface HandedOver {
  previousKeyId: string;
  keyId: string;
  /** The hand-over's seal. */
  seq: number;
  /** True when the incoming key's file was created. */
  created: boolean;
  /** The entries the outgoing key vouched for. */
  count: number;
}

/**
 * The hand-over of `audit rotate-key` (rotation.ts), from the key in service to the key of
 * `file` (made, mode 0600, when it does not exist), with every instance stopped. The trail is
 * verified first and whatever waits sealed with the outgoing key: the incoming key countersigns
 * that past as it stands. Then, under the sealing lock, the hand-over (a seal of no entries,
 * core/audit-seal) carries both public keys and the earlier keys' writer-proof keys encrypted
 * for the incoming key, so that `verify` needs nothing but the database and the key in service.
 * From then on the process writes and seals with the incoming key.
 */
export async function handOver(
  db: Db,
  file: string,
  onProgress?: (checked: number) => void,
): Promise<HandedOver & { keys: AuditKeys }> {
  const outgoing = auditKeys();
  await refuseOtherSessions(db);
  const retired = await retiredKeys(db);
  const incoming = loadOrCreateKeys(file);
  if (incoming.keyId === outgoing.keyId)
    throw new DomainError(
      'audit_key_unchanged',
      `${file} contient la clé en service (${outgoing.keyId}) : donnez le fichier d’une autre clé, ou un chemin où en créer une.`,
    );
  if (retired.has(incoming.keyId))
    throw new DomainError(
      'audit_key_retired',
      `La clé de ${file} (${incoming.keyId}) a déjà été remplacée : une clé retirée ne reprend pas le journal. Donnez un chemin où créer une nouvelle clé.`,
    );
  const checked = await verify(db, onProgress, outgoing);
  if (!checked.ok)
    throw new DomainError(
      'audit_trail_broken',
      `Journal d’audit ROMPU à l’entrée n° ${checked.brokenAt} : ${checked.reason}. La nouvelle clé ne reprend pas un journal rompu : clé non remplacée.`,
    );
  const seq = await db.transaction(async (tx) => {
    await repo.lockSealing(tx);
    await refuseOtherSessions(tx);
    const last = await repo.lastSeal(tx);
    refuseOtherKey(outgoing, last);
    const waiting = await unsealed(tx);
    if (waiting.pending > 0 || (await nextRange(tx, last)))
      throw new DomainError(
        'audit_entries_pending',
        `${waiting.pending} ${agree(waiting.pending, 'entrée attend', 'entrées attendent')} encore leur sceau : une transaction de l’application est ouverte. Réessayez quand elle aura pris fin ; clé non remplacée.`,
      );
    const epochs = await repo.epochs(tx);
    const epoch = epochs.at(-1)!;
    const writerKeys = new Map(await earlierWriterKeys(tx, outgoing));
    writerKeys.set(outgoing.keyId, outgoing.writerKey);
    const handOver = {
      keyId: incoming.keyId,
      publicKeyPem: incoming.publicKeyPem,
      previousPublicKeyPem: outgoing.publicKeyPem,
      writerKeys: encryptWriterKeys(incoming, writerKeys),
    };
    const prevHash = last?.lastHash ?? GENESIS_HASH;
    // An empty range where the next seal starts: the sealer goes on from there.
    const xid = last && last.epoch === epoch.epoch ? last.xidTo : GENESIS_XID;
    const seal = {
      epoch: epoch.epoch,
      xidFrom: xid,
      xidTo: xid,
      entryIds: [],
      hashes: [],
      prevHash,
      lastHash: handOverHash(prevHash, handOver),
      sealedAt: new Date(),
    };
    const signed = signHandOver(outgoing.privateKey, incoming.privateKey, statementOf(seal, epoch), handOver);
    const row = await repo.insertSeal(tx, {
      ...seal,
      keyId: outgoing.keyId,
      signature: signed.signature,
      handOver: { ...handOver, countersignature: signed.countersignature } satisfies HandOver,
    });
    return row.seq;
  });
  useKeyFile(file);
  return {
    keys: incoming,
    previousKeyId: outgoing.keyId,
    keyId: incoming.keyId,
    seq,
    created: incoming.created,
    count: checked.count,
  };
}

/** The writer-proof keys of the keys before `keys`, from the hand-over to it (none before any). */
async function earlierWriterKeys(tx: Queryable, keys: AuditKeys): Promise<Map<string, Buffer>> {
  const last = (await repo.handOvers(tx)).at(-1);
  if (!last) return new Map();
  const found = decryptWriterKeys(keys, last.handOver!.writerKeys);
  if (!found)
    throw new DomainError(
      'audit_trail_broken',
      'Le dernier passage de clé ne se lit pas avec la clé en service : clé non remplacée.',
    );
  return found;
}

/** A key is handed over with every instance stopped: one still running would sign with the old key. */
async function refuseOtherSessions(db: Queryable): Promise<void> {
  const pids = await repo.otherSessions(db);
  if (pids.length)
    throw new DomainError(
      'audit_key_in_use',
      `La base est utilisée par l’application (${pids.length} ${agree(pids.length, 'session', 'sessions')} « pass-numerique », pid ${pids.join(', ')}) : arrêtez toutes ses instances avant de remplacer la clé ; clé non remplacée.`,
    );
}

/** After a restore: what the server writes from now on is a new epoch of the trail. */
export async function openEpochAfterRestore(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await repo.lockSealing(tx);
    const epoch = await repo.openEpoch(tx, await repo.nextEntryId(tx), 'restored from a backup');
    return epoch.epoch;
  });
}

/** Which page of the journal, and narrowed to what (see schemas.ts). */
export interface TrailQuery extends repo.EntryFilters {
  before?: number;
  limit: number;
}

/**
 * The filters, against the journal they narrow: an action it never holds (a platform's account
 * event in a funder's, a funder's money in the platform's, a mistyped one) is refused rather
 * than answered with an empty journal forever, as the web app's list offers none of them.
 */
function checkFilters(q: repo.EntryFilters, scope: Scope): void {
  const offered = scope === 'platform' ? PLATFORM_JOURNAL_ACTIONS : FUNDER_JOURNAL_ACTIONS;
  if (q.action && !offered.includes(q.action))
    throw invalid([{ field: 'action', message: 'Choisissez une action dans la liste.' }]);
  if (q.from && q.to && q.from > q.to)
    throw invalid([{ field: 'to', message: 'La date de fin doit suivre la date de début.' }]);
}

/**
 * What the journal says of a booklet's changes of hands outside the stock's moves (handed out,
 * given as a replacement, blocked), for its story (stock.movementsOf; the caller authorises).
 */
export async function bookletEvents(tx: Queryable, funderId: string, serial: string) {
  const rows = await repo.bookletEntries(tx, funderId, serial, [
    'booklet.hand_out',
    'booklet.replace',
    'booklet.block',
  ]);
  return rows.map((r) => ({
    action: r.action as 'booklet.hand_out' | 'booklet.replace' | 'booklet.block',
    at: r.at,
    actorEmail: r.actorEmail ?? null,
    summary: (r.summary ?? {}) as Record<string, unknown>,
  }));
}

/**
 * When an account last signed in (any way in writes `auth.sign_in`, sign-in.ts), for the
 * helpdesk: its sessions are deleted at sign-out and expiry, the journal keeps the sign-in.
 */
export function lastSignInOf(tx: Queryable, userId: string): Promise<Date | null> {
  return repo.lastAboutUser(tx, userId, 'auth.sign_in');
}

export async function trail(db: Db, actor: Actor, funderId: string, q: TrailQuery) {
  requireFunder(actor, 'audit:read', funderId, 'Financeur');
  checkFilters(q, [funderId]);
  return page(db, [funderId], q);
}

/**
 * The entries of no funder: account events (sign-ins, failures, locks, sign-outs, passwords),
 * the helpdesk's look-ups, API keys, and places on no funder's roster (PLATFORM_JOURNAL_ACTIONS
 * in core/audit-labels). Only who reads every funder's trail reads them.
 */
export async function platformTrail(db: Db, actor: Actor, q: TrailQuery) {
  if (funderScope(actor, 'audit:read') !== 'all') throw forbidden();
  checkFilters(q, 'platform');
  return page(db, 'platform', q);
}

type Scope = 'platform' | string[];

async function page(db: Db, scope: Scope, q: TrailQuery) {
  const rows = await repo.pageForFunders(db, scope, q.before, q.limit + 1, q);
  const page = rows.slice(0, q.limit);
  return {
    entries: await readable(db, page),
    nextBefore: rows.length > q.limit ? page[page.length - 1]!.id : null,
  };
}

type PageRow = Awaited<ReturnType<typeof repo.pageForFunders>>[number];

/** Entries as people read them: labels in French, names instead of ids, amounts in euros. */
async function readable(db: Queryable, rows: PageRow[]) {
  const names = await repo.namesOf(
    db,
    rows.flatMap((r) => [...(r.objectId ? [r.objectId] : []), ...namedIds(r.summary)]),
  );
  // Communes and territories by their official names, from the INSEE files rather than the database.
  for (const ref of rows.flatMap((r) => namedTerritories(r.summary))) {
    if (!Object.hasOwn(LEVEL_LABELS, ref.level)) continue;
    const name = territoryName(ref as TerritoryRef);
    if (name) names.set(territoryKey(ref.level, ref.code), name);
  }
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorEmail: r.actorEmail ?? r.actorLabel,
    actorName: r.actorName ?? (!r.actorLabel || r.actorLabel === 'système' ? 'Système' : r.actorLabel),
    action: r.action,
    actionLabel: actionLabel(r.action),
    objectType: r.objectType,
    objectId: r.objectId,
    objectLabel: objectText(r.objectType, r.objectId, names),
    summary: r.summary,
    details: summaryLines(r.summary, names),
  }));
}

function objectText(type: string, id: string | null, names: ReadonlyMap<string, string>): string {
  const label = objectTypeLabel(type);
  if (!id) return label;
  if (type === 'booklet') return `${label} ${id}`; // a booklet is known by its serial
  const name = names.get(id);
  return name ? `${label} « ${name} »` : label;
}

const CSV_LIMIT = 100_000;
const CSV_CHUNK = 1_000;

/**
 * The filtered journal as a CSV file for French spreadsheets: UTF-8 with a byte-order mark
 * (Excel reads accents right), `;` between cells, dates and amounts written the French way.
 * At most `CSV_LIMIT` entries, newest first; a last line says so when there were more.
 */
async function csv(db: Db, scope: Scope, filters: repo.EntryFilters): Promise<string> {
  checkFilters(filters, scope);
  const lines: CsvValue[][] = [['Date et heure (Paris)', 'Auteur', 'Action', 'Objet', 'Détails']];
  let before: number | undefined;
  let count = 0;
  for (;;) {
    const rows = await repo.pageForFunders(db, scope, before, CSV_CHUNK, filters);
    for (const e of await readable(db, rows)) {
      if (count === CSV_LIMIT) {
        lines.push([
          `Export limité aux ${CSV_LIMIT.toLocaleString('fr-FR')} entrées les plus récentes : précisez les filtres.`,
        ]);
        return frenchCsv(lines);
      }
      lines.push([
        frenchInstant(new Date(e.at)),
        e.actorName,
        e.actionLabel,
        e.objectLabel,
        e.details.join(' ; '),
      ]);
      count++;
    }
    if (rows.length < CSV_CHUNK) break;
    before = rows.at(-1)!.id;
  }
  return frenchCsv(lines);
}

export async function trailCsv(db: Db, actor: Actor, funderId: string, filters: repo.EntryFilters) {
  requireFunder(actor, 'audit:read', funderId, 'Financeur');
  return csv(db, [funderId], filters);
}

export async function platformTrailCsv(db: Db, actor: Actor, filters: repo.EntryFilters) {
  if (funderScope(actor, 'audit:read') !== 'all') throw forbidden();
  return csv(db, 'platform', filters);
}

/**
 * A place's journal is its admin's, as its team and keys are: a volunteer is refused (403); for
 * anyone who does not work at the place, a funder's people included, there is no such place (404).
 */
function requirePlaceAdmin(actor: Actor, placeId: string): void {
  if (placeRoleOf(actor, placeId) !== 'place_admin')
    throw new DomainError(
      'forbidden',
      'Seul l’administrateur du lieu consulte son journal : demandez-lui ce que vous cherchez.',
    );
}

function checkPlaceFilters(q: repo.PlaceEntryFilters): void {
  if (q.action && !PLACE_JOURNAL_ACTIONS.includes(q.action))
    throw invalid([{ field: 'action', message: 'Choisissez une action dans la liste.' }]);
  if (q.from && q.to && q.from > q.to)
    throw invalid([{ field: 'to', message: 'La date de fin doit suivre la date de début.' }]);
}

/** Only what the place's admin reads: no e-mail of an author, no raw summary, no internal id. */
const forPlace = (e: Awaited<ReturnType<typeof readable>>[number]) => ({
  id: e.id,
  at: e.at,
  actorName: e.actorName,
  action: e.action,
  actionLabel: e.actionLabel,
  objectLabel: e.objectLabel,
  details: e.details,
});

/**
 * Who did what at a place, for its admin (the treasurer of an association, the head of a desk):
 * sessions recorded and cancelled, its team, keys, profile, bank account, applications and
 * contests (PLACE_JOURNAL_ACTIONS), newest first, by page.
 */
export async function placeTrail(
  db: Db,
  actor: Actor,
  placeId: string,
  q: repo.PlaceEntryFilters & { page: number; pageSize: number },
) {
  requirePlaceAdmin(actor, placeId);
  checkPlaceFilters(q);
  const { total, rows } = await repo.pageForPlace(
    db,
    placeId,
    PLACE_JOURNAL_ACTIONS,
    q,
    (q.page - 1) * q.pageSize,
    q.pageSize,
  );
  return { total, page: q.page, pageSize: q.pageSize, entries: (await readable(db, rows)).map(forPlace) };
}

/**
 * The place's filtered journal as a CSV file, as the funder's (`csv` above): the same columns,
 * read in chunks from the newest on, each after the last entry of the one before.
 */
export async function placeTrailCsv(db: Db, actor: Actor, placeId: string, filters: repo.PlaceEntryFilters) {
  requirePlaceAdmin(actor, placeId);
  checkPlaceFilters(filters);
  const lines: CsvValue[][] = [['Date et heure (Paris)', 'Auteur', 'Action', 'Objet', 'Détails']];
  let before: number | undefined;
  for (;;) {
    const chunk = { ...filters, before };
    const { rows } = await repo.pageForPlace(db, placeId, PLACE_JOURNAL_ACTIONS, chunk, 0, CSV_CHUNK);
    for (const e of await readable(db, rows)) {
      if (lines.length > CSV_LIMIT) {
        lines.push([
          `Export limité aux ${CSV_LIMIT.toLocaleString('fr-FR')} entrées les plus récentes : précisez les filtres.`,
        ]);
        return frenchCsv(lines);
      }
      lines.push([
        frenchInstant(new Date(e.at)),
        e.actorName,
        e.actionLabel,
        e.objectLabel,
        e.details.join(' ; '),
      ]);
    }
    if (rows.length < CSV_CHUNK) return frenchCsv(lines);
    before = rows.at(-1)!.id;
  }
}
