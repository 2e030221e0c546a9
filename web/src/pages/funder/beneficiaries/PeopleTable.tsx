import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Link } from '@tanstack/react-router';
import type { BeneficiarySearch, BeneficiarySummary } from '../../../api/types';
import { counted, formatDate, formatInt } from '../../../lib/format';
import { TableFrame } from '../../../ui/TableFrame';
import { erasedOn } from './person';

/** The people a search found, each name a link to the person's page. */
export function PeopleTable({ q, result }: { q: string; result: BeneficiarySearch }) {
  if (result.people.length === 0)
    return (
      <div className={fr.cx('fr-mt-2w')}>
        <p className={fr.cx('fr-text--bold', 'fr-mb-1w')}>Aucune personne trouvée</p>
        <p>
          Personne ne répond à « {q} ». Vérifiez l’orthographe, tapez moins de lettres, ou cherchez par le
          numéro d’un de ses carnets : c’est aussi ainsi qu’on retrouve une personne dont les données ont été
          effacées.
        </p>
      </div>
    );
  return (
    <>
      {result.more && (
        <Alert
          severity="info"
          small
          className={fr.cx('fr-mb-2w')}
          description={`D’autres personnes répondent aussi à « ${q} » : seules les ${formatInt(result.people.length)} premières sont listées. Tapez davantage de lettres du nom ou du prénom pour trouver la personne.`}
        />
      )}
      <TableFrame
        caption={`${counted(result.people.length, 'personne trouvée', 'personnes trouvées')} pour « ${q} »`}
      >
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Prénom</th>
            <th scope="col">Né·e le</th>
            <th scope="col">Commune</th>
            <th scope="col">Carnets</th>
            <th scope="col">Dernière remise</th>
          </tr>
        </thead>
        <tbody>
          {result.people.map((p) => (
            <Row key={p.id} p={p} />
          ))}
        </tbody>
      </TableFrame>
    </>
  );
}

function Row({ p }: { p: BeneficiarySummary }) {
  const link = (text: string, more?: string) => (
    <Link
      to="/financeur/beneficiaires/$beneficiaryId"
      params={{ beneficiaryId: p.id }}
      className={fr.cx('fr-link')}
    >
      {text}
      {/* Read with the last name, so that two Duponts' links say whose page each opens. */}
      {more && <span className={fr.cx('fr-sr-only')}> {more}</span>}
    </Link>
  );
  return (
    <tr>
      {p.erasedAt ? (
        <th scope="row" colSpan={2}>
          {link(`Données effacées le ${erasedOn(p)}`)}
        </th>
      ) : (
        <>
          <th scope="row">{link(p.lastName ?? '—', p.firstName ?? undefined)}</th>
          <td>{p.firstName ?? '—'}</td>
        </>
      )}
      <td className="pn-nowrap">{formatDate(p.birthDate)}</td>
      <td>{p.commune.name}</td>
      <td>{formatInt(p.booklets)}</td>
      <td className="pn-nowrap">{formatDate(p.lastHandOutOn)}</td>
    </tr>
  );
}
