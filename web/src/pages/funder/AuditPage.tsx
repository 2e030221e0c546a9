import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { auditCsvUrl, useAuditTrail } from '../../api/audit';
import { useSession } from '../../api/session';
import type { AuditFilters } from '../../api/types';
import { DownloadLink } from '../../ui/DownloadLink';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { funderMembership } from '../../ui/roles';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { AuditFiltersForm } from './audit/AuditFiltersForm';
import { EntryRow } from './audit/EntryRow';
import { IntegrityCheck } from './audit/IntegrityCheck';

/** The funder's audit trail: who did what and when, newest first. */
export function AuditPage() {
  useDocumentTitle('Journal des actions');
  const { data: session } = useSession();
  const membership = funderMembership(session);
  if (!membership) return null;
  return (
    <>
      <h1>Journal des actions</h1>
      {/* Its admins and its viewers read it: a viewer's read-only seat is an auditor's. */}
      <p>
        Toutes les opérations enregistrées pour {membership.funderName ?? 'ce financeur'}, des plus récentes
        aux plus anciennes. Les heures sont celles de Paris.
      </p>
      <IntegrityCheck funderId={membership.funderId} />
      <Trail funderId={membership.funderId} />
    </>
  );
}

/** The entries of a funder, or of the platform (`null`), filtered, with "Charger plus" and the CSV export. */
export function Trail({ funderId }: { funderId: string | null }) {
  const [filters, setFilters] = useState<AuditFilters>({});
  return (
    <>
      <AuditFiltersForm journal={funderId === null ? 'platform' : 'funder'} onApply={setFilters} />
      <DownloadLink
        href={auditCsvUrl(funderId, filters)}
        preparing="Préparation du fichier : pour un long journal, cela peut prendre une minute."
      >
        Télécharger ces entrées (CSV pour tableur)
      </DownloadLink>
      <Entries funderId={funderId} filters={filters} />
    </>
  );
}

function Entries({ funderId, filters }: { funderId: string | null; filters: AuditFilters }) {
  const trail = useAuditTrail(funderId, filters);
  if (trail.isPending) return <Loading what="Chargement du journal…" />;
  if (trail.isError) return <QueryError error={trail.error} what="Le journal" />;
  const entries = trail.data.pages.flatMap((p) => p.entries);
  const filtered = Object.values(filters).some(Boolean);
  if (entries.length === 0)
    return (
      <p role="status">
        {filtered ? 'Aucune action ne correspond à ces filtres.' : 'Aucune action n’est encore enregistrée.'}
      </p>
    );
  return (
    <>
      <TableFrame
        wrap
        caption={`Journal des actions (${entries.length} affichée${entries.length > 1 ? 's' : ''})`}
      >
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
      {/* Announces how many entries are shown after "Charger plus", without moving the focus. */}
      <p role="status" className={fr.cx('fr-sr-only')}>
        {trail.isFetchingNextPage ? 'Chargement…' : `${entries.length} entrées affichées.`}
      </p>
      {trail.hasNextPage && (
        <Button
          type="button"
          priority="secondary"
          onClick={() => void trail.fetchNextPage()}
          disabled={trail.isFetchingNextPage}
        >
          Charger plus
        </Button>
      )}
    </>
  );
}
