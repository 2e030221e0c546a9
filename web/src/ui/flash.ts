import { useEffect, useState } from 'react';

/**
 * A one-shot success message carried across a navigation (form → page it returns to).
 * Kept in memory, not in the URL, so a reload or a shared link does not repeat it.
 */
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

/** Reads the pending message on the first render of the page that shows it, then forgets it. */
export function useFlash(): string | null {
  // Reading in the initializer and clearing in an effect keeps this correct under
  // StrictMode, which calls initializers twice.
  const [message] = useState(() => pending);
  useEffect(() => {
    if (message !== null && pending === message) pending = null;
  }, [message]);
  return message;
}
