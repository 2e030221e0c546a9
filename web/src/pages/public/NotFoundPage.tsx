import { fr } from '@codegouvfr/react-dsfr';
import { Link } from '@tanstack/react-router';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

export function NotFoundPage() {
  useDocumentTitle('Page introuvable');
  return (
    <>
      <h1>Page introuvable</h1>
      <p className={fr.cx('fr-text--lead')}>La page que vous cherchez n’existe pas ou a été déplacée.</p>
      <p>
        Si vous avez saisi l’adresse, vérifiez-la. Sinon, repartez de{' '}
        <Link to="/" className={fr.cx('fr-link')}>
          la page d’accueil
        </Link>
        .
      </p>
    </>
  );
}
