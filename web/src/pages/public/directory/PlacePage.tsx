import { fr } from '@codegouvfr/react-dsfr';
import { Link } from '@tanstack/react-router';
import { brokenLink, type PublicPlace, usePublicPlace } from '../../../api/directory';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';
import { useDocumentTitle } from '../../../ui/useDocumentTitle';
import { acceptedPass, postalAddress } from './format';

/** « Y aller »: directions on OpenStreetMap, to the coordinates or else to the address. */
function directionsUrl(p: PublicPlace): string {
  if (p.latitude !== null && p.longitude !== null)
    return `https://www.openstreetmap.org/directions?to=${p.latitude}%2C${p.longitude}`;
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(postalAddress(p))}`;
}

/** A link to another site, in a new window, which its title says (RGAA 13.2). */
function NewWindowLink({ href, children }: { href: string; children: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" title={`${children} (nouvelle fenêtre)`}>
      {children}
    </a>
  );
}

/** /annuaire/lieu/$placeId: a place's public page. */
export function PlacePage({ placeId }: { placeId: string }) {
  const place = usePublicPlace(placeId);
  const broken = brokenLink(place.error, 'placeId');
  const title = broken === 'mangled' ? 'Lien incomplet' : broken === 'gone' ? 'Lieu introuvable' : 'Lieu';
  useDocumentTitle(place.data?.name ?? title);
  if (place.isPending) return <Loading what="Chargement du lieu…" />;
  if (place.isError)
    return (
      <>
        <h1>{title}</h1>
        {broken === 'mangled' ? (
          // The route's 422 named the identifier's format: a visitor needs to know the link broke.
          <p>
            Ce lien est incomplet : il a peut-être été coupé dans un message. Cherchez le lieu dans
            l’annuaire.
          </p>
        ) : broken === 'gone' ? (
          // A public page: « vous n’y avez pas accès » (QueryError's 404) meant nothing to a visitor.
          <p>Ce lieu n’existe pas ou n’est plus dans l’annuaire.</p>
        ) : (
          <QueryError error={place.error} what="Ce lieu" />
        )}
        <Link to="/annuaire" className={fr.cx('fr-link')}>
          Retour à l’annuaire
        </Link>
      </>
    );
  const p = place.data;
  return (
    <>
      <nav aria-label="Vous êtes ici" className={fr.cx('fr-mb-2w')}>
        {p.programs.map((program) => (
          <Link
            key={program.id}
            to="/annuaire/$programId"
            params={{ programId: program.id }}
            className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left', 'fr-mr-3w')}
          >
            Tous les lieux de « {program.name} »
          </Link>
        ))}
      </nav>
      <h1>{p.name}</h1>
      {p.summary && <p className={fr.cx('fr-text--lead')}>{p.summary}</p>}
      {p.description && <p>{p.description}</p>}

      <h2 className={fr.cx('fr-h4')}>Adresse</h2>
      <address className={fr.cx('fr-mb-2w')} style={{ fontStyle: 'normal' }}>
        {p.address}
        {p.addressComplement && (
          <>
            <br />
            {p.addressComplement}
          </>
        )}
        <br />
        {p.postcode} {p.communeName}
      </address>
      <p>
        <a
          href={directionsUrl(p)}
          className={fr.cx('fr-link', 'fr-icon-map-pin-2-line', 'fr-link--icon-left')}
          target="_blank"
          rel="noopener noreferrer"
          title={`Y aller : itinéraire vers ${p.name} sur OpenStreetMap (nouvelle fenêtre)`}
        >
          Y aller
        </a>
      </p>

      <h2 className={fr.cx('fr-h4')}>Horaires</h2>
      {p.hours ? (
        <>
          <p>
            {p.openNow ? (
              <span className={fr.cx('fr-badge', 'fr-badge--success')}>Ouvert maintenant</span>
            ) : (
              <>
                <span className={fr.cx('fr-badge')}>Fermé maintenant</span>
                {/* The badge alone left the week to be read to find when to come. */}
                {p.opensNext && <> Ouvre {p.opensNext}.</>}
              </>
            )}
          </p>
          {/* Stacked: on a phone each day is a card, its hours on the line below it, so that in
              large text the closing time wraps into sight (two columns of 200 % text are wider
              than a phone: « 9 h 00 – 1… » was cut at the edge of a sideways scroll). */}
          <TableFrame caption="Horaires de la semaine" captionHidden stacked>
            <tbody>
              {p.hours.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day.charAt(0).toUpperCase() + d.day.slice(1)}</th>
                  <td>{d.hours}</td>
                </tr>
              ))}
            </tbody>
          </TableFrame>
        </>
      ) : (
        <p>Horaires non renseignés : contactez le lieu avant de vous déplacer.</p>
      )}

      <h2 className={fr.cx('fr-h4')}>Services</h2>
      {p.services.length > 0 ? (
        <ul>
          {p.services.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : (
        <p>Services non renseignés.</p>
      )}

      <h2 className={fr.cx('fr-h4')}>Contact</h2>
      {p.phone || p.emails.length > 0 || p.website || p.bookingUrl ? (
        <ul>
          {p.phone && (
            <li>
              Téléphone : <a href={`tel:${p.phone.replace(/\s/g, '')}`}>{p.phone}</a>
            </li>
          )}
          {p.emails.map((e) => (
            <li key={e}>
              Courriel : <a href={`mailto:${e}`}>{e}</a>
            </li>
          ))}
          {p.website && (
            <li>
              <NewWindowLink href={p.website}>Site internet</NewWindowLink>
            </li>
          )}
          {p.bookingUrl && (
            <li>
              <NewWindowLink href={p.bookingUrl}>Prendre rendez-vous</NewWindowLink>
            </li>
          )}
        </ul>
      ) : (
        <p>Aucun contact renseigné.</p>
      )}

      <h2 className={fr.cx('fr-h4')}>Accessibilité</h2>
      {p.accessibilityUrl ? (
        <p>
          <NewWindowLink href={p.accessibilityUrl}>Informations d’accessibilité du lieu</NewWindowLink>
        </p>
      ) : (
        <p>Informations d’accessibilité non renseignées : contactez le lieu.</p>
      )}

      <h2 className={fr.cx('fr-h4')}>Pass acceptés</h2>
      {/* The services were listed, never what a pass pays for. */}
      <p>Un pass paie une séance avec un médiateur numérique du lieu.</p>
      <ul>
        {p.programs.map((program) => (
          <li key={program.id}>{acceptedPass(program)}</li>
        ))}
      </ul>
    </>
  );
}
