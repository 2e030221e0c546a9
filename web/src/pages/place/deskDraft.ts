import { SESSION_FORMATS } from '../../../../src/core/session';
import { todayInParis } from '../../lib/format';
import type { SessionChoice } from './redeem/SessionForm';

/**
 * The code an agent has begun typing at the desk, kept for the tab's session: going to another
 * page (the statements, the profile) and back must not lose a half-typed code. sessionStorage:
 * the tab alone, gone when it closes; forgotten once the pass is redeemed.
 */
const keyOf = (placeId: string) => `pn.guichet.code.${placeId}`;

export function draftCode(placeId: string): string {
  try {
    return window.sessionStorage.getItem(keyOf(placeId)) ?? '';
  } catch {
    // Storage refused (private mode, policy): nothing was kept.
    return '';
  }
}

export function keepDraftCode(placeId: string, input: string): void {
  try {
    if (input.trim()) window.sessionStorage.setItem(keyOf(placeId), input);
    else window.sessionStorage.removeItem(keyOf(placeId));
  } catch {
    // Nothing kept: the code lasts as long as the page.
  }
}

/**
 * The session last recorded at the desk (theme, duration, format), kept for the day in the
 * browser's localStorage: a tablet's camera opens each participant's QR code in a new tab
 * (/p/<code> leads to /lieu?code=), and each tab started from the usual defaults, as did a
 * tab the tablet discarded in the middle of a workshop. Per place (a person serving two keeps
 * each one's), for the day it was recorded (Paris): the next morning starts afresh. Nothing of
 * the person or the pass is kept.
 */
const sessionKeyOf = (placeId: string) => `pn.guichet.seance.${placeId}`;

/** Only a session as recorded today: anything else (another day, an older shape, a hand edit) starts from the defaults. */
function asSession(value: unknown, today: string): SessionChoice | null {
  if (typeof value !== 'object' || value === null) return null;
  const { day, theme, durationMinutes, format } = value as Record<string, unknown>;
  if (day !== today) return null;
  if (typeof theme !== 'string' || !Number.isInteger(durationMinutes)) return null;
  if (!(SESSION_FORMATS as readonly unknown[]).includes(format)) return null;
  return { theme, durationMinutes: durationMinutes as number, format: format as SessionChoice['format'] };
}

export function draftSession(placeId: string): SessionChoice | null {
  try {
    const kept = window.localStorage.getItem(sessionKeyOf(placeId));
    return kept === null ? null : asSession(JSON.parse(kept), todayInParis());
  } catch {
    // Storage refused, or not a session's JSON: nothing was kept.
    return null;
  }
}

export function keepDraftSession(placeId: string, session: SessionChoice): void {
  try {
    const { theme, durationMinutes, format } = session;
    window.localStorage.setItem(
      sessionKeyOf(placeId),
      JSON.stringify({ day: todayInParis(), theme, durationMinutes, format }),
    );
  } catch {
    // Nothing kept: the session lasts as long as the page.
  }
}
