import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from '@tanstack/react-router';
import { Fragment, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import { useCancelRedemption, usePlaceRedemptions } from '../../../api/redemptions';
import type { Redemption } from '../../../api/types';
import { formatCents, formatShortDate } from '../../../lib/format';
import { ConfirmRow } from '../../../ui/ConfirmRow';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';
import { useOneAtATime } from '../../../ui/useOneAtATime';
import { useNow } from '../useNow';
import { formatDateTimeShort } from './labels';

type Notice = { severity: 'success' | 'error'; text: string };

/** The desk needs the latest ones (the only ones it can still cancel); the rest on demand. */
const SHOWN = 20;

/**
 * The most the API sends (listForPlace in src/modules/redemptions/service.ts): a place may have
 * taken more, so the list says « derniers », and once full, where the older ones are.
 */
const API_LIMIT = 50;

const cancellable = (r: Redemption, now: number) =>
  r.cancelledAt === null && new Date(r.cancellableUntil).getTime() > now;

export function RecentRedemptions({ placeId }: { placeId: string }) {
  const list = usePlaceRedemptions(placeId);
  const cancel = useCancelRedemption(placeId);
  // A confirmation pressed twice sends once (useOneAtATime).
  const sendCancel = useOneAtATime(cancel);
  const now = useNow();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [all, setAll] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // The row's buttons are gone once answered: the focus goes back to the section, whose
  // live region then reads the outcome.
  const show = (n: Notice) => {
    setNotice(n);
    setConfirming(null);
    headingRef.current?.focus();
  };

  // "Non": the question goes, the focus returns to the button that asked it.
  const keep = (id: number) => {
    setConfirming(null);
    requestAnimationFrame(() => document.getElementById(`annuler-${id}`)?.focus());
  };

  /**
   * What became of the pass, when the answer says: a booklet declared lost or stolen since the
   * session keeps its pass cancelled, and the person must not be told it can be used again.
   */
  const cancelled = (r: Redemption, usableAgain?: boolean): Notice => ({
    severity: 'success',
    text:
      usableAgain === undefined
        ? `L’encaissement du pass ${r.code} est annulé.`
        : usableAgain
          ? `L’encaissement du pass ${r.code} est annulé : le pass peut de nouveau être utilisé.`
          : `L’encaissement du pass ${r.code} est annulé, mais le pass ne peut plus être utilisé : son carnet a été déclaré perdu ou volé.`,
  });

  /**
   * The answer was lost (the network dropped), not necessarily the cancellation: the list,
   * asked again, says whether it was made (« réessayez » stood above a row saying « Annulé »).
   */
  const afterLostAnswer = async (r: Redemption) => {
    const fresh = await list.refetch();
    // The list says, as the lost answer would have, whether the pass may be used again.
    const found = fresh.data?.find((x) => x.id === r.id);
    if (found?.cancelledAt) return show(cancelled(r, found.passUsableAgain ?? undefined));
    show({
      severity: 'error',
      text: fresh.isError
        ? `La réponse du serveur n’est pas arrivée : une fois la connexion revenue, regardez dans la liste si l’encaissement du pass ${r.code} est annulé, sinon annulez-le de nouveau.`
        : `La réponse du serveur n’est pas arrivée et l’encaissement du pass ${r.code} n’est pas annulé : vérifiez la connexion puis réessayez.`,
    });
  };

  const onCancel = (r: Redemption) =>
    sendCancel(r.id, {
      onSuccess: (answer) => show(cancelled(r, answer.passUsableAgain)),
      onError: (e) =>
        e instanceof ApiError && e.status === 0
          ? void afterLostAnswer(r)
          : show({
              severity: 'error',
              text:
                e instanceof ApiError && e.code === 'cancel_window_closed'
                  ? `Le délai d’annulation de l’encaissement du pass ${r.code} est dépassé.`
                  : e instanceof ApiError
                    ? e.detail
                    : 'Une erreur inattendue est survenue. Réessayez.',
            }),
    });

  return (
    <section aria-labelledby="derniers-encaissements" className={fr.cx('fr-mt-6w')}>
      <h2 id="derniers-encaissements" ref={headingRef} tabIndex={-1}>
        Derniers encaissements
      </h2>
      {list.data && list.data.length > 0 && (
        <p className={fr.cx('fr-text--sm')}>Du plus récent au plus ancien, à l’heure de Paris.</p>
      )}
      <div role="status">
        {notice && <Alert role={undefined} small severity={notice.severity} description={notice.text} />}
      </div>
      {list.isPending ? (
        <Loading what="Chargement des derniers encaissements…" />
      ) : list.isError ? (
        <QueryError error={list.error} what="La liste des encaissements" />
      ) : list.data.length === 0 ? (
        <p>Aucun pass n’a encore été encaissé dans ce lieu.</p>
      ) : (
        <>
          {/* The heading above says it on screen: the caption is for screen readers only. */}
          <TableFrame
            stacked
            captionHidden
            caption="Derniers encaissements, du plus récent au plus ancien (heure de Paris)"
          >
            <thead>
              <tr>
                <th scope="col">Enregistré le</th>
                <th scope="col">Séance du</th>
                <th scope="col">Code</th>
                <th scope="col">Thème</th>
                <th scope="col">Enregistré par</th>
                <th scope="col">Valeur</th>
                <th scope="col">Statut</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {(all ? list.data : list.data.slice(0, SHOWN)).map((r) => (
                <Fragment key={r.id}>
                  <tr data-testid="redemption-row">
                    <td className="pn-nowrap" data-label="Enregistré le">
                      <time dateTime={r.redeemedAt}>{formatDateTimeShort(r.redeemedAt)}</time>
                    </td>
                    {/* Its own day: a session recorded later (« Date de la séance ») showed only
                        the day it was recorded. */}
                    <td className="pn-nowrap" data-label="Séance du">
                      <time dateTime={r.sessionOn}>{formatShortDate(r.sessionOn)}</time>
                    </td>
                    <th scope="row" className="pn-nowrap" data-label="Code">
                      {r.code}
                    </th>
                    <td data-label="Thème">{r.theme}</td>
                    {/* The mediator signed in, or the place's software (its key). */}
                    <td data-label="Enregistré par">{r.recordedBy}</td>
                    <td className="pn-nowrap" data-label="Valeur">
                      {formatCents(r.faceValueCents)}
                    </td>
                    <td data-label="Statut">
                      <RedemptionStatus r={r} />
                    </td>
                    <td>
                      {/* No label: the button says what it does. */}
                      {cancellable(r, now) && confirming !== r.id && (
                        <Button
                          type="button"
                          size="small"
                          priority="secondary"
                          nativeButtonProps={{ id: `annuler-${r.id}` }}
                          onClick={() => setConfirming(r.id)}
                        >
                          Annuler<span className={fr.cx('fr-sr-only')}> l’encaissement du pass {r.code}</span>
                        </Button>
                      )}
                    </td>
                  </tr>
                  {confirming === r.id && cancellable(r, now) && (
                    <ConfirmRow
                      colSpan={8}
                      question={`Annuler l’encaissement du pass ${r.code} ? Le pass pourra de nouveau être utilisé, sauf si son carnet a été déclaré perdu ou volé.`}
                      confirmLabel="Oui, annuler l’encaissement"
                      keepLabel="Non, le garder"
                      pending={cancel.isPending}
                      onConfirm={() => onCancel(r)}
                      onKeep={() => keep(r.id)}
                    />
                  )}
                </Fragment>
              ))}
            </tbody>
          </TableFrame>
          {!all && list.data.length > SHOWN && (
            <Button
              type="button"
              priority="secondary"
              onClick={() => {
                setAll(true);
                // The button goes away: keep the focus in the section rather than losing it.
                headingRef.current?.focus();
              }}
            >
              Afficher les {list.data.length} derniers encaissements
            </Button>
          )}
          {/* Said once the whole list is shown, at its end, where one looks for the older ones. */}
          {all && list.data.length >= API_LIMIT && <OlderInStatements />}
        </>
      )}
    </section>
  );
}

/** The desk lists the latest ones only: the older ones are in the monthly statements. */
function OlderInStatements() {
  return (
    <p className={fr.cx('fr-mt-2w')}>
      Seuls les {API_LIMIT} derniers encaissements sont affichés ici. Les encaissements plus anciens figurent
      dans vos relevés mensuels, page <Link to="/lieu/releves">Relevés</Link>.
    </p>
  );
}

function RedemptionStatus({ r }: { r: Redemption }) {
  if (r.cancelledAt === null) {
    return (
      <Badge as="span" small noIcon severity="success">
        Encaissé
      </Badge>
    );
  }
  return (
    <>
      <Badge as="span" small noIcon severity="info">
        Annulé
      </Badge>{' '}
      <span className={fr.cx('fr-text--sm')}>le {formatDateTimeShort(r.cancelledAt)}</span>
    </>
  );
}
