import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A place's API key: `pn_<prefix>_<secret>`. The prefix finds the stored row and may
 * appear in logs and screens; the 256-bit secret is shown once and only its SHA-256 is
 * kept (a slow password hash buys nothing for a secret that cannot be guessed).
 */
const KEY_PATTERN = /^pn_([a-z2-7]{10})_([A-Za-z0-9_-]{43})$/;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export interface NewApiKey {
  key: string;
  prefix: string;
  secretHash: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function generateApiKey(): NewApiKey {
  const prefix = Array.from(randomBytes(10), (b) => BASE32[b & 31]).join('');
  const secret = randomBytes(32).toString('base64url');
  return { key: `pn_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const m = KEY_PATTERN.exec(key);
  return m ? { prefix: m[1]!, secret: m[2]! } : null;
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
