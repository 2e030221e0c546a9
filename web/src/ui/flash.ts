import { useEffect, useState } from 'react';

/**
 * A one-shot message carried across a navigation (form → page it returns to): a success, or a
 * warning when what was recorded needs a second look. Kept in memory, not in the URL, so a
 * reload or a shared link does not repeat it.
 */
export interface Flash {
  message: string;
  severity: 'success' | 'warning';
}

let pending: Flash | null = null;

export function setFlash(message: string, severity: Flash['severity'] = 'success'): void {
  pending = { message, severity };
}

/** Reads the pending message on the first render of the page that shows it, then forgets it. */
export function useFlash(): Flash | null {
  // Reading in the initializer and clearing in an effect keeps this correct under
  // StrictMode, which calls initializers twice.
  const [flash] = useState(() => pending);
  useEffect(() => {
    if (flash !== null && pending === flash) pending = null;
  }, [flash]);
  return flash;
}
