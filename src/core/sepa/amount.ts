/**
 * Amounts as ISO 20022 files write them: euros with a dot and two decimals. Exact both ways
 * (no float ever holds an amount, as everywhere in the platform). Pure.
 */

/** 12345 → "123.45". */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`bad amount of cents: ${cents}`);
  const euros = Math.floor(cents / 100);
  return `${euros}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * "123.45", "123,45", "1 234,5", "-12" → cents; null when it is not an amount or has more than
 * two decimals (a bank never books fractions of a cent). The sign is kept.
 */
export function decimalToCents(text: string): number | null {
  const compact = text.replace(/[\s\u00A0\u202F]/g, '').replace(',', '.');
  const m = /^([+-]?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(compact);
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}
