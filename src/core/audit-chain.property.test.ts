import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS_HASH } from './audit-chain.js';

/** The canonical form as first written: every hash already sealed was computed with it. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    fc.dictionary(fc.string(), fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 6 }),
    fc.array(tie('value'), { maxLength: 4 }),
  ),
})).value;

describe('canonical JSON of audit entries', () => {
  it('is the form the sealed hashes were computed with, for any value', () => {
    fc.assert(
      fc.property(values, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('does not depend on the order of the keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 8 }), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(o));
      }),
    );
  });

  it('keeps a known entry’s hash', () => {
    const entry = {
      at: '2026-11-23T10:00:00.000Z',
      actorUserId: null,
      actorLabel: 'clé abc',
      funderId: '00000000-0000-4000-8000-000000000001',
      action: 'pass.redeem',
      objectType: 'pass',
      objectId: '42',
      summary: { theme: 'Aide aux démarches administratives', faceValueCents: 1000, placeId: 'p' },
    };
    expect(canonicalJson(entry)).toBe(
      '{"action":"pass.redeem","actorLabel":"clé abc","actorUserId":null,"at":"2026-11-23T10:00:00.000Z",' +
        '"funderId":"00000000-0000-4000-8000-000000000001","objectId":"42","objectType":"pass",' +
        '"summary":{"faceValueCents":1000,"placeId":"p","theme":"Aide aux démarches administratives"}}',
    );
    // Computed when the chain format was fixed; a change here would break every sealed chain.
    expect(entryHash(GENESIS_HASH, entry)).toBe(
      'b89ecb8d66966c7e647acf4be7e2aaff23ef7ec97a06e77d0a1306f93566817a',
    );
  });
});
