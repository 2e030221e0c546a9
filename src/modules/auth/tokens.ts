import { createHash, randomBytes } from 'node:crypto';

/** 256-bit random token for cookies and invitation links; only its hash is stored. */
export const newToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
