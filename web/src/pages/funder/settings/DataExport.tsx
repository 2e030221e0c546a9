import { fr } from '@codegouvfr/react-dsfr';
import type { FunderSettings } from '../../../api/types';
import { DownloadLink } from '../../../ui/DownloadLink';

/**
 * Everything the funder recorded, in one ZIP of CSV files (the API's exportFunderData): so that
 * a funder can leave an operator, or keep its own copy, without asking anyone. For its admins:
 * the archive holds the beneficiaries' identities.
 */
export function DataExport({ settings, admin }: { settings: FunderSettings; admin: boolean }) {
  return (
    <section aria-labelledby="export-donnees" className={fr.cx('fr-mt-6w')}>
      <h2 id="export-donnees">Toutes les données du financeur</h2>
      <p>
        Les dispositifs, versements, carnets, bénéficiaires, encaissements, relevés, lieux et prescripteurs,
        en fichiers CSV à ouvrir dans un tableur ou à confier à un autre outil : pour garder votre copie, ou
        pour quitter la plateforme sans rien perdre. Les codes des pass n’y figurent pas. Le fichier contient
        des données personnelles : conservez-le en lieu sûr. Le téléchargement est inscrit au journal.
      </p>
      {admin ? (
        <DownloadLink
          href={`/api/v1/funders/${encodeURIComponent(settings.funderId)}/export.zip`}
          preparing="Préparation de l’archive : pour un grand financeur, cela peut prendre une minute."
        >
          Télécharger toutes les données (ZIP de fichiers CSV)
        </DownloadLink>
      ) : (
        <p className={fr.cx('fr-text--sm')}>
          Seuls les administrateurs du financeur peuvent les télécharger.
        </p>
      )}
    </section>
  );
}
