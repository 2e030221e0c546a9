import { fr } from '@codegouvfr/react-dsfr';
import type { AuditEntry } from '../../../api/types';
import { formatDateTimeParis } from '../../../lib/format';

/** One entry of a journal (a funder's, the platform's, a place's): when, who, what, on what, the facts. */
export function EntryRow({
  entry: e,
}: {
  entry: Pick<AuditEntry, 'at' | 'actorName' | 'actionLabel' | 'objectLabel' | 'details'>;
}) {
  return (
    <tr>
      <td className="pn-nowrap">
        <time dateTime={e.at}>{formatDateTimeParis(e.at)}</time>
      </td>
      <td className="pn-break">{e.actorName}</td>
      <td>{e.actionLabel}</td>
      <td className="pn-break">{e.objectLabel}</td>
      <td>
        {e.details.length === 0 ? (
          '—'
        ) : (
          <ul className={fr.cx('fr-text--sm', 'fr-mb-0')} style={{ listStyle: 'none', paddingLeft: 0 }}>
            {e.details.map((d) => (
              <li key={d} className="pn-break">
                {d}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
