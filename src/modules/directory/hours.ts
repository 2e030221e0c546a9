import OpeningHours from 'opening_hours';
import { LruCache } from '../../core/lru.js';
import { MAINLAND, type PlaceClock } from '../../core/territory-time-zone.js';

/*
 * Opening hours in OpenStreetMap syntax, read with the `opening_hours` package on the place's
 * own wall clock (`core/territory-time-zone.ts`: Paris's, or Pointe-à-Pitre's, Saint-Denis's…)
 * with its territory's public holidays. The package reads a Date's local fields (getHours,
 * getDay…): every instant is first turned into a Date whose local fields are the place's wall
 * clock, whatever the server's time zone.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** A Date whose local fields show the wall clock of `timeZone` (Paris's by default) at `instant`. */
export function wallClock(instant: Date, timeZone = MAINLAND.timeZone): Date {
  const f = Object.fromEntries(
    formatIn(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  );
  return new Date(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!);
}

// Parsing is the slow part: a search of 5,000 places reads a handful of distinct strings (times
// the few territories of a programme: the holidays are the parser's).
const parsed = new LruCache<string, OpeningHours | null>(10_000);

function hoursOf(text: string, clock: PlaceClock): OpeningHours | null {
  const key = `${clock.holidays}\u0000${text}`;
  let oh = parsed.get(key);
  if (oh === undefined) {
    try {
      // Public holidays (PH) need the country and, overseas or in Alsace-Moselle, the state.
      oh = new OpeningHours(text, {
        lat: clock.lat,
        lon: clock.lon,
        address: { country_code: 'fr', state: clock.holidays },
      });
    } catch {
      oh = null; // stored before validation, or imported as free text: never "open"
    }
    parsed.set(key, oh);
  }
  return oh;
}

/**
 * Whether a place with these hours is open at `instant`, on its clock (`placeClock`; Paris's by
 * default); no hours (or unreadable ones): not open.
 */
export function openAt(text: string | null, instant: Date, clock: PlaceClock = MAINLAND): boolean {
  if (!text) return false;
  const oh = hoursOf(text, clock);
  if (!oh) return false;
  try {
    return oh.getState(wallClock(instant, clock.timeZone));
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
 * The week of `instant` (Monday to Sunday, on the place's clock) in French, one line per day:
 * « 9 h 00 – 12 h 00, 14 h 00 – 18 h 00 », « 24 h sur 24 » or « Fermé » (the spaces inside a
 * time and before « – » are no-break ones). Null without readable hours.
 */
export function weekInFrench(
  text: string | null,
  instant: Date,
  clock: PlaceClock = MAINLAND,
): { day: string; hours: string }[] | null {
  if (!text) return null;
  const oh = hoursOf(text, clock);
  if (!oh) return null;
  const now = wallClock(instant, clock.timeZone);
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
 * opening within a week. On the place's clock: « à 8 h » is 8 h there.
 */
export function opensNext(text: string | null, instant: Date, clock: PlaceClock = MAINLAND): string | null {
  if (!text || openAt(text, instant, clock)) return null;
  const oh = hoursOf(text, clock);
  if (!oh) return null;
  const now = wallClock(instant, clock.timeZone);
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
