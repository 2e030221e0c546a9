import { fr } from '@codegouvfr/react-dsfr';
import type { ProgramSummary, StockBooklet } from '../../api/types';
import { formatInt } from '../../lib/format';
import { TableFrame } from '../../ui/TableFrame';

interface Props {
  organisationName: string;
  booklets: StockBooklet[];
  programs: ProgramSummary[];
}

export function StockTable({ organisationName, booklets, programs }: Props) {
  if (booklets.length === 0) {
    return <p>Aucun carnet en stock : votre financeur vous en confiera.</p>;
  }
  const nameOf = (id: string) => programs.find((p) => p.id === id)?.name ?? 'Dispositif';
  const sorted = [...booklets].sort((a, b) => a.serial.localeCompare(b.serial));
  const n = booklets.length;
  return (
    <TableFrame
      caption={`${formatInt(n)} carnet${n > 1 ? 's' : ''} détenu${n > 1 ? 's' : ''} par ${organisationName}, pas encore remis`}
    >
      <thead>
        <tr>
          <th scope="col">Numéro du carnet</th>
          <th scope="col">Pass</th>
          <th scope="col">Dispositif</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((b) => (
          <tr key={b.serial}>
            <th scope="row" className="pn-nowrap">
              {b.serial}
            </th>
            <td>{b.size}</td>
            <td>{nameOf(b.programId)}</td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}

/** The stock's size near the forms; the list itself can be long, so it comes last on the page. */
export function StockCount({ n }: { n: number }) {
  if (n === 0) return <p>Votre structure n’a aucun carnet en stock pour le moment.</p>;
  return (
    <p>
      Votre structure a {formatInt(n)} carnet{n > 1 ? 's' : ''} en stock.{' '}
      <a href="#stock" className={fr.cx('fr-link')}>
        Voir la liste des carnets en stock
      </a>
    </p>
  );
}
