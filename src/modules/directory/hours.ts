import OpeningHours from 'opening_hours';
import { LruCache } from '../../core/lru.js';

/*
 * Opening hours in OpenStreetMap syntax, read with the `opening_hours` package at Paris time.
 * The package reads a Date's local fields (getHours, getDay…): every instant is first turned
 * into a Date whose local fields are Paris's wall clock, whatever the server's time zone.
 */

const PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** A Date whose local fields show Paris's wall clock at `instant`. */
export function parisWallClock(instant: Date): Date {
  const f = Object.fromEntries(PARIS.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  return new Date(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!);
}

// French public holidays (PH) need the country; the place's exact position is not needed.
const NOMINATIM = { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } };
// Parsing is the slow part: a search of 5,000 places reads a handful of distinct strings.
const parsed = new LruCache<string, OpeningHours | null>(10_000);

function hoursOf(text: string): OpeningHours | null {
  let oh = parsed.get(text);
  if (oh === undefined) {
    try {
      oh = new OpeningHours(text, NOMINATIM);
    } catch {
      oh = null; // stored before validation, or imported as free text: never "open"
    }
    parsed.set(text, oh);
  }
  return oh;
}

/** Whether a place with these hours is open at `instant`; no hours (or unreadable ones): not open. */
export function openAt(text: string | null, instant: Date): boolean {
  if (!text) return false;
  const oh = hoursOf(text);
  if (!oh) return false;
  try {
    return oh.getState(parisWallClock(instant));
  } catch {
    return false;
  }
}

export const DAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;

/**
 * No-break spaces inside a time, and before a range's dash: on a phone « 10 h » ended a line
 * and « 00 » began the next. A line may break only after the dash or the comma.
 */
const NBSP = '\u00a0';
const hhmm = (d: Date) => `${d.getHours()}${NBSP}h${NBSP}${String(d.getMinutes()).padStart(2, '0')}`;

/**
 * The week of `instant` (Monday to Sunday, Paris time) in French, one line per day:
 * « 9 h 00 – 12 h 00, 14 h 00 – 18 h 00 », « 24 h sur 24 » or « Fermé » (the spaces inside a
 * time and before « – » are no-break ones). Null without readable hours.
 */
export function weekInFrench(text: string | null, instant: Date): { day: string; hours: string }[] | null {
  if (!text) return null;
  const oh = hoursOf(text);
  if (!oh) return null;
  const now = parisWallClock(instant);
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7));
  return DAY_NAMES.map((day, i) => {
    const from = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i);
    const to = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i + 1);
    let intervals: [Date, Date][] = [];
    try {
      intervals = oh.getOpenIntervals(from, to).map(([a, b]) => [a, b]);
    } catch {
      intervals = [];
    }
    if (intervals.length === 0) return { day, hours: 'Fermé' };
    if (intervals.length === 1 && +intervals[0]![0] <= +from && +intervals[0]![1] >= +to)
      return { day, hours: `24${NBSP}h sur 24` };
    const parts = intervals.map(
      ([a, b]) => `${hhmm(a)}${NBSP}– ${+b >= +to ? `24${NBSP}h${NBSP}00` : hhmm(b)}`,
    );
    return { day, hours: parts.join(', ') };
  });
}

/** « 9 h », « 8 h 30 »: a time as said, with no-break spaces (see hhmm). */
const spoken = (d: Date) =>
  d.getMinutes() === 0
    ? `${d.getHours()}${NBSP}h`
    : `${d.getHours()}${NBSP}h${NBSP}${String(d.getMinutes()).padStart(2, '0')}`;

const MS_PER_DAY = 86_400_000;

/**
 * When a place closed at `instant` opens next, in French: « aujourd’hui à 14 h », « demain à
 * 9 h », « lundi à 8 h 30 », « mercredi prochain à 8 h » (« Fermé maintenant » alone left a
 * person to work it out from the week). Null when open, without readable hours, or with no
 * opening within a week.
 */
export function opensNext(text: string | null, instant: Date): string | null {
  if (!text || openAt(text, instant)) return null;
  const oh = hoursOf(text);
  if (!oh) return null;
  const now = parisWallClock(instant);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  let next: Date | undefined;
  try {
    next = oh.getNextChange(now, new Date(+today + 8 * MS_PER_DAY));
  } catch {
    return null;
  }
  if (!next) return null;
  // Calendar days between the two wall clocks (rounded: a change of time adds or takes an hour).
  const days = Math.round(
    (+new Date(next.getFullYear(), next.getMonth(), next.getDate()) - +today) / MS_PER_DAY,
  );
  const day = DAY_NAMES[(next.getDay() + 6) % 7]!;
  const when =
    days === 0
      ? 'aujourd’hui'
      : days === 1
        ? 'demain'
        : days < 7
          ? day
          : days === 7
            ? `${day} prochain`
            : null;
  return when && `${when} à ${spoken(next)}`;
}
