/**
 * Pass codes are what a beneficiary reads off a paper voucher, types, or scans.
 *
 * Alphabet: digits 2–9 and the letters without I, L and O — 8 + 23 = 31 symbols.
 * 0/O and 1/I/L are the pairs that people genuinely cannot tell apart on paper,
 * so none of them exists and none is "corrected": typing one gives
 * 'bad_characters', which tells the user the code was misread rather than
 * silently guessing which of two symbols was meant. We keep the lesser confusions
 * (S/5, Z/2, B/8, U/V, G/6) because dropping one more letter would leave 30
 * symbols, and 31 must be prime (see below); the check symbol catches any single
 * one of those misreadings anyway.
 */
export const PASS_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PASS_CODE_LENGTH = 14;

/**
 * The longest text taken for a code, as typed or scanned: a code spaced out symbol by symbol
 * (« U - 5 - 4 … », 53 characters) or the link its QR code carries, under a département's long
 * address too (https://www.pasdecalais.fr/solidarites/pass-numerique/p/…, 73 characters: at
 * 64, every scan of it was cut and refused). The API refuses longer, the code field takes no
 * more, and the configuration refuses a PUBLIC_URL whose links would not fit (config.ts).
 */
export const CODE_INPUT_MAX = 256;

const RADIX = 31;
const BODY_LENGTH = PASS_CODE_LENGTH - 1;

/**
 * The check symbol makes Σ wᵢ·vᵢ ≡ 0 (mod 31) over all 14 positions, where vᵢ is
 * the symbol's index in the alphabet and wᵢ = 14 − i (so 14, 13, …, 2 on the body
 * and 1 on the check symbol, which can therefore be solved for directly).
 *
 * Why this catches every single substitution: changing vᵢ to vᵢ' changes the sum
 * by wᵢ·(vᵢ' − vᵢ). Both factors lie strictly between −31 and 31 and are non-zero;
 * 31 is prime, so it divides neither and hence not their product. The sum is no
 * longer ≡ 0.
 *
 * Why it catches every swap of two different symbols: exchanging vᵢ and vⱼ changes
 * the sum by (wᵢ − wⱼ)·(vⱼ − vᵢ); the weights are distinct and all within 1..14, so
 * 0 < |wᵢ − wⱼ| < 31, and the same argument applies. This holds for any two
 * positions, not only neighbours, and includes swapping the check symbol itself.
 *
 * With a non-prime radix this fails: mod 32, weight 2 times a difference of 16 is
 * ≡ 0, so some substitutions would pass.
 */
const weight = (position: number) => PASS_CODE_LENGTH - position;

const CHAR_CODES = Uint8Array.from(PASS_CODE_ALPHABET, (c) => c.charCodeAt(0));

/** ASCII code → symbol value, for both cases; −1 elsewhere. Non-ASCII never maps. */
const VALUE_OF = new Int8Array(128).fill(-1);
for (let v = 0; v < RADIX; v++) {
  const upper = PASS_CODE_ALPHABET.charCodeAt(v);
  VALUE_OF[upper] = v;
  VALUE_OF[upper | 0x20] = v; // ASCII lower case; digits have bit 0x20 set already
}

/**
 * What may sit between symbols: whitespace (including the no-break spaces a PDF
 * or word processor pastes), '-', '.', '_', and the Unicode hyphens and minus that
 * word processors substitute for '-'.
 */
const SEPARATOR = /[\s\-._\u2010-\u2015\u2212]/;

function checkValue(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < BODY_LENGTH; i++) sum += weight(i) * (values[i] as number);
  return (RADIX - (sum % RADIX)) % RADIX;
}

/** Symbol values of a string in canonical form (upper case, no separators), or null. */
function canonicalValues(text: string): number[] | null {
  const values: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const v = PASS_CODE_ALPHABET.indexOf(text.charAt(i));
    if (v < 0) return null;
    values.push(v);
  }
  return values;
}

