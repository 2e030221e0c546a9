import { fr } from '@codegouvfr/react-dsfr';
import { useEffect, useRef, useState } from 'react';
import { formatInt } from '../../../lib/format';

/** How often the label may change: it sits in a live region, read out at each change. */
const SPOKEN_EVERY_MS = 5_000;

/**
 * The check's progress: the bar follows every answer, its label (read out by screen readers,
 * inside the page's status region) at most every few seconds.
 */
export function IntegrityProgress({ checked, total }: { checked: number; total: number }) {
  const spoken = useAtMostEvery(checked, SPOKEN_EVERY_MS);
  const max = Math.max(total, checked, 1);
  return (
    <div className={fr.cx('fr-mb-2w')}>
      <p id="integrite-avancement" className={fr.cx('fr-mb-1w')}>
        Vérification de toute la chaîne du journal : {formatInt(spoken)} actions vérifiées sur{' '}
        {formatInt(Math.max(total, spoken))}
      </p>
      <progress
        aria-labelledby="integrite-avancement"
        value={checked}
        max={max}
        style={{ display: 'block', width: '100%' }}
      />
    </div>
  );
}

/** `value`, changed at most once every `ms`: the last one is shown when the time has come. */
function useAtMostEvery<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const show = () => {
      last.current = Date.now();
      setShown(value);
    };
    const wait = last.current + ms - Date.now();
    if (wait <= 0) return show();
    const timer = setTimeout(show, wait);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return shown;
}
