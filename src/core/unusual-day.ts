/**
 * A funder's rule for a place's unusual day of redemptions (its settings, migration 0073, which
 * checks the same bounds): at least `minimum` passes of a programme in the day, and more than
 * `factor` times the place's usual number. Said in words the same way by the settings page,
 * the dashboard and the morning e-mail.
 */
export const UNUSUAL_DAY_FACTORS = [2, 3, 4, 5] as const;
export type UnusualDayFactor = (typeof UNUSUAL_DAY_FACTORS)[number];

/** The rule of a funder that set none, and of every funder before they could (messages queued then). */
export const DEFAULT_UNUSUAL_DAY = { minimum: 20, factor: 3 } as const;

const WORDS: Record<UnusualDayFactor, string> = { 2: 'deux', 3: 'trois', 4: 'quatre', 5: 'cinq' };

/** « trois » for 3: « plus de trois fois ». */
export const timesInWords = (factor: number): string => WORDS[factor as UnusualDayFactor] ?? String(factor);
