import type { BookletMovement } from '../../../api/types';
import { formatDateTimeParis } from '../../../lib/format';
import { BLOCK_REASON_LABELS, movementKindLabel } from '../../../lib/labels';
import { TableFrame } from '../../../ui/TableFrame';

interface Props {
  serial: string;
  movements: BookletMovement[];
  /** the funder's prescribers by id, to name both ends of each move */
  names: ReadonlyMap<string, string>;
}

/** The kind of a line in words, with a block's reason and what a hand-out replaced. */
function what(m: BookletMovement): string {
  const label = movementKindLabel(m.kind);
  if (m.kind === 'block' && m.reason)
    return `${label} (${BLOCK_REASON_LABELS[m.reason].toLocaleLowerCase('fr')})`;
  if (m.replacesSerial) return `${label}, en remplacement du carnet ${m.replacesSerial}`;
  return label;
}

/** A booklet's history in the order it happened (moves, hand-out, block); times are Paris time. */
export function MovementsTable({ serial, movements, names }: Props) {
  // null is the funder's own stock; an id the list does not know is named by the server, else shown.
  const holder = (id: string | null, name: string | null) =>
    id === null ? 'Stock du financeur' : (names.get(id) ?? name ?? `Structure inconnue (${id.slice(0, 8)})`);
  return (
    <TableFrame caption={`Mouvements du carnet ${serial}`}>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Mouvement</th>
          <th scope="col">De</th>
          <th scope="col">Vers</th>
          <th scope="col">Par</th>
        </tr>
      </thead>
      <tbody>
        {movements.map((m, i) => (
          // The API gives no id: a line is its place in the list, which is replaced whole, never reordered.
          <tr key={i}>
            <td className="pn-nowrap">
              <time dateTime={m.at}>{formatDateTimeParis(m.at)}</time>
            </td>
            <td>{what(m)}</td>
            {/* A block's « De » is who blocked it: the prescriber, else the funder. */}
            <td>{m.kind === 'block' ? (m.fromName ?? '—') : holder(m.fromId, m.fromName)}</td>
            <td>
              {m.kind === 'hand_out' ? 'La personne' : m.kind === 'block' ? '—' : holder(m.toId, m.toName)}
            </td>
            <td>{m.actorEmail ?? 'Système (chargement ou ligne de commande)'}</td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
