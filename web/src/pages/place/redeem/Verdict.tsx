import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { REFUSAL_MESSAGES } from '../../../../../src/core/session';
import { ApiError } from '../../../api/client';
import type { PassCheck, Redemption } from '../../../api/types';
import { formatCents, formatDate, formatShortDate, todayInParis } from '../../../lib/format';
import { FORMAT_LABELS, formatDateTimeShort, formatDayAtTime, formatMinutes } from './labels';
import { guessesLeftWarning, tooManyChecks } from './tooManyChecks';

// The alerts sit inside the page's own live region: role={undefined} keeps react-dsfr from
// adding role="alert" on top of it (announced twice otherwise).

/** Green when the pass may be redeemed, red with the reason otherwise. */
export function PassVerdict({ pass, sessionOn }: { pass: PassCheck; sessionOn?: string }) {
  if (pass.status === 'redeemable') {
    return (
      <Alert
        role={undefined}
        severity="success"
        as="h2"
        title="Pass valable"
        description={
          <>
            Code {pass.code}
            {pass.programName && <> · {pass.programName}</>}
            <br />
            <strong>
              Valeur : {pass.faceValueCents === null ? 'non précisée' : formatCents(pass.faceValueCents)}
            </strong>
            {pass.validUntil && <> · valable jusqu’au {formatDate(pass.validUntil)}</>}
            <br />
            Renseignez la séance ci-dessous pour l’encaisser.
          </>
        }
      />
    );
  }
  if (pass.status === 'expired' && pass.lateSessionsUntil && pass.validUntil) {
    // Within the tolerance period: no session of today, but one given before the end is paid.
    return (
      <Alert
        role={undefined}
        severity="warning"
        as="h2"
        title={`Ce pass ne vaut plus pour une séance d’aujourd’hui : l’utilisation a pris fin le ${formatDate(pass.validUntil)}.`}
        description={
          <>
            Une séance donnée jusqu’au {formatDate(pass.validUntil)} peut encore être enregistrée jusqu’au{' '}
            {formatDate(pass.lateSessionsUntil)} : indiquez le jour où elle a eu lieu dans « Date de la séance
            », puis vérifiez à nouveau le pass.
            <br />
            Code {pass.code}
            {pass.programName && <> · {pass.programName}</>}
            <br />
            <strong>N’encaissez pas ce pass pour une séance d’aujourd’hui.</strong>
          </>
        }
      />
    );
  }
  return (
    <Alert
      role={undefined}
      severity="error"
      as="h2"
      title={
        beforeHandOut(pass)
          ? `Ce pass n’était pas encore valable à la date de la séance${sessionOn ? `, le ${formatDate(sessionOn)}` : ''}.`
          : (redeemedWhere(pass) ?? (pass.message || REFUSAL_MESSAGES[pass.status]))
      }
      description={
        <>
          <RefusalDetail pass={pass} />
          Code {pass.code}
          {pass.programName && <> · {pass.programName}</>}
          <br />
          <strong>N’encaissez pas ce pass.</strong>
          {/* A double entry at this desk is undone from the list, within the window. */}
          {pass.status === 'already_redeemed' && pass.byThisPlace && (
            <>
              <br />
              S’il a été encaissé par erreur, vous pouvez annuler cet encaissement dans le délai permis,
              ci-dessous : sous « Aujourd’hui » ou sous « Jours précédents ».
            </>
          )}
          {/* What the person can do: the structure that gave the booklet replaces a blocked one,
              and records a hand-out it forgot. */}
          {pass.status === 'blocked' && (
            <>
              <br />
              La personne peut demander un carnet de remplacement à la structure qui lui a remis son carnet.
            </>
          )}
          {pass.status === 'not_handed_out' && (
            <>
              <br />
              Si la personne a bien reçu ce carnet, la structure qui le lui a remis doit enregistrer la remise
              : invitez-la à la contacter, puis revenez avec le pass.
            </>
          )}
        </>
      }
    />
  );
}

/**
 * Valid today but not on the session's day, typed earlier than the hand-out: the session's
 * date is the reason (« pas encore valable » alone read as wrong for a pass valid today).
 */
function beforeHandOut(pass: PassCheck): pass is PassCheck & { validFrom: string } {
  return pass.status === 'not_yet_valid' && !!pass.validFrom && pass.validFrom <= todayInParis();
}

