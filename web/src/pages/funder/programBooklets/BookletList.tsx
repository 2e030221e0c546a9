import { fr } from '@codegouvfr/react-dsfr';
import { useState } from 'react';
import { BOOKLETS_PAGE_SIZE, type BookletQuery, useProgramBooklets } from '../../../api/passes';
import type { BookletSort, BookletStatus } from '../../../api/types';
import { formatInt, formatShortDate } from '../../../lib/format';
import { BOOKLET_STATUS_LABELS } from '../../../lib/labels';
import { SelectField } from '../../../ui/form/SelectField';
import { Loading } from '../../../ui/Loading';
import { Pager } from '../../../ui/Pager';
import { QueryError } from '../../../ui/QueryError';
import { type ServerOrder, SortableHeader, serverSort } from '../../../ui/SortableHeader';
import { TableFrame } from '../../../ui/TableFrame';

interface Named {
  id: string;
  name: string;
}

const isStatus = (s: string): s is BookletStatus => Object.hasOwn(BOOKLET_STATUS_LABELS, s);

/** Filters and sorts apply as they are chosen; the list starts again at its first page. */
export function BookletList({
  programId,
  envelopes,
  prescribers,
}: {
  programId: string;
  envelopes: Named[];
  prescribers: Named[];
}) {
  const [query, setQuery] = useState<BookletQuery>({ page: 1, sort: 'serial', order: 'asc' });
  const choose = (key: 'status' | 'envelopeId' | 'holderId') => (value: string) =>
    setQuery((q) => ({ ...q, page: 1, [key]: value || undefined }));
  return (
    <>
      <form aria-labelledby="filtres-carnets" onSubmit={(e) => e.preventDefault()}>
        <h2 id="filtres-carnets" className={fr.cx('fr-h6')}>
          Filtrer les carnets
        </h2>
        <div className="pn-filters">
          <SelectField
            name="status"
            label="État"
            placeholder="Tous les états"
            options={Object.entries(BOOKLET_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
            value={query.status ?? ''}
            onChange={(v) => choose('status')(isStatus(v) ? v : '')}
          />
          <SelectField
            name="envelopeId"
            label="Enveloppe"
            placeholder="Toutes les enveloppes"
            options={envelopes.map((e) => ({ value: e.id, label: e.name }))}
            value={query.envelopeId ?? ''}
            onChange={choose('envelopeId')}
          />
          <SelectField
            name="holderId"
            label="Prescripteur"
            hint="Celui qui détient le carnet, ou l’a remis."
            placeholder="Tous les prescripteurs"
            options={prescribers.map((p) => ({ value: p.id, label: p.name }))}
            value={query.holderId ?? ''}
            onChange={choose('holderId')}
          />
        </div>
      </form>
      <Page
        programId={programId}
        query={query}
        onPage={(page) => setQuery((q) => ({ ...q, page }))}
        onSort={(sort, order) => setQuery((q) => ({ ...q, sort, order, page: 1 }))}
      />
    </>
  );
}

function Page({
  programId,
  query,
  onPage,
  onSort,
}: {
  programId: string;
  query: BookletQuery;
  onPage: (page: number) => void;
  onSort: (sort: BookletSort, order: ServerOrder) => void;
}) {
  const list = useProgramBooklets(programId, query);
  // The server sorts the whole list (a page holds 25 of thousands), the serial breaking ties.
  const sort = serverSort(query.sort, query.order, onSort);
  if (list.isPending) return <Loading what="Chargement des carnets…" />;
  if (list.isError) return <QueryError error={list.error} what="La liste des carnets" />;
  const { booklets, total, page } = list.data;
  const pages = Math.max(1, Math.ceil(total / BOOKLETS_PAGE_SIZE));
  const first = (page - 1) * BOOKLETS_PAGE_SIZE + 1;
  const summary =
    total === 0
      ? 'Aucun carnet ne correspond à ces filtres.'
      : `Carnets ${formatInt(first)} à ${formatInt(first + booklets.length - 1)} sur ${formatInt(total)}`;
  return (
    <>
      <p role="status">{summary}</p>
      {total > 0 && (
        <TableFrame caption={`Carnets du dispositif, page ${page} sur ${pages}`}>
          <thead>
            <tr>
              <SortableHeader sort={sort} column="serial">
                Carnet
              </SortableHeader>
              <SortableHeader sort={sort} column="status">
                État
              </SortableHeader>
              <SortableHeader sort={sort} column="envelope">
                Enveloppe
              </SortableHeader>
              <SortableHeader sort={sort} column="holder">
                Prescripteur
              </SortableHeader>
            </tr>
          </thead>
          <tbody>
            {booklets.map((b) => (
              <tr key={b.serial}>
                <th scope="row" className="pn-nowrap">
                  {b.serial}
                </th>
                <td>
                  {BOOKLET_STATUS_LABELS[b.status]}
                  {b.handedOutOn && ` le ${formatShortDate(b.handedOutOn)}`}
                </td>
                <td>{b.envelope ?? '—'}</td>
                <td>{b.holder ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <Pager label="Pages de la liste des carnets" page={page} pages={pages} onPage={onPage} />
    </>
  );
}
