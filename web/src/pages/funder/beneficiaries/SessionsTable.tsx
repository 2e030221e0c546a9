import { fr } from '@codegouvfr/react-dsfr';
import type { BeneficiaryRecord } from '../../../api/types';
import { counted, formatDate } from '../../../lib/format';
import { TableFrame } from '../../../ui/TableFrame';
import { FORMAT_LABELS, formatMinutes } from '../../place/redeem/labels';

/** The sessions the person's passes paid, as the places recorded them (cancelled ones left out). */
export function SessionsTable({ sessions }: { sessions: BeneficiaryRecord['sessions'] }) {
  return (
    <section aria-labelledby="seances" className={fr.cx('fr-mt-6w')}>
      <h2 id="seances">Séances</h2>
      {sessions.length === 0 ? (
        <p>Aucun pass de cette personne n’a encore été utilisé.</p>
      ) : (
        <TableFrame
          stacked
          captionHidden
          caption={counted(sessions.length, 'séance payée par ses pass', 'séances payées par ses pass')}
        >
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Lieu</th>
              <th scope="col">Thème</th>
              <th scope="col">Durée</th>
              <th scope="col">Format</th>
              <th scope="col">Carnet</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s, i) => (
              // Two sessions of one place the same day may be alike: the order tells them apart.
              <tr key={i}>
                <td className="pn-nowrap" data-label="Date">
                  {formatDate(s.sessionOn)}
                </td>
                <td data-label="Lieu">{s.placeName}</td>
                <td data-label="Thème">{s.theme}</td>
                <td className="pn-nowrap" data-label="Durée">
                  {formatMinutes(s.durationMinutes)}
                </td>
                <td data-label="Format">{FORMAT_LABELS[s.format]}</td>
                <td className="pn-nowrap" data-label="Carnet">
                  {s.serial}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </section>
  );
}
