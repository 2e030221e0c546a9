import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from './audit-chain.js';

/**
 * What a seal's signature covers: the chain it continues and ends, the entries it lists,
 * the range of writing transactions and the epoch it covers (with the epoch's bounds, so
 * that moving them breaks the signature), and when it was made.
 */
export interface SealStatement {
  epoch: number;
  epochFirstEntryId: number;
  epochProofsFrom: number;
  xidFrom: string;
  xidTo: string;
  entryIds: number[];
  prevHash: string;
  lastHash: string;
  sealedAt: string;
}

const DOMAIN = 'pass-numerique audit seal v1\n';

function message(s: SealStatement): Buffer {
  return Buffer.from(DOMAIN + canonicalJson(s));
}

export function signSeal(privateKey: KeyObject, s: SealStatement): string {
  return sign(null, message(s), privateKey).toString('base64');
}

export function sealSignatureHolds(publicKey: KeyObject, s: SealStatement, signature: string): boolean {
  try {
    return verify(null, message(s), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * A hand-over of the signing key (`audit rotate-key`): a seal of no entries that names the
 * incoming key and carries both public keys, so that `audit verify` learns every earlier key
 * from the database, trusting none but the one in service. `writerKeys`: the writer-proof keys
 * of every earlier key (entries keep the proof of the key in force when they were written),
 * encrypted for the incoming key (audit/keys.ts).
 */
export interface HandOverStatement {
  keyId: string;
  publicKeyPem: string;
  previousPublicKeyPem: string;
  writerKeys: string;
}

/** As stored (audit_seals.hand_over): with the incoming key's countersignature. */
export interface HandOver extends HandOverStatement {
  countersignature: string;
}

/**
 * Both keys sign the same statement, each under its own domain: the outgoing key hands the
 * trail over (a leaked key alone cannot name a key it does not hold as its successor: the
 * incoming key must countersign), the incoming key takes over the past as it stands.
 */
const HAND_OVER = {
  outgoing: 'pass-numerique audit key hand-over v1 outgoing\n',
  incoming: 'pass-numerique audit key hand-over v1 incoming\n',
};

function handOverMessage(side: keyof typeof HAND_OVER, s: SealStatement, h: HandOverStatement): Buffer {
  const { keyId, publicKeyPem, previousPublicKeyPem, writerKeys } = h;
  return Buffer.from(
    HAND_OVER[side] +
      canonicalJson({ ...s, handOver: { keyId, publicKeyPem, previousPublicKeyPem, writerKeys } }),
  );
}

/**
 * A hand-over is chained like entries: removing it from the trail breaks the next seal's
 * `prevHash`, as removing any seal does.
 */
export function handOverHash(prevHash: string, h: HandOverStatement): string {
  const { keyId, publicKeyPem, previousPublicKeyPem, writerKeys } = h;
  return createHash('sha256')
    .update(prevHash)
    .update('\nhand-over\n')
    .update(canonicalJson({ keyId, publicKeyPem, previousPublicKeyPem, writerKeys }))
    .digest('hex');
}

export function signHandOver(
  outgoing: KeyObject,
  incoming: KeyObject,
  s: SealStatement,
  h: HandOverStatement,
): { signature: string; countersignature: string } {
  return {
    signature: sign(null, handOverMessage('outgoing', s, h), outgoing).toString('base64'),
    countersignature: sign(null, handOverMessage('incoming', s, h), incoming).toString('base64'),
  };
}

/** Whether both keys named by the hand-over signed it as it stands. */
export function handOverHolds(s: SealStatement, h: HandOver, signature: string): boolean {
  try {
    const outgoing = createPublicKey(h.previousPublicKeyPem);
    const incoming = createPublicKey(h.publicKeyPem);
    return (
      keyIdOf(incoming) === h.keyId &&
      verify(null, handOverMessage('outgoing', s, h), outgoing, Buffer.from(signature, 'base64')) &&
      verify(null, handOverMessage('incoming', s, h), incoming, Buffer.from(h.countersignature, 'base64'))
    );
  } catch {
    return false;
  }
}

/** A short, stable name of a public key: the first 16 bytes of the SHA-256 of its DER form. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 32);
}