/** The check symbol for a 13-symbol body in canonical form. */
export function checkSymbol(body13: string): string {
  const values = canonicalValues(body13);
  if (values === null || values.length !== BODY_LENGTH) {
    throw new RangeError(
      `expected ${BODY_LENGTH} symbols of the pass code alphabet, got ${JSON.stringify(body13)}`,
    );
  }
  return PASS_CODE_ALPHABET[checkValue(values)] as string;
}

function isCanonical(code: string): boolean {
  const values = canonicalValues(code);
  return values !== null && values.length === PASS_CODE_LENGTH && checkValue(values) === values[BODY_LENGTH];
}

/** One fresh code; see generatePassCodes. */
export function generatePassCode(): string {
  return generatePassCodes(1)[0] as string;
}

/**
 * `n` distinct codes in canonical form.
 *
 * Each body symbol comes from one CSPRNG byte: bytes below 248 = 8 × 31 map to
 * `byte % 31`, each symbol by exactly 8 byte values; the 8 bytes above are
 * redrawn, since keeping them would make 2–9 one eighth likelier than the rest.
 * 13 symbols give 13 × log2(31) ≈ 64.4 bits.
 *
 * Bytes are drawn 64 KiB at a time (the Web Crypto maximum; the same code runs in
 * the browser) because one getRandomValues call per code
 * costs more than everything else. Two equal codes in one batch are very
 * unlikely (about 2·10⁻⁸ for a million) but would make two vouchers one, so the
 * batch goes through a Set; uniqueness against codes already issued is the
 * database's job.
 */
export function generatePassCodes(n: number): string[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const codes: string[] = [];
  const seen = new Set<string>();
  const bytes = new Uint8Array(Math.min(1 << 16, 16 * n + 16));
  let pos = bytes.length;
  // A plain array, not a Uint8Array: V8 spreads it into fromCharCode several times faster.
  const c: number[] = new Array(PASS_CODE_LENGTH).fill(0);
  while (codes.length < n) {
    let sum = 0;
    for (let i = 0; i < BODY_LENGTH; i++) {
      let b: number;
      do {
        if (pos === bytes.length) {
          globalThis.crypto.getRandomValues(bytes);
          pos = 0;
        }
        b = bytes[pos++] as number;
      } while (b >= 248);
      const v = b % RADIX;
      sum += weight(i) * v;
      c[i] = CHAR_CODES[v] as number;
    }
    c[BODY_LENGTH] = CHAR_CODES[(RADIX - (sum % RADIX)) % RADIX] as number;
    const code = String.fromCharCode(...c);
    if (!seen.has(code)) {
      seen.add(code);
      codes.push(code);
    }
  }
  return codes;
}

/** 'XXXX-XXXX-XXXX-XX': groups of four are what people can hold in mind while typing. */
export function formatPassCode(canonical: string): string {
  if (!isCanonical(canonical))
    throw new RangeError(`not a canonical pass code: ${JSON.stringify(canonical)}`);
  return `${canonical.slice(0, 4)}-${canonical.slice(4, 8)}-${canonical.slice(8, 12)}-${canonical.slice(12)}`;
}

