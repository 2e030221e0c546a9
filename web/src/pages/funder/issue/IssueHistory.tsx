import { fr } from '@codegouvfr/react-dsfr';
import { issueCodesUrl, useProgramIssues } from '../../../api/passes';
import { formatDate, formatInt } from '../../../lib/format';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';

/**
 * The programme's issues, latest first, each with its printer's file: a download lost or a
 * reprint asked by the printer weeks later is taken here, not only right after issuing.
 */
export function IssueHistory({ programId }: { programId: string }) {
  const issues = useProgramIssues(programId);
  return (
    <section aria-labelledby="emissions" className={fr.cx('fr-mt-6w')}>
      <h2 id="emissions">Émissions du dispositif</h2>
      {issues.isPending ? (
        <Loading what="Chargement des émissions…" />
      ) : issues.isError ? (
        <QueryError error={issues.error} what="La liste des émissions" />
      ) : issues.data.length === 0 ? (
        <p>Aucun carnet n’a encore été émis pour ce dispositif.</p>
      ) : (
        <TableFrame caption="Émissions, les plus récentes d’abord">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Carnets</th>
              <th scope="col">Numéros</th>
              <th scope="col">Enveloppe</th>
              <th scope="col">Émis par</th>
              <th scope="col">Fichier pour l’imprimeur</th>
            </tr>
          </thead>
          <tbody>
            {issues.data.map((i) => (
              <tr key={i.batchId}>
                <th scope="row" className="pn-nowrap">
                  {formatDate(i.issuedOn)}
                </th>
                <td>
                  {formatInt(i.bookletCount)} de {i.bookletSize} pass
                </td>
                <td className="pn-nowrap">
                  {i.firstSerial} à {i.lastSerial}
                </td>
                <td>{i.envelopeName ?? 'Aucune'}</td>
                <td>{i.issuedBy ?? 'Outils de l’opérateur'}</td>
                <td>
                  {/* A native download: the router must not take this link over. */}
                  <a
                    className={fr.cx('fr-link', 'fr-link--download')}
                    href={issueCodesUrl(programId, i.batchId)}
                    download
                  >
                    Codes
                    <span className="fr-sr-only">
                      {' '}
                      des carnets {i.firstSerial} à {i.lastSerial}
                    </span>
                    <span className={fr.cx('fr-link__detail')}>CSV, {formatInt(i.passes)} pass</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </section>
  );
}
