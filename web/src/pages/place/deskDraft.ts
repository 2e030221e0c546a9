import { SESSION_FORMATS } from '../../../../src/core/session';
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
 * The session last recorded at the desk (theme, duration, format), kept for the tab like the
 * code: a tablet discarding the tab in the middle of a workshop brought the eighth participant's
 * form back to the usual defaults, silently. Per place: a person serving two keeps each one's.
 */
const sessionKeyOf = (placeId: string) => `pn.guichet.seance.${placeId}`;

/** Only a session as recorded: anything else (an older shape, a hand edit) starts from the defaults. */
function asSession(value: unknown): SessionChoice | null {
  if (typeof value !== 'object' || value === null) return null;
  const { theme, durationMinutes, format } = value as Record<string, unknown>;
  if (typeof theme !== 'string' || !Number.isInteger(durationMinutes)) return null;
  if (!(SESSION_FORMATS as readonly unknown[]).includes(format)) return null;
  return { theme, durationMinutes: durationMinutes as number, format: format as SessionChoice['format'] };
}

export function draftSession(placeId: string): SessionChoice | null {
  try {
    const kept = window.sessionStorage.getItem(sessionKeyOf(placeId));
    return kept === null ? null : asSession(JSON.parse(kept));
  } catch {
    // Storage refused, or not a session's JSON: nothing was kept.
    return null;
  }
}

export function keepDraftSession(placeId: string, session: SessionChoice): void {
  try {
    const { theme, durationMinutes, format } = session;
    window.sessionStorage.setItem(sessionKeyOf(placeId), JSON.stringify({ theme, durationMinutes, format }));
  } catch {
    // Nothing kept: the session lasts as long as the page.
  }
}