/**
 * A pass already redeemed: by this place (a double entry at its desk) or at another place, of
 * which nothing more is known. « Déjà utilisé » alone read the same for both. Null when the
 * answer does not say (the usual refusal then).
 */
function redeemedWhere(pass: PassCheck): string | null {
  if (pass.status !== 'already_redeemed' || pass.byThisPlace === null || !pass.redeemedAt) return null;
  const on = formatDayAtTime(pass.redeemedAt);
  return pass.byThisPlace
    ? `Ce pass a déjà été encaissé par votre lieu le ${on}.`
    : `Ce pass a déjà été utilisé dans un autre lieu le ${on}.`;
}

function RefusalDetail({ pass }: { pass: PassCheck }) {
  let text: string | null = null;
  // Said in the title when it says where it was used.
  if (pass.status === 'already_redeemed' && pass.redeemedAt && redeemedWhere(pass) === null)
    text = `Utilisé le ${formatDateTimeShort(pass.redeemedAt)}.`;
  else if (pass.status === 'expired' && pass.validUntil)
    text = `Il était valable jusqu’au ${formatDate(pass.validUntil)}.`;
  else if (beforeHandOut(pass))
    text = `Il a été remis le ${formatDate(pass.validFrom)} : une séance donnée avant ce jour ne peut pas être encaissée avec lui.`;
  else if (pass.status === 'not_yet_valid' && pass.validFrom)
    text = `Il sera valable à partir du ${formatDate(pass.validFrom)}.`;
  return text ? (
    <>
      {text}
      <br />
    </>
  ) : null;
}

/**
 * A check the server could not answer with a verdict. A malformed code is shown at the field instead.
 * `onBack` clears the code: once the place's lookups are locked, nothing else on the desk moves.
 */
export function CheckFailure({ error, code, onBack }: { error: unknown; code: string; onBack?: () => void }) {
  if (error instanceof ApiError && error.code === 'unknown_code') {
    const warning = guessesLeftWarning(error);
    return (
      <Alert
        role={undefined}
        severity="error"
        as="h2"
        title={REFUSAL_MESSAGES.unknown_code}
        description={
          <>
            Code saisi : {code}. Vérifiez chaque caractère avec la personne.
            {warning && (
              <>
                <br />
                <strong>{warning}</strong>
              </>
            )}
          </>
        }
      />
    );
  }
  if (error instanceof ApiError && error.status === 429) {
    const { title, description } = tooManyChecks(error);
    return (
      <>
        <Alert role={undefined} severity="warning" as="h2" title={title} description={description} />
        {onBack && (
          <Button type="button" priority="secondary" className={fr.cx('fr-mt-2w')} onClick={onBack}>
            Effacer le code saisi
          </Button>
        )}
      </>
    );
  }
  return (
    <Alert
      role={undefined}
      severity="error"
      as="h2"
      title="Vérification impossible"
      description={
        error instanceof ApiError ? error.detail : 'Une erreur inattendue est survenue. Réessayez.'
      }
    />
  );
}

/**
 * The day of the session, and when it was recorded if that was a later day (a late session):
 * the time alone read as the session's date.
 */
function sessionDay(r: Redemption): string {
  const recordedOn = todayInParis(new Date(r.redeemedAt));
  const on = r.sessionOn ?? recordedOn;
  return on === recordedOn
    ? `Séance du ${formatShortDate(on)}`
    : `Séance du ${formatShortDate(on)}, enregistrée le ${formatDayAtTime(r.redeemedAt)}`;
}

export function Confirmation({ redemption: r }: { redemption: Redemption }) {
  return (
    <Alert
      role={undefined}
      severity="success"
      as="h2"
      title="Encaissement enregistré"
      description={
        <>
          Pass {r.code} · <strong>{formatCents(r.faceValueCents)}</strong>
          <br />
          {r.theme} · {formatMinutes(r.durationMinutes)} · séance{' '}
          {(FORMAT_LABELS[r.format] ?? r.format).toLowerCase()}
          <br />
          {sessionDay(r)}
          <br />
          {/* In Paris time, as the list below says its times: a laptop set to another time zone
              (overseas, abroad) showed the same figures without saying whose. */}
          En cas d’erreur, vous pouvez l’annuler jusqu’au {formatDayAtTime(r.cancellableUntil)} (heure de
          Paris) dans la liste « Aujourd’hui » ci-dessous.
        </>
      }
    />
  );
}
