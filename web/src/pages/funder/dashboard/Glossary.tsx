import { fr } from '@codegouvfr/react-dsfr';

/** What each column counts, in the funder's words (the same words as the reports to the State). */
export function Glossary() {
  return (
    <details className={fr.cx('fr-mb-4w')}>
      <summary>Que compte chaque colonne ?</summary>
      <dl>
        <dt>Prévus</dt>
        <dd>plafond de l’enveloppe ; hors enveloppe, ce qu’il reste des passes prévus par le dispositif ;</dd>
        <dt>Émis</dt>
        <dd>passes créés, imprimés en carnets ;</dd>
        <dt>Activés</dt>
        <dd>passes couverts par l’argent reçu, donc utilisables une fois remis ;</dd>
        <dt>Confiés</dt>
        <dd>passes en carnets détenus par les prescripteurs, pas encore remis ;</dd>
        <dt>Remis</dt>
        <dd>passes remis à un bénéficiaire ;</dd>
        <dt>Utilisés</dt>
        <dd>passes encaissés par un lieu de médiation ;</dd>
        <dt>Expirés, Annulés</dt>
        <dd>passes arrivés en fin de validité, ou annulés (carnet perdu ou volé) ;</dd>
        <dt>En circulation</dt>
        <dd>passes remis, valables et pas encore utilisés : ceux que les bénéficiaires ont en main ;</dd>
        <dt>Reste à émettre</dt>
        <dd>passes prévus moins passes émis (jamais négatif).</dd>
      </dl>
    </details>
  );
}
