import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ChainedEntry } from './audit-chain.js';
import { canonicalJson } from './audit-chain.js';
import { proofHolds, type RedemptionProofContent, redemptionProof } from './audit-proof.js';

const key = randomBytes(32);

const decided: RedemptionProofContent = {
  at: '2026-12-01T10:15:00.123Z',
  actorUserId: null,
  actorLabel: 'clé pn_abcdefghij',
  // As the application may hold it; PostgreSQL stores it in lower case.
  placeId: '0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B',
  apiKeyId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c',
  theme: 'Maîtrise des outils numériques du quotidien',
  durationMinutes: 60,
  format: 'individual',
};

/** The entry as the redemption SQL functions write it and the sealer reads it back. */
function stored(over: Partial<ChainedEntry> = {}, summary: Record<string, unknown> = {}): ChainedEntry {
  return {
    at: decided.at,
    actorUserId: null,
    actorLabel: decided.actorLabel,
    funderId: '0190a1b2-0000-7000-8000-000000000001',
    action: 'pass.redeem',
    objectType: 'pass',
    objectId: '4242',
    summary: {
      placeId: decided.placeId.toLowerCase(),
      redemptionId: 17,
      apiKeyId: decided.apiKeyId,
      faceValueCents: 1000,
      theme: decided.theme,
      durationMinutes: 60,
      format: 'individual',
      ...summary,
    },
    ...over,
  };
}

describe('writer proofs of redemptions', () => {
  it('hold for the entry as stored, and fail when anything the application decided was changed', () => {
    const proof = redemptionProof(key, decided);
    expect(proof).toMatch(/^r2\.[\w-]{16}\.[\w-]{43}$/);
    expect(proofHolds(key, stored(), proof)).toBe(true);
    expect(proofHolds(key, stored({ at: '2026-12-01T10:15:00.124Z' }), proof)).toBe(false);
    expect(proofHolds(key, stored({ actorLabel: 'quelqu’un d’autre' }), proof)).toBe(false);
    expect(proofHolds(key, stored({ action: 'pass.cancel' }), proof)).toBe(false);
    expect(proofHolds(key, stored({ objectType: 'booklet' }), proof)).toBe(false);
    expect(proofHolds(key, stored({}, { theme: 'Autre thème' }), proof)).toBe(false);
    expect(proofHolds(key, stored({}, { durationMinutes: 90 }), proof)).toBe(false);
    expect(proofHolds(key, stored({}, { format: 'collective' }), proof)).toBe(false);
    expect(proofHolds(key, stored({}, { apiKeyId: null }), proof)).toBe(false);
    expect(proofHolds(key, stored({}, { placeId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d' }), proof)).toBe(
      false,
    );
    // Made with another key: not the application's.
    expect(proofHolds(randomBytes(32), stored(), proof)).toBe(false);
  });

  it('are unique: two proofs of the same redemption differ', () => {
    const proofs = new Set(Array.from({ length: 2000 }, () => redemptionProof(key, decided)));
    expect(proofs.size).toBe(2000);
  });

  it('still verify the r1 proofs written before r2 (sorted-keys JSON of the same fields)', () => {
    const nonce = 'AAAAAAAAAAAAAAAA';
    const covered = {
      ...decided,
      placeId: decided.placeId.toLowerCase(),
      action: 'pass.redeem',
      objectType: 'pass',
    };
    const mac = createHmac('sha256', key)
      .update(`r1\n${nonce}\n${canonicalJson(covered)}`)
      .digest('base64url');
    expect(proofHolds(key, stored(), `r1.${nonce}.${mac}`)).toBe(true);
    expect(proofHolds(key, stored({}, { theme: 'Autre thème' }), `r1.${nonce}.${mac}`)).toBe(false);
  });
});
