import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type ChainedEntry, canonicalJson } from './audit-chain.js';

/**
 * Writer proofs: how the sealer tells an entry the application wrote from one inserted by
 * hand. The application computes a MAC over what it writes with a key the database never
 * holds; a proof is `<kind>.<nonce>.<mac>` (base64url). The nonce makes every proof unique,
 * so a copied entry shows as a proof used twice.
 *
 * - `e1` covers the whole entry: written by the TypeScript services, which know all of it.
 * - `r1` covers what the application decides of a redemption before the database picks the
 *   pass (instant, actor, place, key, session details): the redemption SQL functions write
 *   those entries, and the pass, funder, redemption id and face value come from the rows they
 *   update. Those four are protected by the seal only, from the moment it is made.
 */
export type ProofKind = 'e1' | 'r1';

/** The part of a redemption entry the application knows before calling the database. */
export interface RedemptionProofContent {
  at: string;
  actorUserId: string | null;
  actorLabel: string | null;
  placeId: string;
  apiKeyId: string | null;
  theme: string;
  durationMinutes: number;
  format: string;
}

function redemptionPart(e: ChainedEntry): RedemptionProofContent & { action: string; objectType: string } {
  const s = e.summary;
  return {
    at: e.at,
    actorUserId: e.actorUserId,
    actorLabel: e.actorLabel,
    action: e.action,
    objectType: e.objectType,
    placeId: s.placeId as string,
    apiKeyId: (s.apiKeyId as string | null | undefined) ?? null,
    theme: s.theme as string,
    durationMinutes: s.durationMinutes as number,
    format: s.format as string,
  };
}

/** PostgreSQL writes uuids in lower case, whatever case they were given in. */
const uuid = (v: string | null) => v?.toLowerCase() ?? null;

function mac(key: Buffer, kind: ProofKind, nonce: string, covered: unknown): Buffer {
  return createHmac('sha256', key)
    .update(`${kind}\n${nonce}\n${canonicalJson(covered)}`)
    .digest();
}

function make(key: Buffer, kind: ProofKind, covered: unknown): string {
  const nonce = randomBytes(12).toString('base64url');
  return `${kind}.${nonce}.${mac(key, kind, nonce, covered).toString('base64url')}`;
}

/**
 * The entry as it will read back from the database: jsonb keeps what JSON.stringify
 * makes of the summary (a Date becomes its ISO string, undefined disappears).
 */
export function entryProof(key: Buffer, entry: ChainedEntry): string {
  return make(key, 'e1', {
    ...entry,
    actorUserId: uuid(entry.actorUserId),
    funderId: uuid(entry.funderId),
    summary: JSON.parse(JSON.stringify(entry.summary)),
  });
}

export function redemptionProof(key: Buffer, r: RedemptionProofContent): string {
  return make(key, 'r1', {
    ...r,
    actorUserId: uuid(r.actorUserId),
    placeId: uuid(r.placeId),
    apiKeyId: uuid(r.apiKeyId),
    action: 'pass.redeem',
    objectType: 'pass',
  });
}

/** Whether the entry, as stored, is what the application proved it wrote. */
export function proofHolds(key: Buffer, entry: ChainedEntry, proof: string | null): boolean {
  if (!proof) return false;
  const [kind, nonce, given, extra] = proof.split('.');
  if (extra !== undefined || !nonce || !given) return false;
  let covered: unknown;
  if (kind === 'e1') covered = entry;
  else if (kind === 'r1' && entry.action === 'pass.redeem') covered = redemptionPart(entry);
  else return false;
  const expected = mac(key, kind, nonce, covered);
  const actual = Buffer.from(given, 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
