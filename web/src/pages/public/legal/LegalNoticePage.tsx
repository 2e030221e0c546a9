import { fr } from '@codegouvfr/react-dsfr';
import { Link } from '@tanstack/react-router';
import { useDocumentTitle } from '../../../ui/useDocumentTitle';
import { OperatorContact, WithOperator } from './OperatorDetails';

const NOT_SAID = 'non renseigné par l’exploitant de cette plateforme';

/** /mentions-legales: who publishes and hosts the site (loi n° 2004-575, article 6). */
export function LegalNoticePage() {
  useDocumentTitle('Mentions légales');
  return (
    <>
      <h1>Mentions légales</h1>
      <WithOperator>
        {(operator) => (
          <>
            <h2>Éditeur</h2>
            {operator ? (
              <p>
                {operator.name}
                {operator.address && (
                  <>
                    <br />
                    {operator.address}
                  </>
                )}
              </p>
            ) : (
              <p>Éditeur {NOT_SAID}.</p>
            )}
            <p>Directeur ou directrice de la publication : le représentant légal de l’éditeur.</p>
            <h2>Contact</h2>
            <p>
              Pour toute question sur ce site,{' '}
              <OperatorContact
                operator={operator}
                without="adressez-vous à l’organisme qui gère votre dispositif (votre Région, votre Département ou votre intercommunalité)"
              />
              .
            </p>
            <h2>Hébergement</h2>
            <p>{operator?.host ?? `Hébergeur ${NOT_SAID}.`}</p>
          </>
        )}
      </WithOperator>
      <h2>Logiciel</h2>
      <p>
        Cette plateforme fonctionne avec Pass numérique, un logiciel libre publié sous la licence publique de
        l’Union européenne (EUPL 1.2).
      </p>
      <h2>Données personnelles et accessibilité</h2>
      <ul>
        <li>
          <Link to="/donnees-personnelles" className={fr.cx('fr-link')}>
            Données personnelles
          </Link>
        </li>
        <li>
          <Link to="/accessibilite" className={fr.cx('fr-link')}>
            Déclaration d’accessibilité
          </Link>
        </li>
      </ul>
    </>
  );
}
