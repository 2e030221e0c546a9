import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Fragment, type ReactNode, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import { useCancelRedemption, usePlaceRedemptions } from '../../../api/redemptions';
import type { Redemption, RedemptionList } from '../../../api/types';
import { formatCents, formatInt, formatShortDate, todayInParis } from '../../../lib/format';
import { ConfirmRow } from '../../../ui/ConfirmRow';
import { Loading } from '../../../ui/Loading';
import { Pager } from '../../../ui/Pager';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';
import { useOneAtATime } from '../../../ui/useOneAtATime';
import { useNow } from '../useNow';
import { cancelledNotice } from './cancelledNotice';
import {
  daySummary,
  earlierPage,
  FIRST_PAGE,
  lateDay,
  type PageTrail,
  pageOf,
  TODAY_LIMIT,
  todayPage,
  turnTo,
} from './daySessions';
import { FORMAT_LABELS, formatDateTimeShort, formatMinutes, formatTime } from './labels';

type Notice = { severity: 'success' | 'error'; text: string };

type Rows = ReturnType<typeof usePlaceRedemptions>;

const cancellable = (r: Redemption, now: number) =>
  r.cancelledAt === null && new Date(r.cancellableUntil).getTime() > now;

/**
 * The place's sessions under the desk: those recorded today, counted with their total duration
 * (a mediator at 17:00 checks her day without reading through older rows), and the earlier
 * days' on demand, a page at a time back to the first. Both asked of the server by the day
 * recorded, in Paris: the list is paged.
 */
export function RecentRedemptions({ placeId }: { placeId: string }) {
  // The clock the « Annuler » buttons follow: a desk left open overnight starts a new day.
  const now = useNow();
  const today = todayInParis(new Date(now));
  const [earlier, setEarlier] = useState(false);
  // The page read among the earlier days, for the day it was read on: a new day starts at the first.
  const [read, setRead] = useState<{ day: string; trail: PageTrail }>({ day: today, trail: FIRST_PAGE });
  const trail = read.day === today ? read.trail : FIRST_PAGE;
  const todays = usePlaceRedemptions(placeId, todayPage(today));
  const before = usePlaceRedemptions(placeId, earlierPage(today, trail[trail.length - 1]), earlier);
  // The trail of the page on screen: another page asked shows this one until it comes, and the
  // pager says this one's number (a second « Page suivante » meanwhile asks the same page).
  const shown = useRef(trail);
  if (before.data && !before.isPlaceholderData) shown.current = trail;
  return (
    <>
      <SessionList
        placeId={placeId}
        id="encaissements-du-jour"
        title="Aujourd’hui"
        caption="Encaissements d’aujourd’hui, du plus récent au plus ancien (heure de Paris)"
        rows={todays}
        now={now}
        sameDay
        summary={(page) => (
          <>
            <p className={fr.cx('fr-mb-1w')} data-testid="day-summary">
              {daySummary(page.redemptions)}
            </p>
            {page.nextBefore !== null && (
              <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
                Seuls les {TODAY_LIMIT} derniers encaissements d’aujourd’hui sont affichés et comptés ici.
              </p>
            )}
          </>
        )}
      />
      {earlier ? (
        <SessionList
          placeId={placeId}
          id="encaissements-precedents"
          title="Jours précédents"
          caption="Encaissements des jours précédents, du plus récent au plus ancien (heure de Paris)"
          rows={before}
          now={now}
          focusOnShow
          page={shown.current.length}
          empty="Aucun encaissement les jours précédents."
          after={(list) => {
            const { page, pages } = pageOf(shown.current, list);
            return (
              <Pager
                label="Pages des encaissements des jours précédents"
                page={page}
                pages={pages}
                onPage={(to) => setRead({ day: today, trail: turnTo(shown.current, to, list.nextBefore) })}
                count={`(${formatInt(list.total)} encaissements)`}
              />
            );
          }}
        />
      ) : (
        <Button
          type="button"
          priority="secondary"
          className={fr.cx('fr-mt-2w')}
          onClick={() => setEarlier(true)}
        >
          Afficher les encaissements des jours précédents
        </Button>
      )}
    </>
  );
}

/**
 * One of the desk's lists, with its heading and its cancellations: the time, the pass, the
 * session (theme, duration, format) and who recorded it, its value and its state.
 */
