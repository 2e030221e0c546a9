import { useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';

/**
 * Brings the heading `id` into view, and gives it the focus, when the address names it
 * (`/financeur/parametres#journees-inhabituelles`): called by the section that draws it, so
 * that it runs once the heading exists. The router's own scroll to the hash runs when the page
 * is first drawn, before its data has come, and left the reader at the top of a long page
 * (the dashboard's link to the unusual days' rule, the new place's invitation). The focus
 * lets the keyboard and a screen reader start there too.
 */
export function useHashTarget(id: string) {
  const hash = useRouterState({ select: (s) => s.location.hash });
  useEffect(() => {
    if (hash !== id) return;
    const heading = document.getElementById(id);
    if (!heading) return;
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.scrollIntoView({ block: 'start' });
    heading.focus({ preventScroll: true });
  }, [hash, id]);
}
