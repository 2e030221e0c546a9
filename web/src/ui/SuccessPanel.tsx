import { fr } from '@codegouvfr/react-dsfr';
import { type ReactNode, useEffect, useRef } from 'react';

interface Props {
  title: string;
  /** the heading level that fits where the panel sits in the page */
  as?: 'h2' | 'h3';
  children?: ReactNode;
  /** `info` for an outcome that is no success for the person (nothing could be sent) */
  severity?: 'success' | 'info';
}

/**
 * The outcome of a form that stays on its page (the next booklet is handed out right after).
 * It takes the focus when it appears, so a screen reader reads it and the keyboard starts
 * from it; give it a `key` per result so a second success is read out too.
 */
export function SuccessPanel({ title, as: Heading = 'h2', children, severity = 'success' }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} className={fr.cx('fr-alert', `fr-alert--${severity}`, 'fr-mb-4w')}>
      <Heading className={fr.cx('fr-alert__title')}>{title}</Heading>
      {children}
    </div>
  );
}
