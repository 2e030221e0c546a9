import { Button } from '@codegouvfr/react-dsfr/Button';
import type { HandedOutBooklet } from '../../api/types';
import { formatInt, formatShortDate } from '../../lib/format';
import { TableFrame } from '../../ui/TableFrame';

/**
 * The booklets the structure handed out, newest first: a person who lost theirs is found by
 * the day and their initials, and the booklet blocked from here.
 */
export function HandedOutTable({
  booklets,
  onBlock,
}: {
  booklets: HandedOutBooklet[];
  onBlock: (serial: string) => void;
}) {
  if (booklets.length === 0) return <p>Votre structure n’a encore remis aucun carnet.</p>;
  return (
    <TableFrame stacked caption="Carnets remis par votre structure, des plus récents aux plus anciens">
      <thead>
        <tr>
          <th scope="col">Carnet</th>
          <th scope="col">Remis le</th>
          <th scope="col">Bénéficiaire</th>
          <th scope="col">Pass utilisés</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {booklets.map((b) => (
          <tr key={b.serial}>
            <th scope="row" className="pn-nowrap" data-label="Carnet">
              {b.serial}
            </th>
            <td className="pn-nowrap" data-label="Remis le">
              {formatShortDate(b.handedOutOn)}
            </td>
            <td data-label="Bénéficiaire">
              <abbr title="Initiales du bénéficiaire">{b.initials}</abbr>
            </td>
            <td className="pn-nowrap" data-label="Pass utilisés">
              {/* A replacement's struck-out passes are not the person's to use: not counted in. */}
              {formatInt(b.passesUsed)} sur {formatInt(b.passes - b.passesStruck)}
              {b.passesStruck > 0 &&
                ` (${formatInt(b.passesStruck)} ${b.passesStruck === 1 ? 'barré' : 'barrés'})`}
            </td>
            <td>
              {b.status === 'blocked' ? (
                'Bloqué'
              ) : (
                <Button
                  type="button"
                  priority="tertiary"
                  size="small"
                  onClick={() => onBlock(b.serial)}
                  nativeButtonProps={{ 'aria-label': `Bloquer le carnet ${b.serial}` }}
                >
                  Bloquer
                </Button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
