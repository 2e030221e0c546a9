import { fr } from '@codegouvfr/react-dsfr';
import { standingDetails, standingHeadline } from '../../../../../src/core/statement-standing';
import type { StatementSummary } from '../../../api/statements';
import { formatCents, formatDate, todayInParis } from '../../../lib/format';
import { ContestHistory } from './ContestHistory';
import { quoted } from './contestHistory';

/**
 * Where a statement stands, as its place and its funder read it: its status, the day it was
 * paid, and, when the bank paid its transfer in part or sent it back, what came, what is still
 * to come, and what the funder decided not to pay (with its reason); for a statement below
 * zero, what it is deducted from; its latest contest and the answer, and the whole exchange
 * (every contest, every answer) behind a disclosure.
 */
export function StatementState({ statement: s }: { statement: StatementSummary }) {
  return (
    <>
      <Status statement={s} />
      {s.contest && <ContestNote statement={s} />}
    </>
  );
}

const dayOf = (iso: string) => formatDate(todayInParis(new Date(iso)));

/** What the place wrote when it contested, and what the funder answered: both read it here. */
function ContestNote({ statement: s }: { statement: StatementSummary }) {
  const c = s.contest!;
  return (
    <>
      <br />
      <span className={fr.cx('fr-text--sm')}>
        {`Contesté le ${dayOf(c.contestedAt)}${c.contestedBy ? ` par ${c.contestedBy}` : ''}${quoted(c.reason)}`}
        {c.answeredAt && ` Réponse du financeur le ${dayOf(c.answeredAt)}${quoted(c.answer)}`}
      </span>
      {/* The list knows the latest contest only, not how many came before: the history is
          offered for every contested statement and read when opened. */}
      <ContestHistory id={s.id} number={s.number} />
    </>
  );
}

/** The state in a few words, then what more there is to say (the same words as its PDF). */
function Status({ statement: s }: { statement: StatementSummary }) {
  const details = standingDetails(s, formatCents);
  return (
    <>
      {/* In an element of its own: the headline (« Contesté », « Payé en partie ») is found by
          itself, apart from the contest's note that may start with the same word. */}
      <span>{standingHeadline(s)}</span>
      {details && (
        <>
          <br />
          <span className={fr.cx('fr-text--sm')}>{details}</span>
        </>
      )}
    </>
  );
}
