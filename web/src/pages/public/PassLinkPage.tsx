import { fr } from '@codegouvfr/react-dsfr';
import { Link } from '@tanstack/react-router';
import { businessDate } from '../../../../src/core/dates';
import { formatPassCode, parsePassCode } from '../../../../src/core/pass-code';
import { ApiError } from '../../api/client';
import { type PassDirectory, usePassDirectory } from '../../api/directory';
import { useSession } from '../../api/session';
import { LostBooklet } from '../../ui/pass/LostBooklet';
import { PassCode } from '../../ui/pass/PassCode';
import { isBeneficiary } from '../../ui/roles';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { fundedBy } from './directory/format';
import { malformedLink, programmeEnd } from './passLink';

/**
 * Where the QR code printed on a pass leads when someone other than a place agent scans
 * it (place agents are sent to their desk by the route). Usually the beneficiary, with a
 * phone: say what the pass is for, in few words.
 */
export function PassLinkPage({ code }: { code: string }) {
  // « Votre pass »: « Pass numérique » was said twice in the title (« Pass numérique — Pass numérique »).
  useDocumentTitle('Votre pass');
  const { data: session } = useSession();
  const parsed = parsePassCode(code);
  const here = `/p/${encodeURIComponent(code)}`;
  // Only the programme is asked for (its name, funder, last day of use: nothing about the
  // pass itself); an unknown code shows every programme's directory instead.
  const directory = usePassDirectory(parsed.ok ? parsed.code : '', parsed.ok);
  // Well formed, but no pass has it: shown as a pass's code, it passed for a real one. The
  // lookup answers this to anyone already (the beneficiary's home says it in the same words).
  const unknown = directory.error instanceof ApiError && directory.error.code === 'unknown_code';
  return (
    <>
      <h1>Pass numérique</h1>
      <p className={fr.cx('fr-text--lead')}>
        Ce pass numérique s’utilise dans un lieu de médiation numérique.
      </p>
      {unknown ? (
        <p>
          Ce code ne correspond à aucun pass : vérifiez le code imprimé sous le QR code, ou présentez le pass
          imprimé à l’accueil d’un lieu partenaire.
        </p>
      ) : parsed.ok ? (
        <p>
          Code du pass :{/* On a line of its own: after the label, at 360 px, it broke in two. */}
          <strong data-testid="pass-link-code" style={{ fontSize: '1.5rem', display: 'block' }}>
            <PassCode code={formatPassCode(parsed.code)} />
          </strong>
        </p>
      ) : (
        <p>{malformedLink(code, parsed.reason)}</p>
      )}
      {directory.data && <ProgramFacts facts={directory.data} />}
      {/* What follows speaks of « ce pass »: after a code that is none (a typo, a code no pass
          has), it made no sense; the message above already says to show the printed pass. */}
      {parsed.ok && !unknown && (
        <>
          <p>
            Présentez ce pass à l’accueil d’un lieu partenaire : une personne vous aidera à utiliser un
            ordinateur, un téléphone ou un service en ligne.
          </p>
          {/* Anyone who sees the code (a photo, a QR code) may open this page: it tells nothing of
              the pass itself, and says so and who tells, so that nobody takes it for a promise
              that it works. A beneficiary's own page does not tell either. */}
          <p>
            Cette page ne dit pas si ce pass a déjà servi ou si son carnet a été bloqué. Pour savoir s’il peut
            encore servir : le lieu le vérifie avec vous à l’accueil, avant la séance.
          </p>
        </>
      )}
      {/* pn-touch: the link a beneficiary on a phone came for, 44 px tall. */}
      <p>
        {directory.data ? (
          <Link
            to="/annuaire/$programId"
            params={{ programId: directory.data.programId }}
            className={`${fr.cx('fr-link', 'fr-icon-map-pin-2-line', 'fr-link--icon-left')} pn-touch`}
          >
            Où utiliser mon pass ?
          </Link>
        ) : (
          <Link
            to="/annuaire"
            className={`${fr.cx('fr-link', 'fr-icon-map-pin-2-line', 'fr-link--icon-left')} pn-touch`}
          >
            Où utiliser mon pass ?
          </Link>
        )}
      </p>
      <LostBooklet />
      {/* A beneficiary signed in has come from their own page: nothing here is for places; nor
          is there anything to cash without a pass's code. */}
      {parsed.ok && !unknown && !isBeneficiary(session) && (
        <>
          <h2 className={fr.cx('fr-h6', 'fr-mt-6w')}>
            Vous travaillez dans un lieu de médiation numérique ?
          </h2>
          {session ? (
            <p>Votre compte ne permet pas d’encaisser des pass.</p>
          ) : (
            <p>
              <Link to="/connexion" search={{ redirect: here }} className={fr.cx('fr-link')}>
                Se connecter pour encaisser ce pass
              </Link>
            </p>
          )}
        </>
      )}
    </>
  );
}

/**
 * Which programme, who pays for it, and its last day of use: the first questions. Not in bold,
 * and the programme's day, not the pass's: it was read as « this pass works until ».
 */
function ProgramFacts({ facts }: { facts: PassDirectory }) {
  const end = programmeEnd(facts.usableUntil, businessDate());
  return (
    <p data-testid="pass-link-programme">
      « {facts.programName} », {fundedBy(facts.funderName)}.{end && ` ${end}`}
    </p>
  );
}
