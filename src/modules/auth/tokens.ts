import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../../core/errors.js';

/** 256-bit random token for cookies and invitation links; only its hash is stored. */
export const newToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** What `newToken` makes: 32 bytes in base64url, 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Refuses a link's token that no token of the platform can be: cut short when copied from an
 * e-mail (a line break in the address), or with a character lost. Its holder is told to copy
 * the whole link, rather than that it expired or served already, which sent people asking for
 * a new one that they copied the same way. It says nothing of the platform's tokens: any of the
 * right shape, issued or not, gets the answer it got before (and the routes' limits still count).
 */
export function requireWholeToken(token: string): void {
  if (!TOKEN_SHAPE.test(token))
    throw new DomainError(
      'link_incomplete',
      'Ce lien est incomplet : copiez-le en entier depuis le message reçu.',
    );
}
