import { fr } from '@codegouvfr/react-dsfr';

/** The public export of a funder's places, in the national standard (`GET /public/funders/{id}/places.*`). */
export function standardExportUrl(funderId: string, format: 'csv' | 'json'): string {
  return `/api/v1/public/funders/${encodeURIComponent(funderId)}/places.${format}`;
}

/**
 * Where a funder looks for its places (its roster, its Bilan): the places it approved, as the
 * national standard of places of digital mediation writes them, which the national cartography
 * harvests and a spreadsheet opens. The export worked, but no page of the console led to it.
 */
export function StandardExportLinks({
  funderId,
  headingLevel = 2,
}: {
  funderId: string;
  headingLevel?: 2 | 4;
}) {
  // On the roster, a section of the page; on the Bilan, under its places (« Lieux », an h3).
  const Heading = headingLevel === 2 ? 'h2' : 'h4';
  const address = new URL(standardExportUrl(funderId, 'json'), window.location.origin).href;
  return (
    <section aria-labelledby="lieux-standard" className={fr.cx('fr-mt-4w', 'fr-no-print')}>
      <Heading id="lieux-standard" className={fr.cx('fr-h5')}>
        Vos lieux au standard national
      </Heading>
      <p>
        Les lieux que vous avez approuvés pour au moins un de vos dispositifs, décrits selon le standard
        national des lieux de médiation numérique (adresse, horaires, services, publics) : le fichier que la
        cartographie nationale des lieux moissonne et qu’un tableur ouvre. Il est public et se met à jour de
        lui-même ; son adresse peut être donnée à qui publie une carte des lieux :{' '}
        <span className="pn-url">{address}</span>
      </p>
      <ul className={fr.cx('fr-raw-list')}>
        <li className={fr.cx('fr-mb-1w')}>
          <a
            className={fr.cx('fr-link', 'fr-link--download')}
            href={standardExportUrl(funderId, 'csv')}
            download
          >
            Télécharger vos lieux au standard national (CSV)
          </a>
        </li>
        <li>
          <a
            className={fr.cx('fr-link', 'fr-link--download')}
            href={standardExportUrl(funderId, 'json')}
            download
          >
            Télécharger vos lieux au standard national (JSON)
          </a>
        </li>
      </ul>
    </section>
  );
}
