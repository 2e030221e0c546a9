import { createHash, type KeyObject, sign, verify } from 'node:crypto';
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

/** A short, stable name of a public key: the first 16 bytes of the SHA-256 of its DER form. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 32);
}
