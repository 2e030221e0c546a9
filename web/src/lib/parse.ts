/**
 * Parsing what people type in French forms. Each returns either a value or a French
 * error message, so forms can show it inline next to the field.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** "66 100", "66100" → 66100. Spaces are accepted because people copy figures from documents. */
export function parseNonNegativeInt(raw: string): Parsed<number> {
  const s = raw.replace(/[\s\u202f\u00a0]/g, '');
  if (!/^\d+$/.test(s)) return fail('Saisissez un nombre entier positif ou nul, sans décimale.');
  const n = Number(s);
  if (!Number.isSafeInteger(n)) return fail('Ce nombre est trop grand.');
  return ok(n);
}

/**
 * "10", "10,50", "1 000.5", "12.500,50" (euros) → integer cents, never through a float
 * multiplication. Points between groups of three digits before a comma are thousands, as bank
 * statements write them; a point alone is the decimal mark.
 */
export function parseEurosToCents(raw: string): Parsed<number> {
  let s = raw.replace(/[\s\u202f\u00a0€]/g, '');
  if (/^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(s)) s = s.replace(/\./g, '');
  s = s.replace(',', '.');
  // A sign before a figure: said as such (« -50 » read as a wrong format, its fault unnamed).
  if (/^[-−]\d/.test(s)) return fail('Saisissez un montant positif, sans signe moins.');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return fail('Saisissez un montant en euros, avec une virgule avant les centimes (ex. 12 500,50).');
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return fail('Ce montant est trop grand.');
  return ok(cents);
}

/**
 * "50", "50 %", "12,5 %" (a percentage, as people say a share) → basis points (5000, 1250),
 * between 0 and 100 %, with at most two decimals: never typed as basis points.
 */
export function parsePercentToBps(raw: string): Parsed<number> {
  const s = raw.replace(/[\s\u202f\u00a0%]/g, '').replace(',', '.');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return fail('Saisissez un pourcentage entre 0 et 100, avec au plus deux décimales (ex. 50 %).');
  const bps = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (bps > 10_000) return fail('Un pourcentage ne peut pas dépasser 100 %.');
  return ok(bps);
}

/** "jeunes_18_25, seniors_60" → ['jeunes_18_25', 'seniors_60'] (empty items dropped, order kept, no duplicates). */
export function parseCodeList(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[,;\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** A typed amount written back the French way once the field is left (« 1234.5 » → « 1 234,50 »); garbage stays as typed. */
export function formatEurosInput(raw: string): string {
  const r = parseEurosToCents(raw);
  return r.ok ? formatCentsInput(r.value) : raw;
}

/** Cents as a person would type them back (123450 → « 1 234,50 »), to pre-fill a field that parseEurosToCents reads. */
export function formatCentsInput(cents: number): string {
  const euros = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${euros},${String(cents % 100).padStart(2, '0')}`;
}

/** Basis points as a percentage to type back (2000 → « 20 », 1250 → « 12,5 »), read by parsePercentToBps. */
export function formatBpsInput(bps: number): string {
  const cents = String(bps % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return cents ? `${Math.floor(bps / 100)},${cents}` : String(Math.floor(bps / 100));
}