function SessionList({
  placeId,
  id,
  title,
  caption,
  rows: list,
  now,
  sameDay = false,
  focusOnShow = false,
  page,
  summary,
  empty,
  after,
}: {
  placeId: string;
  id: string;
  title: string;
  caption: string;
  rows: Rows;
  now: number;
  /** Every row recorded on the heading's day: the time alone, the day being said once. */
  sameDay?: boolean;
  /** Shown on demand, the button gone: the keyboard goes on from its heading. */
  focusOnShow?: boolean;
  /** The page shown, when the list is paged: a new page is read from its heading, as a new list. */
  page?: number;
  summary?: (page: RedemptionList) => ReactNode;
  empty?: string;
  after?: (page: RedemptionList) => ReactNode;
}) {
  const cancel = useCancelRedemption(placeId);
  // A confirmation pressed twice sends once (useOneAtATime).
  const sendCancel = useOneAtATime(cancel);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // A new page too: « Page suivante » left at the foot of the previous 50 rows (or disabled on
  // the last page, the focus lost), the reader starts the new rows from the top.
  useEffect(() => {
    if (focusOnShow) headingRef.current?.focus();
  }, [focusOnShow, page]);

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

  /** What became of the pass, when the answer says (cancelledNotice): usable again, or why not. */
  const cancelled = (
    r: Redemption,
    pass?: Pick<Redemption, 'passUsableAgain' | 'passUnusableReason'>,
  ): Notice => ({
    severity: 'success',
    text: cancelledNotice(r.code, pass),
  });

  /**
   * The answer was lost (the network dropped), not necessarily the cancellation: the list,
   * asked again, says whether it was made (« réessayez » stood above a row saying « Annulé »).
   */
  const afterLostAnswer = async (r: Redemption) => {
    const fresh = await list.refetch();
    // The list says, as the lost answer would have, whether the pass may be used again.
    const found = fresh.data?.redemptions.find((x) => x.id === r.id);
    if (found?.cancelledAt) return show(cancelled(r, found));
    show({
      severity: 'error',
      text: fresh.isError
        ? `La réponse du serveur n’est pas arrivée : une fois la connexion revenue, regardez dans la liste si l’encaissement du pass ${r.code} est annulé, sinon annulez-le de nouveau.`
        : `La réponse du serveur n’est pas arrivée et l’encaissement du pass ${r.code} n’est pas annulé : vérifiez la connexion puis réessayez.`,
    });
  };

  const onCancel = (r: Redemption) =>
    sendCancel(r.id, {
      onSuccess: (answer) => show(cancelled(r, answer)),
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

  const rows = list.data?.redemptions ?? [];
  return (
    <section aria-labelledby={id} className={fr.cx(sameDay ? 'fr-mt-6w' : 'fr-mt-4w')}>
      <h2 id={id} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      {list.data && summary?.(list.data)}
      {rows.length > 0 && (
        <p className={fr.cx('fr-text--sm')}>Du plus récent au plus ancien, à l’heure de Paris.</p>
      )}
      <div role="status">
        {notice && <Alert role={undefined} small severity={notice.severity} description={notice.text} />}
      </div>
      {list.isPending ? (
        <Loading what="Chargement des encaissements…" />
      ) : list.isError ? (
        <QueryError error={list.error} what="La liste des encaissements" />
      ) : rows.length === 0 ? (
        empty && <p>{empty}</p>
      ) : (
        <>
          {/* The heading above says it on screen: the caption is for screen readers only. */}
          <TableFrame stacked captionHidden caption={caption}>
            <thead>
              <tr>
                <th scope="col">{sameDay ? 'Heure' : 'Enregistré le'}</th>
                <th scope="col">Code</th>
                <th scope="col">Thème</th>
                <th scope="col">Durée</th>
                <th scope="col">Format</th>
                <th scope="col">Enregistré par</th>
                <th scope="col">Valeur</th>
                <th scope="col">Statut</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <Fragment key={r.id}>
                  <tr data-testid="redemption-row">
                    <td data-label={sameDay ? 'Heure' : 'Enregistré le'}>
                      <time className="pn-nowrap" dateTime={r.redeemedAt}>
                        {sameDay ? formatTime(r.redeemedAt) : formatDateTimeShort(r.redeemedAt)}
                      </time>
                      <SessionDay r={r} />
                    </td>
                    <th scope="row" className="pn-nowrap" data-label="Code">
                      {r.code}
                    </th>
                    <td data-label="Thème">{r.theme}</td>
                    <td className="pn-nowrap" data-label="Durée">
                      {formatMinutes(r.durationMinutes)}
                    </td>
                    <td data-label="Format">{FORMAT_LABELS[r.format]}</td>
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
                      colSpan={9}
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
          {list.data && after?.(list.data)}
        </>
      )}
    </section>
  );
}

/**
 * Its own day, under the time, for a session recorded on a later day (« Date de la séance »):
 * the time alone read as the session's.
 */
function SessionDay({ r }: { r: Redemption }) {
  const day = lateDay(r);
  if (day === null) return null;
  return (
    <span className={fr.cx('fr-text--sm')} data-testid="session-day">
      <br />
      séance du <time dateTime={day}>{formatShortDate(day)}</time>
    </span>
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
