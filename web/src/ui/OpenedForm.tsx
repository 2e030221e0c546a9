import { fr } from '@codegouvfr/react-dsfr';
import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A form a row's button opens below a long table (answer a contest, contest a statement).
 * Drawn there, it was out of sight on a laptop and the focus stayed on <body>: it comes into
 * view and its heading takes the focus, so a keyboard or screen-reader user lands on it and
 * hears which row it is about. Give it a `key` per row, so opening another row's form moves
 * the focus again.
 */
export function OpenedForm({
  id,
  title,
  level,
  children,
}: {
  id: string;
  title: string;
  level: 2 | 3;
  children: ReactNode;
}) {
  const sectionRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // The whole form in view (heading, field, buttons), not only the heading.
    headingRef.current?.focus({ preventScroll: true });
    sectionRef.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section ref={sectionRef} aria-labelledby={id} className={fr.cx('fr-mt-4w')}>
      <Heading id={id} ref={headingRef} tabIndex={-1}>
        {title}
      </Heading>
      {children}
    </section>
  );
}
