import type { EarlierHandOut } from '../../api/types';
import { formatDate, formatInt } from '../../lib/format';
import { TableFrame } from '../../ui/TableFrame';

/** What a person already received from the programme, shown when a new hand-out is refused. */
export function EarlierHandOuts({ handOuts, caption }: { handOuts: EarlierHandOut[]; caption?: string }) {
  const named = handOuts.some((h) => h.beneficiaryName);
  return (
    <TableFrame caption={caption ?? 'Carnets déjà remis à cette personne pour ce dispositif'}>
      <thead>
        <tr>
          {named && <th scope="col">Personne</th>}
          <th scope="col">Carnet</th>
          <th scope="col">Remis le</th>
          <th scope="col">Par</th>
          <th scope="col">Pass</th>
          <th scope="col">État</th>
        </tr>
      </thead>
      <tbody>
        {handOuts.map((h) => (
          <tr key={h.serial}>
            {named && <td>{h.beneficiaryName}</td>}
            <th scope="row">{h.serial}</th>
            <td>{formatDate(h.handedOutOn)}</td>
            <td>{h.prescriber ?? 'Structure inconnue'}</td>
            <td>{formatInt(h.passes)}</td>
            <td>{stateOf(h)}</td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}

/** Valid, or blocked and what replaced it: a lost booklet is replaced, not handed out anew. */
function stateOf(h: EarlierHandOut): string {
  if (!h.blockedOn) return 'Valide';
  return h.replacedBy
    ? `Bloqué le ${formatDate(h.blockedOn)}, remplacé par le carnet ${h.replacedBy}`
    : `Bloqué le ${formatDate(h.blockedOn)}, pas encore remplacé`;
}
