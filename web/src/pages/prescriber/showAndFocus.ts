/**
 * Brings a section of the console into view from its heading, then puts the focus on the
 * field to act on: a keyboard or screen-reader user continues there, not on a control now
 * out of sight. The browser scrolls further only if the field is still below the screen.
 */
export function showAndFocus(headingId: string, fieldId: string) {
  document.getElementById(headingId)?.scrollIntoView();
  document.getElementById(fieldId)?.focus();
}
