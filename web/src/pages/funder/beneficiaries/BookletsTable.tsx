import { fr } from '@codegouvfr/react-dsfr';
import type { BeneficiaryRecord } from '../../../api/types';
import { counted, formatDate, formatInt } from '../../../lib/format';
import { BLOCK_REASON_LABELS } from '../../../lib/labels';
import { TableFrame } from '../../../ui/TableFrame';

type Booklet = BeneficiaryRecord['booklets'][number];

function state(b: Booklet): string {
  const replaces = b.replacesSerial ? `, en remplacement du carnet ${b.replacesSerial}` : '';
  if (b.status !== 'blocked') return `Remis${replaces}`;
  const why = b.blockReason ? ` (${BLOCK_REASON_LABELS[b.blockReason].toLocaleLowerCase('fr')})` : '';
  return `Bloqué${b.blockedOn ? ` le ${formatDate(b.blockedOn)}` : ''}${why}${replaces}`;
}

/** The booklets handed to the person, and how many of their passes were used. */
export function BookletsTable({ booklets }: { booklets: BeneficiaryRecord['booklets'] }) {
  return (
    <section aria-labelledby="carnets" className={fr.cx('fr-mt-6w')}>
      <h2 id="carnets">Carnets</h2>
      {booklets.length === 0 ? (
        <p>Aucun carnet n’a été remis à cette personne.</p>
      ) : (
        // Stacked: seven columns wrap at a laptop's width rather than hide the last ones sideways.
        <TableFrame stacked captionHidden caption={counted(booklets.length, 'carnet remis', 'carnets remis')}>
          <thead>
            <tr>
              <th scope="col">Numéro</th>
              <th scope="col">Dispositif</th>
              <th scope="col">Remis le</th>
              <th scope="col">Par</th>
              <th scope="col">Pass utilisés</th>
              <th scope="col">Valable jusqu’au</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {booklets.map((b) => (
              <tr key={b.serial}>
                <th scope="row" className="pn-nowrap" data-label="Numéro">
                  {b.serial}
                </th>
                <td data-label="Dispositif">{b.programName}</td>
                <td className="pn-nowrap" data-label="Remis le">
                  {formatDate(b.handedOutOn)}
                </td>
                <td data-label="Par">{b.prescriberName ?? '—'}</td>
                <td className="pn-nowrap" data-label="Pass utilisés">
                  {formatInt(b.passesUsed)} sur {formatInt(b.passes)}
                </td>
                <td className="pn-nowrap" data-label="Valable jusqu’au">
                  {formatDate(b.validUntil)}
                </td>
                <td data-label="État">{state(b)}</td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </section>
  );
}
