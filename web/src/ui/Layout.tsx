import { fr } from '@codegouvfr/react-dsfr';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { Outlet, useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useSession } from '../api/session';
import { AppFooter } from './AppFooter';
import { AppHeader, NAVIGATION_ID } from './AppHeader';
import { FOCUS_ON_ARRIVAL } from './focusOnArrival';
import { hasNavigation } from './navigation';
import { RightsNotice } from './RightsNotice';
import { useEscapeClosesDialog } from './useEscapeClosesDialog';
import { WorkingAs } from './WorkingAs';

export const MAIN_ID = 'contenu';

/**
 * Moves the focus to the page title (or to the field a page names, FOCUS_ON_ARRIVAL) once it
 * is rendered; gives up if the user moved the focus meanwhile, or when the address names a
 * section already drawn (`#…`): that section takes the focus itself (useHashTarget), and the
 * title would take it back to the top of the page.
 */
function focusTitleWhenReady(main: HTMLElement, hash: string): () => void {
  const focusedAtStart = document.activeElement;
  const userMovedOn = () =>
    document.activeElement !== focusedAtStart && document.activeElement !== document.body;
  const focus = (target: HTMLElement) => {
    if (userMovedOn()) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  };
  const tryTitle = () => {
    if (hash && document.getElementById(hash)) return true;
    // A page whose one task is typing (the desk, where a scanner types) names its field.
    const field = main.querySelector<HTMLElement>(`[${FOCUS_ON_ARRIVAL}]`);
    if (field) {
      if (!userMovedOn() || document.activeElement === field) field.focus();
      return true;
    }
    const h1 = main.querySelector<HTMLElement>('h1');
    if (h1) focus(h1);
    return h1 !== null;
  };
  if (tryTitle()) return () => {};
  // Pages that load data render their h1 a moment later.
  const observer = new MutationObserver(() => {
    if (tryTitle()) stop();
  });
  const timer = window.setTimeout(() => {
    stop();
    focus(main);
  }, 3000);
  function stop() {
    observer.disconnect();
    window.clearTimeout(timer);
  }
  observer.observe(main, { childList: true, subtree: true });
  return stop;
}

/**
 * After a client-side navigation a screen reader hears nothing and the focus stays where
 * it was (often on a link that no longer exists): put it on the new page's title, as a
 * page load would. 'onRendered' fires once the new route is on screen, so the previous
 * page's h1 is gone by then; search-only changes (the as-of date) keep the focus in place.
 */
function useFocusOnNavigation() {
  const router = useRouter();
  useEffect(() => {
    let stop = () => {};
    const unsubscribe = router.subscribe('onRendered', (e) => {
      if (!e.fromLocation || !e.pathChanged) return;
      const main = document.getElementById(MAIN_ID);
      stop();
      if (main) stop = focusTitleWhenReady(main, e.toLocation.hash);
    });
    return () => {
      stop();
      unsubscribe();
    };
  }, [router]);
}

export function Layout() {
  useFocusOnNavigation();
  useEscapeClosesDialog();
  const { data: session } = useSession();
  const links = [
    { label: 'Contenu', anchor: `#${MAIN_ID}` },
    ...(hasNavigation(session) ? [{ label: 'Menu', anchor: `#${NAVIGATION_ID}` }] : []),
    { label: 'Pied de page', anchor: '#fr-footer' },
  ];
  return (
    <>
      <SkipLinks links={links} />
      <AppHeader />
      <main
        id={MAIN_ID}
        tabIndex={-1}
        className={fr.cx('fr-container', 'fr-py-4w')}
        style={{ outline: 'none' }}
      >
        <RightsNotice />
        <WorkingAs />
        <Outlet />
      </main>
      <AppFooter />
    </>
  );
}
