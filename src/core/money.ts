/**
 * Money is integer euro cents held in a JS `number` (always a safe integer: up to
 * about 90 billion euros, far above any programme). Percentages are integer basis
 * points: 10000 bps = 100 %. No floats ever touch an amount: the arithmetic below
 * goes through BigInt so that products such as cents × bps stay exact.
 */

export const FULL_BPS = 10_000;

/**
 * The largest amount one figure of a programme may reach (100 billion euros): a budget line,
 * a funding, and the total funded. Far above any programme, and far enough below the safe
 * integer range that sums over hundreds of lines and movements stay exact: without it, two
 * fundings near the safe limit made every balance of the programme unreadable (a 500).
 */
export const MAX_AMOUNT_CENTS = 10_000_000_000_000;

/** Thousands separator: NARROW no-break space (U+202F), as French typography and CLDR 'fr' use. */
export const THOUSANDS_SEPARATOR = '\u202F';
/** Between the amount and '€': a normal no-break space (U+00A0), so the sign never wraps alone. */
export const CURRENCY_SEPARATOR = '\u00A0';

/** Throws unless `n` is an amount of cents: a safe, non-negative integer. */
export function assertCents(n: unknown, what = 'amount'): asserts n is number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer of cents, got ${String(n)}`);
  }
}

function assertSafeInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a safe integer, got ${String(n)}`);
}

/**
 * numerator / denominator rounded half-up in the financial sense (ties away from
 * zero, like Java's HALF_UP): 0.5 → 1 and -0.5 → -1, so a negative share is the
 * mirror of the positive one.
 */
function divideHalfUp(numerator: bigint, denominator: bigint): number {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  if ((n % d) * 2n >= d) q += 1n;
  const result = Number(negative ? -q : q);
  if (!Number.isSafeInteger(result)) throw new RangeError('result is not a safe integer');
  return result;
}

/** The share of `part` in `whole`, in basis points, rounded half-up; 0 when `whole` is 0. */
export function shareBps(part: number, whole: number): number {
  assertSafeInteger(part, 'part');
  assertSafeInteger(whole, 'whole');
  if (whole === 0) return 0;
  return divideHalfUp(BigInt(part) * BigInt(FULL_BPS), BigInt(whole));
}

/** `bps` basis points of `amountCents`, in whole cents rounded half-up. */
export function applyBps(amountCents: number, bps: number): number {
  assertSafeInteger(amountCents, 'amountCents');
  assertSafeInteger(bps, 'bps');
  return divideHalfUp(BigInt(amountCents) * BigInt(bps), BigInt(FULL_BPS));
}

/**
 * French display of an amount: "763 900,00 €" with U+202F between thousands and
 * U+00A0 before "€" (what Intl 'fr-FR' gives on current ICU; written by hand so
 * the output does not depend on the ICU build). Negative amounts (an overfunded
 * remainder) start with an ASCII "-".
 */
export function formatEuros(cents: number): string {
  assertSafeInteger(cents, 'cents');
  const abs = Math.abs(cents);
  const euros = ((abs - (abs % 100)) / 100).toString(); // exact, unlike floor(abs / 100) near 2^53
  const rest = (abs % 100).toString().padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${grouped(euros)},${rest}${CURRENCY_SEPARATOR}€`;
}

/** Digits in groups of three, U+202F between them. */
const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+$)/g, THOUSANDS_SEPARATOR);

/** A whole number as `formatEuros` writes its euros: 100000000 → "100 000 000". */
export function formatCount(n: number): string {
  assertSafeInteger(n, 'count');
  return `${n < 0 ? '-' : ''}${grouped(Math.abs(n).toString())}`;
}

/** Basis points as a French percentage, written by hand like the amounts: 1636 → "16,36 %". */
export function formatBps(bps: number): string {
  return `${String(bps / 100).replace('.', ',')} %`;
}
