import { addDays } from './dates.js';

/*
 * The period of a programme's report (« Bilan de la période »): its quick choices, its months,
 * its hours. Shared by the server (its figures, its PDF) and the web app (its quick choices):
 * nothing here may import the INSEE lists (report-territory.ts), which the browser must not load.
 */

export interface Period {
  from: string;
  to: string;
}

/**
 * The last calendar quarter wholly before `today`: the quarterly progress the State agency asks
 * for. On 3 December 2026, the third quarter (1 July to 30 September 2026).
 */
export function lastFullQuarter(today: string): Period {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3); // 0 for January to March
  const [y, q] = quarter === 0 ? [year - 1, 3] : [year, quarter - 1];
  const from = `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  const nextStart = q === 3 ? `${y + 1}-01-01` : `${y}-${String(q * 3 + 4).padStart(2, '0')}-01`;
  return { from, to: addDays(nextStart, -1) };
}

/** The last calendar year wholly before `today`: a stage report's « année pleine ». */
export function lastFullYear(today: string): Period {
  const year = Number(today.slice(0, 4)) - 1;
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** Every month ('YYYY-MM') the period touches, in order: a month without sessions is a gap to see. */
export function monthsOf({ from, to }: Period): string[] {
  const months: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (month > last) return months;
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

/** Minutes as a French reader reads a duration: « 12 h 30 », « 3 h », « 0 h 45 ». */
export function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

/**
 * The programme at the end of a period before it took effect: no calendar, no plan, no face
 * value yet, said in words rather than as « Pass prévus 0 ». `date` writes a day as its document
 * does (in words, or 31/12/2025 in the CSV).
 */
export function notStartedText(to: string, startsOn: string, date: (day: string) => string): string {
  return `Le dispositif n’avait pas commencé au ${date(to)} : il commence le ${date(startsOn)}.`;
}
