import type { BookletMovement } from '../../../api/types';
import { formatDateTimeParis } from '../../../lib/format';
import { movementKindLabel } from '../../../lib/labels';
import { TableFrame } from '../../../ui/TableFrame';

interface Props {
  serial: string;
  movements: BookletMovement[];
  /** the funder's prescribers by id, to name both ends of each move */
  names: ReadonlyMap<string, string>;
}

/** A booklet's movements in the order they happened; times are Paris time. */
export function MovementsTable({ serial, movements, names }: Props) {
  // null is the funder's own stock; an id the list does not know is still shown, not hidden.
  const holder = (id: string | null) =>
    id === null ? 'Stock du financeur' : (names.get(id) ?? `Structure inconnue (${id.slice(0, 8)})`);
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
            <td>{movementKindLabel(m.kind)}</td>
            <td>{holder(m.fromId)}</td>
            <td>{holder(m.toId)}</td>
            <td>{m.actorEmail ?? 'Système (chargement ou ligne de commande)'}</td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
