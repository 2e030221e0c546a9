/**
 * Business dates ('YYYY-MM-DD') are days in Europe/Paris, whatever the server's
 * time zone: a deadline of 31 December means 31 December in France.
 */
const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// Paris is a whole number of hours from UTC: the day cannot change within a UTC minute.
// The hot path asks for today on every request; formatting is the costly part.
let memo = { minute: Number.NaN, day: '' };

export function businessDate(instant: Date = new Date()): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== memo.minute) memo = { minute, day: parisDay.format(instant) };
  return memo.day;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A UTC midnight of any year: Date.UTC would read the years 0 to 99 as 1900 to 1999. */
function utcDay(y: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(y, monthIndex, day);
  return date;
}

/**
 * True for a real calendar date written YYYY-MM-DD (rejects 2023-02-30). There is no year 0
 * (PostgreSQL refuses it): the first is 0001.
 */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = utcDay(y, mo - 1, d);
  return y > 0 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The months' names, as the platform writes them in dates and periods (« 1er mai 2026 »). */
export const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/**
 * A business date as a French sentence says it: « 1er décembre 2026 », « 2 janvier 2025 ».
 * Every message that names a date goes through here (or frenchShortDate), never the ISO form.
 * Not a real date: returned as it came, so a message never shows an invented one.
 */
export function frenchDate(day: string): string {
  if (!isIsoDate(day)) return day;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
}

const parisTime = new Intl.DateTimeFormat('fr-FR', {
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/Paris',
});
const NBSP = '\u00a0';

/**
 * An instant as a French reader says it, in Paris: « 1er décembre 2026 à 18 h 32 », written as
 * the places' opening hours are (directory/hours.ts), its spaces no-break ones so that a phone
 * never ends a line on « 18 h ».
 */
export function frenchMoment(instant: Date): string {
  return `${frenchDate(businessDate(instant))} à ${frenchClock(instant)}`;
}

/** The time of day of an instant in Paris, as frenchMoment says it: « 18 h 32 », « 9 h 05 ». */
export function frenchClock(instant: Date): string {
  const parts = parisTime.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${Number(part('hour'))}${NBSP}h${NBSP}${part('minute')}`;
}

/** A month ('YYYY-MM') as a sentence says it: « novembre 2026 ». */
export function frenchMonth(month: string): string {
  const m = Number(month.slice(5, 7));
  return m >= 1 && m <= 12 ? `${MONTHS[m - 1]} ${month.slice(0, 4)}` : month;
}

/** A business date as forms and tables write it: « 01/12/2026 ». */
export function frenchShortDate(day: string): string {
  return isIsoDate(day) ? day.split('-').reverse().join('/') : day;
}

/** The business date `days` days after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The business date `months` months after `date`; a day the month lacks becomes its last
 * (31 August + 6 months is 28 or 29 February).
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = utcDay(y, m - 1 + months, 1);
  const last = utcDay(first.getUTCFullYear(), first.getUTCMonth() + 1, 0).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** Whole days from one business date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/**
 * The instant a business date begins in Paris: its midnight, 23:00 UTC the day before in winter,
 * 22:00 in summer (the clocks change at 2 or 3 in the morning, never at midnight).
 */
export function parisStartOf(day: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  for (const hours of [1, 2]) {
    const at = new Date(utcMidnight - hours * 3_600_000);
    if (businessDate(at) === day && businessDate(new Date(at.getTime() - 1)) !== day) return at;
  }
  throw new Error(`Not a business date: ${day}`);
}
