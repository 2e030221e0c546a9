import { useEffect, useState } from 'react';
import type { Notice } from '../../../ui/ActionNotice';

/**
 * What a run's action (prepare, approve, cancel) says once done, and where the focus goes: its
 * button is gone or disabled, so the focus goes to the run's heading (tabIndex=-1), and the
 * page's status region reads the outcome. A prepared run's heading exists only once the list
 * is fetched again: the focus waits for it.
 */
export function useRunOutcome() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  useEffect(() => {
    const heading = target ? document.getElementById(target) : null;
    if (!heading) return;
    heading.focus();
    setTarget(null);
  });
  const announce = (text: string, headingId: string) => {
    setNotice({ severity: 'success', text });
    setTarget(headingId);
  };
  return { notice, announce };
}

export const runHeadingId = (runId: string) => `lot-${runId}`;
