/**
 * French public holidays (metropolitan France, the eleven of the Code du travail, art.
 * L3133-1) and working days: statements are issued on the first working day of the month.
 * And the days a French bank executes a SEPA transfer (a payment run's ReqdExctnDt).
 */

/** Easter Sunday of a year (anonymous Gregorian algorithm), as [month (1-12), day]. */
function easter(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The day `days` after Easter Sunday of `year` ('YYYY-MM-DD'; negative: before). */
function fromEaster(year: number, days: number): string {
  const [em, ed] = easter(year);
  return iso(new Date(Date.UTC(year, em - 1, ed) + days * 86_400_000));
}

export function frenchHolidays(year: number): Set<string> {
  const after = (days: number) => fromEaster(year, days);
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];
  // Easter Monday, Ascension, Whit Monday.
  return new Set([...fixed.map((md) => `${year}-${md}`), after(1), after(39), after(50)]);
}

const isWeekend = (day: string) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};

export function isWorkingDay(day: string): boolean {
  return !isWeekend(day) && !frenchHolidays(Number(day.slice(0, 4))).has(day);
}

/**
 * The weekdays TARGET2, the euro's settlement system SEPA transfers go through, is closed:
 * 1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December.
 */
function target2Closings(year: number): Set<string> {
  const fixed = ['01-01', '05-01', '12-25', '12-26'];
  return new Set([...fixed.map((md) => `${year}-${md}`), fromEaster(year, -2), fromEaster(year, 1)]);
}

/**
 * A day a French bank executes a SEPA transfer: not a weekend, TARGET2 open (it closes on Good
 * Friday and 26 December, which are no French public holidays), and not a French public
 * holiday (on Ascension Day, 14 July… TARGET2 is open but the banks in France are not).
 */
export function isBankBusinessDay(day: string): boolean {
  return isWorkingDay(day) && !target2Closings(Number(day.slice(0, 4))).has(day);
}

/**
 * The first bank business day after `day` ('YYYY-MM-DD'), never `day` itself: the execution
 * date a payment run prepared on `day` asks the bank for by default.
 */
export function nextBankBusinessDay(day: string): string {
  let d = new Date(`${day}T00:00:00Z`);
  do d = new Date(d.getTime() + 86_400_000);
  while (!isBankBusinessDay(iso(d)));
  return iso(d);
}

/** The first working day of the day's month ('YYYY-MM-DD'). */
export function firstWorkingDay(day: string): string {
  let d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  while (!isWorkingDay(iso(d))) d = new Date(d.getTime() + 86_400_000);
  return iso(d);
}
