import { addDays } from '../../../../../src/core/dates';
import type { Redemption } from '../../../api/types';
import { counted, todayInParis } from '../../../lib/format';
import { formatMinutes } from './labels';

/** Today's sessions, all of them: the API's most a page, far more than a place gives in a day. */
export const TODAY_LIMIT = 200;
/** The earlier days' sessions, a page at a time, newest first. */
export const EARLIER_LIMIT = 50;

/**
 * The desk's two pages of the place's list, asked of the server by the day the sessions were
 * recorded in Paris: a mediator checks what she recorded today, late sessions included, and a
 * busy day no longer hides below the latest 50 nor mixes with the day before.
 */
export const todayPage = (today: string) => ({ from: today, to: today, limit: TODAY_LIMIT });
export const earlierPage = (today: string, before?: number) => ({
  to: addDays(today, -1),
  limit: EARLIER_LIMIT,
  ...(before === undefined ? {} : { before }),
});

/**
 * Where a reader of the earlier days' list is: the `before` each page read so far was asked
 * with, the first page's none. The server pages by the last row shown (`nextBefore`, stable
 * while older days are read), so going back is taking the previous page's again.
 */
export type PageTrail = readonly (number | undefined)[];
export const FIRST_PAGE: PageTrail = [undefined];

/** The trail to page `page` from a page whose answer gave `nextBefore`: one on, or back. */
export function turnTo(trail: PageTrail, page: number, nextBefore: number | null): PageTrail {
  if (page <= trail.length) return trail.slice(0, Math.max(1, page));
  return page === trail.length + 1 && nextBefore !== null ? [...trail, nextBefore] : trail;
}

/**
 * « Page 2 sur 9 »: the page the trail is at, of as many as the list's total makes; the last
 * one is the page that has no next (nextBefore null), whatever the count said.
 */
export function pageOf(trail: PageTrail, list: { total: number; nextBefore: number | null }) {
  const page = trail.length;
  const pages = list.nextBefore === null ? page : Math.max(page + 1, Math.ceil(list.total / EARLIER_LIMIT));
  return { page, pages };
}

/**
 * What « Aujourd’hui » says above its list: how many sessions count and how long they lasted
 * together; a cancelled session is listed but neither paid nor counted.
 */
export function daySummary(rows: Pick<Redemption, 'durationMinutes' | 'cancelledAt'>[]): string {
  if (rows.length === 0) return 'Aucune séance enregistrée aujourd’hui.';
  const live = rows.filter((r) => r.cancelledAt === null);
  const cancelled = rows.length - live.length;
  if (live.length === 0)
    return cancelled === 1
      ? 'Aucune séance comptée : la seule séance enregistrée a été annulée.'
      : `Aucune séance comptée : les ${cancelled} séances enregistrées ont été annulées.`;
  const minutes = live.reduce((sum, r) => sum + r.durationMinutes, 0);
  const total = `${counted(live.length, 'séance', 'séances')}, ${formatMinutes(minutes)}${live.length > 1 ? ' au total' : ''}`;
  if (cancelled === 0) return `${total}.`;
  return cancelled === 1
    ? `${total}, sans la séance annulée.`
    : `${total}, sans les ${cancelled} séances annulées.`;
}

/**
 * The day a session was given when it is not the day it was recorded (a late session, « Date
 * de la séance »), both in Paris; null otherwise: the list says the day only then.
 */
export function lateDay(r: Pick<Redemption, 'redeemedAt' | 'sessionOn'>): string | null {
  return r.sessionOn !== todayInParis(new Date(r.redeemedAt)) ? r.sessionOn : null;
}
