import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { HANDED_OUT_PAGE_SIZE, type HandedOutQuery, LATEST_HANDED_OUT, useHandedOut } from '../../api/passes';
import { formatInt, formatShortDate } from '../../lib/format';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { SortableHeader, serverSort } from '../../ui/SortableHeader';
import { TableFrame } from '../../ui/TableFrame';

/**
 * The booklets the structure handed out, the latest first unless sorted otherwise: a person
 * who lost theirs is found by the day and their initials, and the booklet blocked from here.
 * A structure of thousands reads them a page at a time, sorted by the server (a page sorted
 * here would be sorted alone); a new sort starts again at the first page.
 */
export function HandedOutTable({
  organisationId,
  onBlock,
}: {
  organisationId: string;
  onBlock: (serial: string) => void;
}) {
  const [query, setQuery] = useState<HandedOutQuery>(LATEST_HANDED_OUT);
  const list = useHandedOut(organisationId, query);
  if (list.isPending) return <Loading what="Chargement des carnets remis…" />;
  if (list.isError) return <QueryError error={list.error} what="La liste des carnets remis" />;
  const { booklets, total, page } = list.data;
  if (total === 0) return <p>Votre structure n’a encore remis aucun carnet.</p>;
  const sort = serverSort(query.sort, query.order, (sort, order) => setQuery({ sort, order, page: 1 }));
  const pages = Math.max(1, Math.ceil(total / HANDED_OUT_PAGE_SIZE));
  const toPage = (page: number) => setQuery((q) => ({ ...q, page }));
  return (
    <>
      <TableFrame
        stacked
        caption={`Carnets remis par votre structure${pages > 1 ? `, page ${page} sur ${pages}` : ''}`}
      >
        <thead>
          <tr>
            <SortableHeader sort={sort} column="serial">
              Carnet
            </SortableHeader>
            <SortableHeader sort={sort} column="handedOutOn">
              Remis le
            </SortableHeader>
            <SortableHeader sort={sort} column="beneficiary">
              Bénéficiaire
            </SortableHeader>
            <SortableHeader sort={sort} column="passesUsed">
              Pass utilisés
            </SortableHeader>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {booklets.map((b) => (
            <tr key={b.serial}>
              <th scope="row" className="pn-nowrap" data-label="Carnet">
                {b.serial}
              </th>
              <td className="pn-nowrap" data-label="Remis le">
                {formatShortDate(b.handedOutOn)}
              </td>
              <td data-label="Bénéficiaire">
                <abbr title="Initiales du bénéficiaire">{b.initials}</abbr>
              </td>
              <td className="pn-nowrap" data-label="Pass utilisés">
                {/* A replacement's struck-out passes are not the person's to use: not counted in. */}
                {formatInt(b.passesUsed)} sur {formatInt(b.passes - b.passesStruck)}
                {b.passesStruck > 0 &&
                  ` (${formatInt(b.passesStruck)} ${b.passesStruck === 1 ? 'barré' : 'barrés'})`}
              </td>
              <td>
                {b.status === 'blocked' ? (
                  'Bloqué'
                ) : (
                  <Button
                    type="button"
                    priority="tertiary"
                    size="small"
                    onClick={() => onBlock(b.serial)}
                    nativeButtonProps={{ 'aria-label': `Bloquer le carnet ${b.serial}` }}
                  >
                    Bloquer
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
      {pages > 1 && (
        <nav aria-label="Pages de la liste des carnets remis" className="pn-actions">
          <Button type="button" priority="secondary" disabled={page <= 1} onClick={() => toPage(page - 1)}>
            Page précédente
          </Button>
          <span>
            Page {page} sur {pages} ({formatInt(total)} carnets)
          </span>
          <Button
            type="button"
            priority="secondary"
            disabled={page >= pages}
            onClick={() => toPage(page + 1)}
          >
            Page suivante
          </Button>
        </nav>
      )}
    </>
  );
}
