import { SESSION_FORMAT_LABELS } from '../../../../src/core/session';
import type { PassStory } from '../../api/types';
import { formatDate, formatDateTimeParis } from '../../lib/format';
import { TableFrame } from '../TableFrame';

/**
 * The sessions a pass paid, cancelled ones included, as the funder's « Retrouver un pass » and
 * the helpdesk's « Trouver un pass » show them.
 */
export function PassSessions({ code, sessions }: { code: string; sessions: PassStory['sessions'] }) {
  if (sessions.length === 0) return <p>Ce pass n’a payé aucune séance.</p>;
  return (
    <TableFrame caption={`Séances payées par le pass ${code}`}>
      <thead>
        <tr>
          <th scope="col">Séance du</th>
          <th scope="col">Lieu</th>
          <th scope="col">Séance</th>
          <th scope="col">Enregistrée le</th>
          <th scope="col">Annulation</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.recordedAt}>
            <td className="pn-nowrap">{formatDate(s.sessionOn)}</td>
            <th scope="row">{s.placeName}</th>
            <td>
              {s.theme}, {s.durationMinutes} min,{' '}
              {(SESSION_FORMAT_LABELS as Record<string, string>)[s.format]?.toLocaleLowerCase('fr') ??
                s.format}
            </td>
            <td className="pn-nowrap">
              <time dateTime={s.recordedAt}>{formatDateTimeParis(s.recordedAt)}</time>
            </td>
            <td>
              {s.cancelledAt ? (
                <>
                  Annulée le <time dateTime={s.cancelledAt}>{formatDateTimeParis(s.cancelledAt)}</time>
                </>
              ) : (
                '—'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
