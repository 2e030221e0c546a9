import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type ChainedEntry, canonicalJson } from './audit-chain.js';

/**
 * Writer proofs: how the sealer tells an entry the application wrote from one inserted by
 * hand. The application computes a MAC over what it writes with a key the database never
 * holds; a proof is `<kind>.<nonce>.<mac>` (base64url). The nonce makes every proof unique,
 * so a copied entry shows as a proof used twice.
 *
 * - `e1` covers the whole entry: written by the TypeScript services, which know all of it.
 * - `r2` covers what the application decides of a redemption before the database picks the
 *   pass (instant, actor, place, key, session details): the redemption SQL functions write
 *   those entries, and the pass, funder, redemption id and face value come from the rows they
 *   update. Those four are protected by the seal only, from the moment it is made. Its MAC is
 *   over a JSON array in a fixed order: one is made for every redemption and checked by the
 *   sealer, and the sorted-keys JSON of `r1` (the same fields, made until December 2026 and
 *   still checked) cost several percent of the redemption path's CPU between the two.
 */
export type ProofKind = 'e1' | 'r1' | 'r2';

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

/** What a proof's MAC covers: sorted-keys JSON for `e1` and `r1`, a fixed-order array for `r2`. */
function text(kind: ProofKind, covered: unknown): string {
  return kind === 'r2' ? JSON.stringify(covered) : canonicalJson(covered);
}

function mac(key: Buffer, kind: ProofKind, nonce: string, covered: unknown): Buffer {
  return createHmac('sha256', key)
    .update(`${kind}\n${nonce}\n${text(kind, covered)}`)
    .digest();
}

const NONCE_BYTES = 12;
/** Random bytes drawn 512 nonces at a time: one system call per nonce was dear on the hot path. */
let noncePool = Buffer.alloc(0);
let nonceAt = 0;

function freshNonce(): string {
  if (nonceAt + NONCE_BYTES > noncePool.length) {
    noncePool = randomBytes(NONCE_BYTES * 512);
    nonceAt = 0;
  }
  nonceAt += NONCE_BYTES;
  return noncePool.subarray(nonceAt - NONCE_BYTES, nonceAt).toString('base64url');
}

function make(key: Buffer, kind: ProofKind, covered: unknown): string {
  const n = freshNonce();
  return `${kind}.${n}.${mac(key, kind, n, covered).toString('base64url')}`;
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

/** The fields an `r2` proof covers, in their fixed order. */
function redemptionFields(r: RedemptionProofContent): unknown[] {
  return [
    r.at,
    uuid(r.actorUserId),
    r.actorLabel,
    uuid(r.placeId),
    uuid(r.apiKeyId),
    r.theme,
    r.durationMinutes,
    r.format,
  ];
}

export function redemptionProof(key: Buffer, r: RedemptionProofContent): string {
  return make(key, 'r2', redemptionFields(r));
}

/** Whether the entry, as stored, is what the application proved it wrote. */
export function proofHolds(key: Buffer, entry: ChainedEntry, proof: string | null): boolean {
  if (!proof) return false;
  const [kind, nonce, given, extra] = proof.split('.');
  if (extra !== undefined || !nonce || !given) return false;
  let covered: unknown;
  if (kind === 'e1') covered = entry;
  else if (kind === 'r1' && entry.action === 'pass.redeem') covered = redemptionPart(entry);
  else if (kind === 'r2' && entry.action === 'pass.redeem' && entry.objectType === 'pass')
    covered = redemptionFields(redemptionPart(entry));
  else return false;
  const expected = mac(key, kind, nonce, covered);
  const actual = Buffer.from(given, 'base64url');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