/** What the QR code carries. */
export function passCodeUrl(publicUrl: string, canonical: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/p/${formatPassCode(canonical)}`;
}

export type PassCodeParse =
  | { ok: true; code: string }
  | { ok: false; reason: 'empty' | 'bad_characters' | 'bad_length' | 'bad_check' };

/**
 * Reads a code as typed or scanned: any case, any separators (see SEPARATOR)
 * anywhere, surrounding whitespace, or a URL `…/p/<code>` — the '/p/' in either
 * case, because an all-capitals URL fits a QR code's denser alphanumeric mode;
 * a query or fragment and trailing slashes after the code are ignored.
 *
 * Reasons are checked in the order a person can act on them: a character that
 * is never in a code (O, I, L, 0, 1, anything non-ASCII) first, then the count of
 * symbols, then the check symbol. Only `ok` codes may reach the database: the
 * check symbol turns away 30 out of 31 random guesses and every single typo
 * without a lookup.
 */
export function parsePassCode(input: string): PassCodeParse {
  let text = input.trim();
  const slashP = Math.max(text.lastIndexOf('/p/'), text.lastIndexOf('/P/'));
  if (slashP >= 0)
    text = text
      .slice(slashP + 3)
      .replace(/[?#].*$/s, '')
      .replace(/\/+$/, '');

  const values: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? (VALUE_OF[code] as number) : -1;
    if (v >= 0) values.push(v);
    else if (!SEPARATOR.test(text.charAt(i))) return { ok: false, reason: 'bad_characters' };
  }
  if (values.length === 0) return { ok: false, reason: 'empty' };
  if (values.length !== PASS_CODE_LENGTH) return { ok: false, reason: 'bad_length' };
  if (checkValue(values) !== values[BODY_LENGTH]) return { ok: false, reason: 'bad_check' };
  return { ok: true, code: values.map((v) => PASS_CODE_ALPHABET[v]).join('') };
}

/**
 * Booklet serials identify the printed booklet a code came from, e.g.
 * 'HDF-0000123-0': the programme's prefix, a 7-digit sequence and a Luhn check
 * digit over those 7 digits (catches any single wrong digit and any swap of
 * neighbours except 09 ↔ 90). The prefix is not covered: the caller matches it
 * against the known programmes, which catches a wrong one more surely.
 */
const PREFIX = /^[A-Z0-9]{3,6}$/;
const MAX_SEQUENCE = 9_999_999;

function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    // The rightmost payload digit is doubled: it sits next to the check digit.
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function formatBookletSerial(programPrefix: string, sequence: number): string {
  if (!PREFIX.test(programPrefix)) {
    throw new RangeError(
      `prefix must be 3 to 6 upper-case letters or digits, got ${JSON.stringify(programPrefix)}`,
    );
  }
  if (!Number.isSafeInteger(sequence) || sequence < 0 || sequence > MAX_SEQUENCE) {
    throw new RangeError(`sequence must be an integer from 0 to ${MAX_SEQUENCE}, got ${sequence}`);
  }
  const digits = String(sequence).padStart(7, '0');
  return `${programPrefix}-${digits}-${luhnDigit(digits)}`;
}

export type BookletSerialParse =
  | { ok: true; serial: string; prefix: string; sequence: number }
  | { ok: false; reason: 'empty' | 'bad_format' | 'bad_check' };

/**
 * Any case; separators are optional, but only where the printed serial has its
 * dashes. The sequence and check digit are always the last 8 digits, so a prefix
 * ending in digits ('HDF24') stays unambiguous without separators, and with them
 * a misplaced one ('HDF-00001234-0') is refused instead of being read as the
 * prefix 'HDF0'.
 */
export function parseBookletSerial(input: string): BookletSerialParse {
  const parts = input.split(/[\s\-._\u2010-\u2015\u2212]+/).filter((part) => part !== '');
  const text = parts.join('').replace(/[a-z]/g, (c) => c.toUpperCase());
  if (text === '') return { ok: false, reason: 'empty' };
  const m = /^([A-Z0-9]{3,6})(\d{7})(\d)$/.exec(text);
  if (m === null) return { ok: false, reason: 'bad_format' };
  const [, prefix = '', digits = '', check = ''] = m;
  let cut = 0;
  for (const part of parts.slice(0, -1)) {
    cut += part.length;
    if (cut !== prefix.length && cut !== prefix.length + 7) return { ok: false, reason: 'bad_format' };
  }
  if (luhnDigit(digits) !== Number(check)) return { ok: false, reason: 'bad_check' };
  return { ok: true, serial: `${prefix}-${digits}-${check}`, prefix, sequence: Number(digits) };
}

/**
 * A code shown where it must not be usable (statements, which travel by e-mail and on paper):
 * only its last four characters, enough for a place to find the session in its own records.
 */
export function maskPassCode(canonical: string): string {
  return formatPassCode(canonical).replace(/[^-](?=(?:-?[^-]){4})/g, '•');
}
