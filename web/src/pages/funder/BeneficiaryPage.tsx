import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useBeneficiaryRecord } from '../../api/beneficiaries';
import { useSession } from '../../api/session';
import type { BeneficiaryRecord } from '../../api/types';
import { formatDate } from '../../lib/format';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { funderMembership, isFunderAdmin } from '../../ui/roles';
import { SuccessPanel } from '../../ui/SuccessPanel';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { AdminOnly } from './AdminOnly';
import { BlockBookletForm } from './beneficiaries/BlockBookletForm';
import { BookletsTable } from './beneficiaries/BookletsTable';
import { ErasureForm } from './beneficiaries/ErasureForm';
import { Identity } from './beneficiaries/Identity';
import { erasedOn, personName, VIEWER_NOTICE } from './beneficiaries/person';
import { RecordActions } from './beneficiaries/RecordActions';
import { RectificationForm } from './beneficiaries/RectificationForm';
import { SessionsTable } from './beneficiaries/SessionsTable';
import { WhyAndHowLong } from './beneficiaries/WhyAndHowLong';

// The tab's title does not name the person: the browser's history keeps titles, and outlives an erasure.
const TITLE = 'Données d’un bénéficiaire';
const ERASED_TITLE = 'Personne dont les données ont été effacées';

/**
 * Everything the funder holds about one person, for the admin who answers the person's
 * request: to hand it over (a file, a printout), or to erase the names and birth date.
 */
export function BeneficiaryPage({ beneficiaryId }: { beneficiaryId: string }) {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const membership = funderMembership(session);
  if (!membership) return null;
  if (!isFunderAdmin(session, membership.funderId))
    return (
      <>
        <Crumb current={TITLE} />
        <h1>{TITLE}</h1>
        <AdminOnly funderId={membership.funderId} description={VIEWER_NOTICE}>
          {null}
        </AdminOnly>
      </>
    );
  return (
    <Record funderId={membership.funderId} funderName={membership.funderName} beneficiaryId={beneficiaryId} />
  );
}

function Crumb({ current }: { current: string }) {
  return (
    <Breadcrumb
      homeLinkProps={{ href: '/' }}
      segments={[{ label: 'Bénéficiaires', linkProps: { href: '/financeur/beneficiaires' } }]}
      currentPageLabel={current}
      className="fr-mt-0"
    />
  );
}

function Record({
  funderId,
  funderName,
  beneficiaryId,
}: {
  funderId: string;
  funderName: string | null;
  beneficiaryId: string;
}) {
  const record = useBeneficiaryRecord(funderId, beneficiaryId);
  // Erased from this page: said at the top, where the focus goes (the form is gone).
  const [erasedHere, setErasedHere] = useState(false);
  const heading = record.data ? (personName(record.data.person) ?? ERASED_TITLE) : TITLE;
  return (
    <>
      <Crumb current={heading} />
      {record.isPending ? (
        <Loading what="Chargement des données de la personne…" />
      ) : record.isError ? (
        <QueryError error={record.error} what="Cette personne" />
      ) : (
        <>
          <h1>{heading}</h1>
          {erasedHere && (
            <SuccessPanel title="Données effacées">
              <p>
                Le nom, le prénom et la date de naissance de cette personne ont été effacés ; le motif est
                inscrit au journal des actions. Ses carnets restent valables.
              </p>
              <p>
                <Link to="/financeur/beneficiaires" className={fr.cx('fr-link')}>
                  Retour à la recherche
                </Link>
              </p>
            </SuccessPanel>
          )}
          <RecordView
            record={record.data}
            funderId={funderId}
            funderName={funderName}
            onErased={() => setErasedHere(true)}
          />
        </>
      )}
    </>
  );
}

function RecordView({
  record,
  funderId,
  funderName,
  onErased,
}: {
  record: BeneficiaryRecord;
  funderId: string;
  funderName: string | null;
  onErased: () => void;
}) {
  const { person } = record;
  const name = personName(person);
  return (
    <>
      <p className={fr.cx('fr-text--lead')}>
        Données conservées {funderName ? `par ${funderName} ` : ''}sur cette personne, au{' '}
        {formatDate(record.readOn)}.
      </p>
      {person.erasedAt && (
        <p>
          Son nom, son prénom et sa date de naissance ont été effacés le {erasedOn(person)}. Restent, sans
          nom, sa commune, son public, ses carnets et ses séances.
        </p>
      )}
      <p className="fr-no-print">Chaque consultation de cette page est inscrite au journal des actions.</p>
      <RecordActions record={record} />
      <Identity person={person} />
      <BookletsTable booklets={record.booklets} />
      <BlockBookletForm funderId={funderId} booklets={record.booklets} />
      <SessionsTable sessions={record.sessions} />
      <WhyAndHowLong record={record} />
      {name !== null && person.firstName && person.lastName && person.birthDate && (
        <RectificationForm
          funderId={funderId}
          person={{
            ...person,
            firstName: person.firstName,
            lastName: person.lastName,
            birthDate: person.birthDate,
          }}
        />
      )}
      {name !== null && <ErasureForm funderId={funderId} person={person} name={name} onErased={onErased} />}
    </>
  );
}
