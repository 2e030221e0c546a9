/**
 * Opening hours as people set them (per weekday: closed, or one or two time ranges) and as
 * the national standard of places stores them: OpenStreetMap's `opening_hours` syntax. A
 * person never types the syntax (issue 11, point 4): the form edits a week, this file turns
 * it into the syntax and back. Pure, so the web app and the server share it; the server
 * checks the result with the `opening_hours` package (modules/place-profiles).
 */

export const WEEKDAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  Mo: 'Lundi',
  Tu: 'Mardi',
  We: 'Mercredi',
  Th: 'Jeudi',
  Fr: 'Vendredi',
  Sa: 'Samedi',
  Su: 'Dimanche',
};

/** "09:00" to "12:30"; a day has at most two ranges (morning and afternoon). */
export interface TimeRange {
  from: string;
  to: string;
}
/** A day without ranges is closed. */
export type Week = Record<Weekday, TimeRange[]>;

export const MAX_RANGES_PER_DAY = 2;

export const emptyWeek = (): Week => ({ Mo: [], Tu: [], We: [], Th: [], Fr: [], Sa: [], Su: [] });

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** What is wrong with the week, day by day, in French; empty when it can be saved. */
export function weekProblems(week: Week): { day: Weekday; message: string }[] {
  const problems: { day: Weekday; message: string }[] = [];
  for (const day of WEEKDAYS) {
    const ranges = week[day];
    const label = WEEKDAY_LABELS[day];
    if (ranges.length > MAX_RANGES_PER_DAY)
      problems.push({ day, message: `${label} : au plus ${MAX_RANGES_PER_DAY} plages horaires.` });
    ranges.forEach((r, i) => {
      if (!TIME.test(r.from) || !TIME.test(r.to))
        problems.push({ day, message: `${label} : indiquez les heures au format 09:30.` });
      else if (minutes(r.from) >= minutes(r.to))
        problems.push({ day, message: `${label} : l’heure de fin doit suivre l’heure de début.` });
      else if (i > 0 && minutes(r.from) < minutes(ranges[i - 1]!.to))
        problems.push({ day, message: `${label} : la seconde plage doit commencer après la première.` });
    });
  }
  return problems;
}

const rangesText = (ranges: TimeRange[]) => ranges.map((r) => `${r.from}-${r.to}`).join(',');

/**
 * The week in OpenStreetMap syntax: consecutive days with the same hours share one rule
 * ("Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00"); closed days are left out (closed is the
 * syntax's default). A week closed every day gives null: the place has not said.
 */
export function weekToOsm(week: Week): string | null {
  const rules: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    const text = rangesText(week[WEEKDAYS[i]!]);
    let j = i;
    while (j + 1 < WEEKDAYS.length && rangesText(week[WEEKDAYS[j + 1]!]) === text) j++;
    if (text) {
      const days =
        i === j
          ? WEEKDAYS[i]
          : j === i + 1
            ? `${WEEKDAYS[i]},${WEEKDAYS[j]}`
            : `${WEEKDAYS[i]}-${WEEKDAYS[j]}`;
      rules.push(`${days} ${text}`);
    }
    i = j + 1;
  }
  return rules.length ? rules.join('; ') : null;
}

/**
 * The week behind an OpenStreetMap value, when it is one the form can show (weekdays and time
 * ranges, as weekToOsm writes and most places publish); null for anything richer (public
 * holidays, months, "24/7"…), which the form then offers to replace rather than edit.
 */
export function osmToWeek(value: string | null | undefined): Week | null {
  const week = weekOf(value);
  return week && !weekProblems(week).length ? week : null;
}

/**
 * What the form would refuse in a value written as it writes them, day by day: the server
 * refuses it too, as the syntax alone allows "Mo 18:00-09:00" (a night's opening, which the
 * public page then showed as two days' hours). Richer values are the syntax checker's alone.
 */
export function osmWeekProblems(value: string | null | undefined): { day: Weekday; message: string }[] {
  const week = weekOf(value);
  return week ? weekProblems(week) : [];
}

/** The week behind a value of weekdays and time ranges, as typed (unchecked); null for richer ones. */
function weekOf(value: string | null | undefined): Week | null {
  const week = emptyWeek();
  if (!value?.trim()) return week;
  for (const rule of value.split(';').map((r) => r.trim())) {
    if (!rule) continue;
    const match = /^([A-Za-z,\- ]+?)\s+(off|closed|[\d:,\- ]+)$/.exec(rule);
    if (!match) return null;
    const days = dayList(match[1]!);
    if (!days) return null;
    const times = match[2]!.trim();
    const ranges: TimeRange[] = [];
    if (times !== 'off' && times !== 'closed') {
      for (const part of times.split(',').map((p) => p.trim())) {
        const r = /^(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(part);
        if (!r) return null;
        ranges.push({ from: r[1]!, to: r[2]! });
      }
    }
    // A later rule for a day replaces an earlier one, as in the syntax.
    for (const d of days) week[d] = ranges;
  }
  return week;
}

function dayList(text: string): Weekday[] | null {
  const days: Weekday[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const [a, b] = part.split('-').map((d) => d.trim()) as [string, string | undefined];
    const from = WEEKDAYS.indexOf(a as Weekday);
    const to = b === undefined ? from : WEEKDAYS.indexOf(b as Weekday);
    if (from < 0 || to < 0 || to < from) return null;
    days.push(...WEEKDAYS.slice(from, to + 1));
  }
  return days;
}

/**
 * The day a day's hours may be copied from: Monday, or when Monday is closed the nearest open
 * day before it (« Samedi : comme le vendredi »). Copied from a closed Monday, « comme le
 * lundi » wiped Saturday's hours without a word. None when no day before is open.
 */
export function copyFrom(week: Week, day: Weekday): Weekday | undefined {
  if (day === 'Mo') return undefined;
  if (week.Mo.length > 0) return 'Mo';
  return WEEKDAYS.slice(0, WEEKDAYS.indexOf(day))
    .reverse()
    .find((d) => week[d].length > 0);
}
