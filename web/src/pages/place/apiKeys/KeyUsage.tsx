import { fr } from '@codegouvfr/react-dsfr';
import { isProblemCode, PROBLEMS } from '../../../../../src/core/problems';
import { useApiKeys, useApiKeyUsage } from '../../../api/apiKeys';
import type { ApiKeyUsage } from '../../../api/types';
import { formatInt, formatShortDate } from '../../../lib/format';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';
import { formatDateTimeShort } from '../redeem/labels';

/** The operations a place's software calls with its key, as the admin knows them. */
const OPERATIONS: Record<string, string> = {
  'GET /api/v1/passes/:code': 'Vérification d’un pass',
  'POST /api/v1/redemptions': 'Encaissement',
  'POST /api/v1/redemptions/:redemptionId/cancel': 'Annulation d’un encaissement',
  'GET /api/v1/places/:placeId/redemptions': 'Liste des encaissements',
};

const operationOf = (e: ApiKeyUsage['lastErrors'][number]) =>
  OPERATIONS[`${e.method} ${e.route}`] ?? `${e.method} ${e.route}`;
const refusalOf = (code: string) => (isProblemCode(code) ? PROBLEMS[code].title : 'Erreur');

/**
 * Whether the place's software works: for each key, its calls per day and their refusals, and
 * the last refusals with the code its developer looks up in the API's documentation.
 */
export function KeyUsage({ placeId }: { placeId: string }) {
  const usage = useApiKeyUsage(placeId);
  const list = useApiKeys(placeId);
  // Its name and how the key starts: two keys may bear one name (one of them revoked), and the
  // place's software is configured with the key itself.
  const labelOf = (keyId: string) => {
    const k = list.data?.find((key) => key.id === keyId);
    if (!k) return 'Clé supprimée';
    return `${k.label} (pn_${k.prefix}…${k.revokedAt ? ', révoquée' : ''})`;
  };
  return (
    <section aria-labelledby="utilisation-des-cles" className={fr.cx('fr-mt-6w')}>
      <h2 id="utilisation-des-cles">Utilisation des clés</h2>
      {usage.isPending ? (
        <Loading what="Chargement de l’utilisation des clés…" />
      ) : usage.isError ? (
        <QueryError error={usage.error} what="L’utilisation des clés" />
      ) : usage.data.days.length === 0 ? (
        <p>Aucun appel avec une clé du lieu depuis le {formatShortDate(usage.data.since)}.</p>
      ) : (
        <>
          {/* Stacked: on a phone, a day's four columns scrolled sideways, unlike the tables around it. */}
          <TableFrame stacked caption={`Appels par jour depuis le ${formatShortDate(usage.data.since)}`}>
            <thead>
              <tr>
                <th scope="col">Jour</th>
                <th scope="col">Clé</th>
                <th scope="col">Appels</th>
                <th scope="col">Dont refusés</th>
              </tr>
            </thead>
            <tbody>
              {usage.data.days.map((d) => (
                <tr key={`${d.keyId}-${d.day}`} data-testid="api-key-usage-row">
                  <td className="pn-nowrap" data-label="Jour">
                    {formatShortDate(d.day)}
                  </td>
                  <th scope="row" data-label="Clé">
                    {labelOf(d.keyId)}
                  </th>
                  <td data-label="Appels">{formatInt(d.calls)}</td>
                  <td data-label="Dont refusés">{formatInt(d.errors)}</td>
                </tr>
              ))}
            </tbody>
          </TableFrame>
          <h3 className={fr.cx('fr-mt-4w')}>Derniers refus</h3>
          {usage.data.lastErrors.length === 0 ? (
            <p>Aucun appel refusé.</p>
          ) : (
            // Stacked: the refusal's code must be read whole on a 1024-pixel laptop, not behind a scroll.
            <TableFrame
              stacked
              caption="Derniers appels refusés (heure de Paris), avec le code à donner à votre développeur"
            >
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Clé</th>
                  <th scope="col">Opération</th>
                  <th scope="col">Refus</th>
                </tr>
              </thead>
              <tbody>
                {usage.data.lastErrors.map((e, i) => (
                  <tr key={`${e.keyId}-${e.at}-${i}`} data-testid="api-key-error-row">
                    <td className="pn-nowrap" data-label="Date">
                      {formatDateTimeShort(e.at)}
                    </td>
                    <th scope="row" data-label="Clé">
                      {labelOf(e.keyId)}
                    </th>
                    <td data-label="Opération">{operationOf(e)}</td>
                    <td data-label="Refus">
                      {refusalOf(e.code)}{' '}
                      <span className={fr.cx('fr-text--sm')}>
                        (code <code>{e.code}</code>, {e.status})
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </TableFrame>
          )}
        </>
      )}
    </section>
  );
}
