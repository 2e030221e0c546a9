import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type ReactNode, useState } from 'react';
import { HANDED_OUT_PAGE_SIZE, type HandedOutQuery, LATEST_HANDED_OUT, useHandedOut } from '../../api/passes';
import type { HandedOutBooklet } from '../../api/types';
import { formatInt, formatShortDate } from '../../lib/format';
import { Loading } from '../../ui/Loading';
import { Pager } from '../../ui/Pager';
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
      <HandedOutRows
        caption={`Carnets remis par votre structure${pages > 1 ? `, page ${page} sur ${pages}` : ''}`}
        booklets={booklets}
        onBlock={onBlock}
        heads={{
          serial: (
            <SortableHeader sort={sort} column="serial">
              Carnet
            </SortableHeader>
          ),
          handedOutOn: (
            <SortableHeader sort={sort} column="handedOutOn">
              Remis le
            </SortableHeader>
          ),
          beneficiary: (
            <SortableHeader sort={sort} column="beneficiary">
              Bénéficiaire
            </SortableHeader>
          ),
          passesUsed: (
            <SortableHeader sort={sort} column="passesUsed">
              Pass utilisés
            </SortableHeader>
          ),
        }}
      />
      <Pager
        label="Pages de la liste des carnets remis"
        page={page}
        pages={pages}
        onPage={toPage}
        count={`(${formatInt(total)} carnets)`}
      />
    </>
  );
}

type Column = 'serial' | 'handedOutOn' | 'beneficiary' | 'passesUsed';

/** The heads of the columns, sortable in the structure's list, plain where one person's are found. */
const PLAIN_HEADS: Record<Column, ReactNode> = {
  serial: <th scope="col">Carnet</th>,
  handedOutOn: <th scope="col">Remis le</th>,
  beneficiary: <th scope="col">Bénéficiaire</th>,
  passesUsed: <th scope="col">Pass utilisés</th>,
};

/**
 * The rows of booklets handed out, each with its block button: the structure's list, and the
 * booklets found for one person (HandedOutLookup), with the commune recorded to confirm it is them.
 */
export function HandedOutRows({
  booklets,
  onBlock,
  caption,
  heads = PLAIN_HEADS,
}: {
  booklets: (HandedOutBooklet & { commune?: { name: string } })[];
  onBlock: (serial: string) => void;
  caption: string;
  heads?: Record<Column, ReactNode>;
}) {
  const withCommune = booklets.some((b) => b.commune);
  return (
    <TableFrame stacked caption={caption}>
      <thead>
        <tr>
          {heads.serial}
          {heads.handedOutOn}
          {heads.beneficiary}
          {withCommune && <th scope="col">Commune</th>}
          {heads.passesUsed}
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {booklets.map((b) => (
          <tr key={b.serial}>
            <th scope="row" className="pn-nowrap" data-label="Carnet">
              {b.serial}
              <ReplacementNote booklet={b} />
            </th>
            <td className="pn-nowrap" data-label="Remis le">
              {formatShortDate(b.handedOutOn)}
            </td>
            <td data-label="Bénéficiaire">
              <abbr title="Initiales du bénéficiaire">{b.initials}</abbr>
            </td>
            {withCommune && <td data-label="Commune">{b.commune?.name}</td>}
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
  );
}

/**
 * Which booklet took which one's place: after a replacement the new booklet and the blocked one
 * are both listed, on different days, and nothing else tells the desk they are one person's.
 */
function ReplacementNote({ booklet: b }: { booklet: HandedOutBooklet }) {
  const note = b.replacesSerial
    ? `remplace ${b.replacesSerial}`
    : b.replacedBy
      ? `remplacé par ${b.replacedBy}`
      : null;
  if (!note) return null;
  return (
    <>
      <br />
      <span className={fr.cx('fr-text--xs')}>{note}</span>
    </>
  );
}
