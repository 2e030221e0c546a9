import { fr } from '@codegouvfr/react-dsfr';
import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * Whether the element currently overflows horizontally (tracks resizes and content changes).
 * Measured in a layout effect at mount and committed at once (flushSync) when the observer
 * reports, so that the DOM never shows, even for one frame, a region that scrolls and cannot
 * be reached by keyboard: a scheduled re-render left that window open to whatever looked
 * between the resize and React's next task (axe did, once in several CI runs).
 */
function useOverflows<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [overflows, setOverflows] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    measure();
    // ResizeObserver calls back during the rendering step, after layout and before paint.
    const observer = new ResizeObserver(() => flushSync(measure));
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return [ref, overflows] as const;
}

/**
 * DSFR table markup (v1.12+ wrappers) around a hand-written <table>, so rows can have
 * row headers (<th scope="row">) and links, which react-dsfr's <Table data> cannot express.
 * On a phone the container scrolls sideways (unless `stacked`); it then becomes a focusable, named region
 * so keyboard users can scroll it too (RGAA 7.3, axe "scrollable-region-focusable").
 */
export function TableFrame({
  caption,
  children,
  stacked = false,
  wrap = false,
  captionHidden = false,
}: {
  caption: string;
  /**
   * The caption kept for screen readers only, where a heading right above already says it on
   * screen (DSFR's `fr-table--no-caption`): read twice, it looked like a slip.
   */
  captionHidden?: boolean;
  children: ReactNode;
  /**
   * On a phone, each row a card (app.css, `.pn-table--stacked`), and on a laptop, cells that
   * wrap rather than push the last columns out of sight: for tables whose rows carry buttons.
   * Give every cell a `data-label`, its column's name.
   */
  stacked?: boolean;
  /**
   * Cells that wrap on every screen (DSFR's multiline table), for tables of long texts (a
   * programme's name, an audit entry's details): kept on one line, they pushed the last
   * columns out of sight on a 1,440 px screen. A phone still scrolls sideways.
   */
  wrap?: boolean;
}) {
  const [ref, overflows] = useOverflows<HTMLDivElement>();
  return (
    <div
      className={[
        fr.cx('fr-table', { 'fr-table--multiline': stacked || wrap, 'fr-table--no-caption': captionHidden }),
        stacked ? 'pn-table--stacked' : '',
      ]
        .filter(Boolean)
        .join(' ')}
    >
      <div className="fr-table__wrapper">
        <div
          ref={ref}
          className="fr-table__container"
          {...(overflows
            ? { tabIndex: 0, role: 'region', 'aria-label': `${caption} (défilement horizontal)` }
            : {})}
        >
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
