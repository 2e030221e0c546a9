import { useEffect } from 'react';

/** RGAA 8.6: every view has its own, meaningful title. */
export function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} — Pass numérique`;
  }, [title]);
}
