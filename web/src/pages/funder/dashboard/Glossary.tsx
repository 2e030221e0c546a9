import { fr } from '@codegouvfr/react-dsfr';

/** What each column counts, in the funder's words (the same words as the reports to the State). */
export function Glossary() {
  return (
    <details className={fr.cx('fr-mb-4w')}>
      <summary>Que compte chaque colonne ?</summary>
      <dl>
        <dt>Prévus</dt>
        <dd>plafond de l’enveloppe ; hors enveloppe, ce qu’il reste des pass prévus par le dispositif ;</dd>
        <dt>Émis</dt>
        <dd>pass créés, imprimés en carnets ;</dd>
        <dt>Activés</dt>
        <dd>pass couverts par l’argent reçu, donc utilisables une fois remis ;</dd>
        <dt>Chez les prescripteurs</dt>
        <dd>
          pass en carnets que les prescripteurs détiennent aujourd’hui, pas encore remis (ceux qu’ils ont
          remis sont comptés dans « Remis ») ;
        </dd>
        <dt>Remis</dt>
        <dd>pass remis à un bénéficiaire ;</dd>
        <dt>Utilisés</dt>
        <dd>pass encaissés par un lieu de médiation ;</dd>
        <dt>Expirés, Annulés</dt>
        <dd>
          pass arrivés en fin de validité, ou annulés : carnet perdu ou volé, ou jamais remis à la fin
          d’utilisation ;
        </dd>
        <dt>En circulation</dt>
        <dd>pass remis, valables et pas encore utilisés : ceux que les bénéficiaires ont en main ;</dd>
        <dt>Reste à émettre</dt>
        <dd>pass prévus moins pass émis (jamais négatif).</dd>
      </dl>
    </details>
  );
}
