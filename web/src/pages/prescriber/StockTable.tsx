import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
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
              {!b.funded && (
                <>
                  {' '}
                  <Badge as="span" small severity="warning">
                    Pas encore financé
                  </Badge>
                </>
              )}
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
export function StockCount({ booklets }: { booklets: StockBooklet[] }) {
  const n = booklets.length;
  if (n === 0) return <p>Votre structure n’a aucun carnet en stock pour le moment.</p>;
  const unfunded = booklets.filter((b) => !b.funded).length;
  return (
    <p>
      Votre structure a {formatInt(n)} carnet{n > 1 ? 's' : ''} en stock
      {unfundedNote(unfunded, n)}.{' '}
      <a href="#stock" className={fr.cx('fr-link')}>
        Voir la liste des carnets en stock
      </a>
    </p>
  );
}

/** How many of the stock's booklets wait for a funding (they cannot be handed out until then). */
function unfundedNote(unfunded: number, n: number): string {
  if (unfunded === 0) return '';
  const after = 'après le versement du financeur';
  if (unfunded < n)
    return `, dont ${formatInt(unfunded)} pas encore financé${unfunded > 1 ? 's' : ''}, à remettre ${after}`;
  return n > 1
    ? `, aucun encore financé : ils ne pourront être remis qu’${after}`
    : `, pas encore financé : il ne pourra être remis qu’${after}`;
}
