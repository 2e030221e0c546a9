import { fr } from '@codegouvfr/react-dsfr';
import { formatInt } from '../../../lib/format';

export interface Moved {
  /** where the booklets went, as said after "vers": a prescriber's name, or "le stock du financeur" */
  to: string;
  serials: string[];
}

// Enough to check a move by eye; a long list would only slow the page down.
const SHOWN = 500;

/**
 * The outcome of a move, in a live region that is always in the page (RGAA 7.5): the form
 * stays on screen for the next move, so the focus stays where it is and the message is read.
 */
export function MoveResult({ moved }: { moved: Moved | null }) {
  return (
    <div role="status" data-testid="move-result">
      {moved && <Panel moved={moved} />}
    </div>
  );
}

function Panel({ moved: { to, serials } }: { moved: Moved }) {
  const n = serials.length;
  const s = n > 1 ? 's' : '';
  return (
    <div className={fr.cx('fr-alert', 'fr-alert--success', 'fr-mb-4w')}>
      <h3 className={fr.cx('fr-alert__title')}>Carnets déplacés</h3>
      <p>
        {formatInt(n)} carnet{s} déplacé{s} vers {to}.
      </p>
      {n === 1 ? (
        <p>Carnet : {serials[0]}</p>
      ) : (
        <details>
          <summary>Numéros des carnets déplacés</summary>
          <ul>
            {serials.slice(0, SHOWN).map((serial) => (
              <li key={serial}>{serial}</li>
            ))}
          </ul>
          {n > SHOWN && <p>… et {formatInt(n - SHOWN)} autres.</p>}
        </details>
      )}
    </div>
  );
}
