import { useBlocker } from '@tanstack/react-router';
import { useRef } from 'react';

const QUESTION = 'Quitter cette page ? Ce que vous avez saisi n’est pas enregistré et sera perdu.';

/**
 * A long form typed and not yet sent: leaving it (a link, the operator's « Changer » of funder,
 * the browser's back or reload) asks first, where twenty fields were lost without a word.
 * `release()` lets the page leave once the form is sent (called before navigating away).
 */
export function useLeaveGuard(changed: boolean): { release: () => void } {
  const guarded = useRef(changed);
  const released = useRef(false);
  guarded.current = changed && !released.current;
  useBlocker({
    shouldBlockFn: () => guarded.current && !window.confirm(QUESTION),
    enableBeforeUnload: () => guarded.current,
  });
  return {
    release: () => {
      released.current = true;
      guarded.current = false;
    },
  };
}
