import { fr } from '@codegouvfr/react-dsfr';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { WithOperator } from './legal/OperatorDetails';

/**
 * The statement the law requires (article 47 of law 2005-102, RGAA 4.1), honest about the
 * current state: no audit yet. It has the parts the RGAA's model asks for: the state of
 * conformity, what is known not to be accessible, how it was built and tested, how to get
 * help, and the ways of recourse. Update its date with its content.
 */
export function AccessibilityPage() {
  useDocumentTitle('Accessibilité');
  return (
    <>
      <h1>Déclaration d’accessibilité</h1>
      <p>
        L’équipe de Pass numérique s’engage à rendre son service accessible conformément à l’article 47 de la
        loi n° 2005-102 du 11 février 2005. Cette déclaration d’accessibilité s’applique à la plateforme Pass
        numérique, son espace public (annuaire des lieux, page d’un pass) et ses espaces réservés (financeurs,
        prescripteurs, lieux, bénéficiaires).
      </p>
      <h2>État de conformité</h2>
      <p>
        Pass numérique est <strong>non conforme</strong> au référentiel général d’amélioration de
        l’accessibilité (RGAA) version 4.1 : aucun audit n’a encore été réalisé.
      </p>
      <h2>Contenus non accessibles</h2>
      <p>Sans audit, la liste ci-dessous n’est pas complète. Sont connus :</p>
      <ul>
        <li>
          la carte de l’annuaire des lieux n’a pas été éprouvée avec un lecteur d’écran ; la liste des lieux,
          à côté de la carte, donne les mêmes lieux avec leurs adresses et leurs horaires ;
        </li>
        <li>
          les documents PDF (relevés, rapports, appels de fonds) ne sont pas balisés pour les lecteurs d’écran
          ; les relevés des lieux et les rapports d’activité sont aussi proposés en CSV.
        </li>
      </ul>
      <h2>Établissement de cette déclaration</h2>
      <p>Cette déclaration a été établie le 5 décembre 2026.</p>
      <h3>Technologies utilisées</h3>
      <ul>
        <li>HTML, CSS, JavaScript, WAI-ARIA</li>
        <li>Système de design de l’État (DSFR)</li>
      </ul>
      <h3>Environnement de test</h3>
      <p>
        Chaque parcours est vérifié automatiquement dans Chromium (moteur axe-core, règles WCAG 2.1 A et AA),
        à plusieurs largeurs d’écran (320, 390 et 1 280 pixels), et au clavier seul.
      </p>
      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez l’organisme qui gère votre
        dispositif (votre Région, votre Département ou votre intercommunalité, ou la structure qui vous a
        remis votre pass) pour être orienté vers une alternative accessible ou obtenir le contenu sous une
        autre forme.
      </p>
      <WithOperator>
        {(operator) =>
          operator?.email ? (
            <p>
              Vous pouvez aussi écrire à l’exploitant de cette plateforme, {operator.name} :{' '}
              <a href={`mailto:${operator.email}`}>{operator.email}</a>.
            </p>
          ) : null
        }
      </WithOperator>
      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou à une
        fonctionnalité du site, que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de
        notre part, vous êtes en droit de faire parvenir vos doléances ou une demande de saisine au Défenseur
        des droits. Plusieurs moyens sont à votre disposition :
      </p>
      <ul>
        <li>
          écrire un message au Défenseur des droits, par le formulaire en ligne :{' '}
          <a className={fr.cx('fr-link')} href="https://formulaire.defenseurdesdroits.fr/" rel="noopener">
            formulaire.defenseurdesdroits.fr
          </a>
          ;
        </li>
        <li>
          contacter le délégué du Défenseur des droits dans votre région :{' '}
          <a
            className={fr.cx('fr-link')}
            href="https://www.defenseurdesdroits.fr/saisir/delegues"
            rel="noopener"
          >
            www.defenseurdesdroits.fr/saisir/delegues
          </a>
          ;
        </li>
        <li>
          envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre
          réponse 71120, 75342 Paris CEDEX 07.
        </li>
      </ul>
    </>
  );
}
