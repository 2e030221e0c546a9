import { useEffect } from 'react';

/**
 * RGAA 8.6: every view has its own, meaningful title. `of` names what the page is about
 * (a programme's name) where the same page exists once per programme: « Tableau de bord »
 * alone did not say which one's; until it is loaded the page's own title stands.
 */
export function useDocumentTitle(title: string | undefined, of?: string) {
  useEffect(() => {
    if (title) document.title = [title, of, 'Pass numérique'].filter(Boolean).join(' — ');
  }, [title, of]);
}
