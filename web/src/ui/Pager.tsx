import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ReactNode } from 'react';

/**
 * The previous and next buttons of a list the server sends a page at a time (a programme's
 * booklets, a structure's hand-outs), with where the reader is; shown only when there are pages.
 */
export function Pager({
  label,
  page,
  pages,
  onPage,
  count,
}: {
  /** names the navigation landmark: « Pages de la liste des carnets » */
  label: string;
  page: number;
  pages: number;
  onPage: (page: number) => void;
  /** said after « Page 2 sur 7 », e.g. « (3 120 carnets) » */
  count?: ReactNode;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="pn-actions">
      <Button type="button" priority="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Page précédente
      </Button>
      <span>
        Page {page} sur {pages}
        {count ? <> {count}</> : null}
      </span>
      <Button type="button" priority="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Page suivante
      </Button>
    </nav>
  );
}
