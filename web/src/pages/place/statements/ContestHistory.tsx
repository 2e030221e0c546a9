import { fr } from '@codegouvfr/react-dsfr';
import { useState } from 'react';
import { useStatement } from '../../../api/statements';
import { formatDate, todayInParis } from '../../../lib/format';
import { contestExchanges, exchangeText } from './contestHistory';

const dayOf = (iso: string) => formatDate(todayInParis(new Date(iso)));

/**
 * Every contest of a statement and every answer of its funder, in order, in a disclosure: the
 * lists carry the latest contest only, and a statement contested again used to lose the earlier
 * exchange from sight. The statement's history is read when the disclosure is first opened.
 */
export function ContestHistory({ id, number }: { id: string; number: string }) {
  const [open, setOpen] = useState(false);
  const statement = useStatement(id, open);
  const exchanges = statement.data ? contestExchanges(statement.data.events) : [];
  return (
    <details className={fr.cx('fr-mt-1v')} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className={fr.cx('fr-text--sm', 'fr-mb-0')}>
        Historique de la contestation<span className={fr.cx('fr-sr-only')}> du relevé {number}</span>
      </summary>
      {open && (
        <div className={fr.cx('fr-text--sm', 'fr-mb-0')}>
          {statement.isPending && <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>Chargement…</p>}
          {statement.error && (
            <p className={fr.cx('fr-error-text')}>
              L’historique n’a pas pu être chargé : refermez puis rouvrez pour réessayer.
            </p>
          )}
          {statement.data &&
            (exchanges.length ? (
              <ol className={fr.cx('fr-mb-0')}>
                {exchanges.map((x, i) => (
                  // The exchange only grows, in order: its position names a message.
                  <li key={i}>{exchangeText(x, dayOf)}</li>
                ))}
              </ol>
            ) : (
              <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>Aucune contestation enregistrée.</p>
            ))}
        </div>
      )}
    </details>
  );
}
