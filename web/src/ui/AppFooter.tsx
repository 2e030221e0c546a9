import { headerFooterDisplayItem } from '@codegouvfr/react-dsfr/Display';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { useDialogFocusReturn } from './useDialogFocusReturn';

export function AppFooter() {
  // react-dsfr's display settings are a createModal too: the same loss of focus on closing.
  useDialogFocusReturn('fr-theme-modal');
  return (
    <Footer
      // No RGAA audit has been carried out yet: the law requires saying so.
      accessibility="non compliant"
      accessibilityLinkProps={{ href: '/accessibilite' }}
      contentDescription="Pass numérique est une plateforme libre pour gérer les dispositifs de pass numériques : dispositifs, délibérations, enveloppes, distribution et remboursement des lieux de médiation numérique."
      // target="_self": the API docs are served by the back end, not by the client-side router.
      bottomItems={[
        // Light/dark/system theme: the DSFR display-settings dialog that react-dsfr mounts.
        headerFooterDisplayItem,
        { text: 'Mentions légales', linkProps: { href: '/mentions-legales' } },
        { text: 'Données personnelles', linkProps: { href: '/donnees-personnelles' } },
        { text: 'Documentation de l’API', linkProps: { href: '/api/docs', target: '_self' } },
      ]}
    />
  );
}
