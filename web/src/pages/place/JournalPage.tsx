import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useState } from 'react';
import { PLACE_JOURNAL_PAGE_SIZE, placeJournalCsvUrl, usePlaceJournal } from '../../api/audit';
import { useSession } from '../../api/session';
import type { AuditFilters } from '../../api/types';
import { counted } from '../../lib/format';
import { DownloadLink } from '../../ui/DownloadLink';
import { Loading } from '../../ui/Loading';
import { Pager } from '../../ui/Pager';
import { QueryError } from '../../ui/QueryError';
import { isPlaceAdmin, placeMembership } from '../../ui/roles';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { AuditFiltersForm } from '../funder/audit/AuditFiltersForm';
import { EntryRow } from '../funder/audit/EntryRow';

/**
 * Who did what at the place, for its admin (the treasurer of an association, the head of a desk):
 * sessions recorded and cancelled, the team, the API keys, the profile and bank account, the
 * contests; newest first, a page at a time, as the funder's journal reads.
 */
export function PlaceJournalPage() {
  useDocumentTitle('Journal du lieu');
  const { data: session } = useSession();
  const place = placeMembership(session);
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  if (!place) return null;
  const placeId = place.organisationId;
  if (!isPlaceAdmin(session, placeId))
    // A volunteer who follows an old link is told who can help, rather than shown a refusal.
    return (
      <>
        <h1>Journal du lieu</h1>
        <Alert
          severity="info"
          as="h2"
          title="Réservé à l’administrateur du lieu"
          description="Le journal du lieu est consulté par son administrateur : adressez-vous à lui."
        />
      </>
    );
  return (
    <>
      <h1>Journal du lieu</h1>
      {place.organisationName && <p className={fr.cx('fr-text--lead')}>{place.organisationName}</p>}
      <p>
        Qui a fait quoi dans votre lieu : séances enregistrées ou annulées, équipe, clés d’API, fiche et
        compte bancaire, candidatures et contestations de relevés. Des plus récentes aux plus anciennes ; les
        heures sont celles de Paris.
      </p>
      <AuditFiltersForm
        journal="place"
        onApply={(f) => {
          setFilters(f);
          setPage(1);
        }}
      />
      <DownloadLink
        href={placeJournalCsvUrl(placeId, filters)}
        preparing="Préparation du fichier : pour un long journal, cela peut prendre une minute."
      >
        Télécharger ces entrées (CSV pour tableur)
      </DownloadLink>
      <Entries placeId={placeId} filters={filters} page={page} onPage={setPage} />
    </>
  );
}

function Entries({
  placeId,
  filters,
  page,
  onPage,
}: {
  placeId: string;
  filters: AuditFilters;
  page: number;
  onPage: (page: number) => void;
}) {
  const journal = usePlaceJournal(placeId, filters, page);
  if (journal.isPending) return <Loading what="Chargement du journal…" />;
  if (journal.isError) return <QueryError error={journal.error} what="Le journal" />;
  const { entries, total } = journal.data;
  if (total === 0)
    return (
      <p role="status">
        {Object.values(filters).some(Boolean)
          ? 'Aucune action ne correspond à ces filtres.'
          : 'Aucune action n’est encore enregistrée.'}
      </p>
    );
  const count = counted(total, 'action', 'actions');
  return (
    <>
      <TableFrame wrap caption={`Journal du lieu (${count})`}>
        <thead>
          <tr>
            <th scope="col">Date et heure</th>
            <th scope="col">Auteur</th>
            <th scope="col">Action</th>
            <th scope="col">Objet</th>
            <th scope="col">Détails</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <EntryRow key={e.id} entry={e} />
          ))}
        </tbody>
      </TableFrame>
      <Pager
        label="Pages du journal du lieu"
        page={page}
        pages={Math.ceil(total / PLACE_JOURNAL_PAGE_SIZE)}
        onPage={onPage}
        count={`(${count})`}
      />
    </>
  );
}
