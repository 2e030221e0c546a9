import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { BeneficiaryRecord } from '../../../api/types';
import { saveFile } from '../../../lib/saveFile';

/**
 * The record as a file, made in the browser from what the page read: a second request would
 * be a second reading in the journal, and the file holds exactly what the page shows.
 */
function download(record: BeneficiaryRecord) {
  const blob = new Blob([`${JSON.stringify(record, null, 2)}\n`], { type: 'application/json' });
  saveFile(blob, `donnees-beneficiaire-${record.readOn}.json`);
}

/** What the admin hands the person who asked to see their data: a file, or the page printed. */
export function RecordActions({ record }: { record: BeneficiaryRecord }) {
  return (
    <div className="fr-no-print">
      <p className={fr.cx('fr-mb-2w')}>
        Pour remettre ses données à la personne, téléchargez-les (un fichier lisible par un logiciel) ou
        imprimez cette page.
      </p>
      <div className={`pn-actions ${fr.cx('fr-mb-4w')}`}>
        <Button
          type="button"
          priority="secondary"
          iconId="fr-icon-download-line"
          onClick={() => download(record)}
        >
          Télécharger ses données (JSON)
        </Button>
        <Button
          type="button"
          priority="tertiary"
          iconId="fr-icon-printer-line"
          onClick={() => window.print()}
        >
          Imprimer
        </Button>
      </div>
    </div>
  );
}
