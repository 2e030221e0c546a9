import { frenchDate, frenchMoment, frenchShortDate } from '../../../src/core/dates';
import { agree } from '../../../src/core/french';
import { frenchInstant } from '../../../src/core/french-time';

/** French agreement with a count, the server's rule (0 and 1 singular). */
export { agree };

/**
 * Display formatting, French conventions. Intl puts U+202F / U+00A0 inside numbers
 * ("66 100", "10,00 €"); we swap them for plain spaces so figures copy cleanly into
 * spreadsheets and match what users type when they search the page. CSS (`.pn-nowrap`)
 * keeps a figure on one line instead.
 */
const plainSpaces = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 2 });

export function formatInt(n: number): string {
  return plainSpaces(integer.format(n));
}

/** A count and its words, agreed: « 1 carnet confié », « 1 500 pass activés ». */
export function counted(n: number, singular: string, plural: string): string {
  return `${formatInt(n)} ${agree(n, singular, plural)}`;
}

/**
 * The typographic apostrophe (’) of the app's French, for a label it shows but does not
 * own (a value of the national standard, kept as the standard spells it).
 */
export function typographic(s: string): string {
  return s.replace(/(\p{L})'(?=\p{L})/gu, '$1’');
}

/** Money is integer cents everywhere; divide only here, for display. */
export function formatCents(cents: number): string {
  return plainSpaces(euros.format(cents / 100));
}

/** Basis points (10000 = 100 %) as a French percentage: 1636 → "16,36 %". */
export function formatBps(bps: number): string {
  return plainSpaces(percent.format(bps / 10000));
}

/** A business date 'YYYY-MM-DD' is a calendar day, not an instant: format it in UTC so it never shifts. */
function dayToDate(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** « 1er décembre 2026 »: the server's messages and the pages say dates alike (core/dates.ts). */
export function formatDate(day: string | null | undefined): string {
  return day ? frenchDate(day) : '—';
}

/** « 01/12/2026 » */
export function formatShortDate(day: string | null | undefined): string {
  return day ? frenchShortDate(day) : '—';
}

/** Instants (audit trail) are shown in Paris time whatever the browser's zone (core/french-time). */
export function formatDateTimeParis(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : frenchInstant(d);
}

/**
 * An instant in a sentence or a heading, in Paris time: « 7 décembre 2026 à 2 h 25 », as the
 * server's messages say it (core/dates.ts frenchMoment); tables keep the compact « 07/12/2026 02:25:20 ».
 */
export function formatMoment(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : frenchMoment(d);
}

/** Today's calendar day in Europe/Paris, as 'YYYY-MM-DD' (business dates live in Paris). */
export function todayInParis(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function isIsoDay(s: unknown): s is string {
  return typeof s === 'string' && dayToDate(s) !== null && dayToDate(s)?.toISOString().slice(0, 10) === s;
}
