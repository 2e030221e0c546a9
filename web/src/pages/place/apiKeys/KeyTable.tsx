import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Fragment, useState } from 'react';
import { useApiKeys, useRevokeApiKey } from '../../../api/apiKeys';
import type { ApiKey } from '../../../api/types';
import { ActionNotice, useActionNotice } from '../../../ui/ActionNotice';
import { ConfirmRow } from '../../../ui/ConfirmRow';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';
import { useOneAtATime } from '../../../ui/useOneAtATime';
import { formatDateTimeShort } from '../redeem/labels';

export function KeyTable({ placeId }: { placeId: string }) {
  const list = useApiKeys(placeId);
  const revoke = useRevokeApiKey(placeId);
  // A confirmation pressed twice sends once (useOneAtATime).
  const sendRevoke = useOneAtATime(revoke);
  const [confirming, setConfirming] = useState<string | null>(null);
  const { notice, show, failed, headingRef } = useActionNotice();

  // "Non": the question goes, the focus returns to the button that asked it.
  const keep = (id: string) => {
    setConfirming(null);
    requestAnimationFrame(() => document.getElementById(`revoquer-${id}`)?.focus());
  };

  const onRevoke = (k: ApiKey) =>
    sendRevoke(k.id, {
      onSettled: () => setConfirming(null),
      onSuccess: () => show({ severity: 'success', text: `La clé « ${k.label} » est révoquée.` }),
      onError: failed,
    });

  return (
    <section aria-labelledby="cles-du-lieu" className={fr.cx('fr-mt-6w')}>
      <h2 id="cles-du-lieu" ref={headingRef} tabIndex={-1}>
        Clés du lieu
      </h2>
      <ActionNotice notice={notice} />
      {list.isPending ? (
        <Loading what="Chargement des clés…" />
      ) : list.isError ? (
        <QueryError error={list.error} what="La liste des clés" />
      ) : list.data.length === 0 ? (
        <p>Aucune clé n’a encore été créée pour ce lieu.</p>
      ) : (
        <TableFrame stacked caption="Clés d’API du lieu (heure de Paris)">
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Début de la clé</th>
              <th scope="col">Créée le</th>
              <th scope="col">Dernière utilisation</th>
              <th scope="col">État</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((k) => (
              <Fragment key={k.id}>
                <tr data-testid="api-key-row">
                  <th scope="row" data-label="Nom">
                    {k.label}
                  </th>
                  <td className="pn-nowrap" data-label="Début de la clé">
                    <code>{k.prefix}…</code>
                  </td>
                  <td className="pn-nowrap" data-label="Créée le">
                    {formatDateTimeShort(k.createdAt)}
                  </td>
                  <td className="pn-nowrap" data-label="Dernière utilisation">
                    {k.lastUsedAt ? formatDateTimeShort(k.lastUsedAt) : 'Jamais'}
                  </td>
                  <td data-label="État">
                    {k.revokedAt ? (
                      <>
                        <Badge as="span" small noIcon severity="info">
                          Révoquée
                        </Badge>{' '}
                        <span className={fr.cx('fr-text--sm')}>le {formatDateTimeShort(k.revokedAt)}</span>
                      </>
                    ) : (
                      <Badge as="span" small noIcon severity="success">
                        Active
                      </Badge>
                    )}
                  </td>
                  <td>
                    {!k.revokedAt && confirming !== k.id && (
                      <Button
                        type="button"
                        size="small"
                        priority="secondary"
                        nativeButtonProps={{ id: `revoquer-${k.id}` }}
                        onClick={() => setConfirming(k.id)}
                      >
                        Révoquer<span className={fr.cx('fr-sr-only')}> la clé {k.label}</span>
                      </Button>
                    )}
                  </td>
                </tr>
                {confirming === k.id && !k.revokedAt && (
                  <ConfirmRow
                    colSpan={6}
                    question={`Révoquer la clé « ${k.label} » ? Les logiciels qui l’utilisent ne pourront plus encaisser de pass.`}
                    confirmLabel="Oui, révoquer la clé"
                    keepLabel="Non, la garder"
                    pending={revoke.isPending}
                    onConfirm={() => onRevoke(k)}
                    onKeep={() => keep(k.id)}
                  />
                )}
              </Fragment>
            ))}
          </tbody>
        </TableFrame>
      )}
    </section>
  );
}
