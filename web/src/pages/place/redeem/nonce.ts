/**
 * One nonce per confirmation. crypto.randomUUID exists only on HTTPS pages of browsers
 * from 2021 on; a volunteer's old laptop may lack it, while getRandomValues is everywhere.
 */
export function newNonce(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
