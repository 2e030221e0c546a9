import { useDocumentTitle } from '../../ui/useDocumentTitle';

/** The statement the law requires (RGAA), honest about the current state: no audit yet. */
export function AccessibilityPage() {
  useDocumentTitle('Accessibilité');
  return (
    <>
      <h1>Déclaration d’accessibilité</h1>
      <p>
        L’équipe de Pass numérique s’engage à rendre son service accessible conformément à l’article 47 de la
        loi n° 2005-102 du 11 février 2005.
      </p>
      <h2>État de conformité</h2>
      <p>
        Pass numérique est <strong>non conforme</strong> au référentiel général d’amélioration de
        l’accessibilité (RGAA) : aucun audit n’a encore été réalisé. Le service est conçu avec le Système de
        design de l’État et testé automatiquement.
      </p>
      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez l’organisme qui gère votre
        dispositif pour être orienté vers une alternative accessible.
      </p>
    </>
  );
}
