import { fr } from '@codegouvfr/react-dsfr';
import { Link } from '@tanstack/react-router';
import { useDirectoryPrograms } from '../../../api/directory';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { useDocumentTitle } from '../../../ui/useDocumentTitle';

/** /annuaire: the programmes whose passes can be used, each leading to its places. */
export function DirectoryHomePage() {
  useDocumentTitle('Annuaire des lieux');
  const programs = useDirectoryPrograms();
  return (
    <>
      <h1>Où utiliser un pass numérique ?</h1>
      <p className={fr.cx('fr-text--lead')}>
        Choisissez le nom écrit sur votre carnet de pass : vous verrez les lieux qui l’acceptent, sur une
        liste et sur une carte.
      </p>
      {programs.isPending ? (
        <Loading what="Chargement des pass…" />
      ) : programs.isError ? (
        <QueryError error={programs.error} what="La liste des pass" />
      ) : programs.data.length === 0 ? (
        <p>Aucun pass n’a encore de lieu référencé.</p>
      ) : (
        <ul className={fr.cx('fr-raw-list')}>
          {programs.data.map((p) => (
            <li key={p.id} className={fr.cx('fr-mb-2w')}>
              <Link
                to="/annuaire/$programId"
                params={{ programId: p.id }}
                className={fr.cx('fr-link', 'fr-text--lg')}
              >
                {p.name}
              </Link>
              <br />
              <span className={fr.cx('fr-text--sm')}>Financé par {p.funderName}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
