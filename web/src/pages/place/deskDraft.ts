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
