import { fr } from '@codegouvfr/react-dsfr';
import type { Envelope } from '../../../api/types';
import { formatDate, formatInt, formatShortDate } from '../../../lib/format';
import { formatTerritory } from '../../../lib/territory';
import { TableFrame } from '../../../ui/TableFrame';

function EnvelopeTable({
  caption,
  envelopes,
  plannedPasses,
}: {
  caption: string;
  envelopes: Envelope[];
  plannedPasses?: number;
}) {
  const total = envelopes.reduce((s, e) => s + e.cap, 0);
  return (
    <TableFrame caption={caption}>
      <thead>
        <tr>
          <th scope="col">Enveloppe</th>
          <th scope="col">Plafond (pass)</th>
          <th scope="col">Date d’effet</th>
          <th scope="col">Territoire</th>
        </tr>
      </thead>
      <tbody>
        {envelopes.map((e) => (
          <tr key={e.id}>
            <th scope="row">{e.name}</th>
            <td className="pn-nowrap">{formatInt(e.cap)}</td>
            <td className="pn-nowrap">{formatShortDate(e.effectiveOn)}</td>
            <td>
              {e.territory.length
                ? e.territory.map((t) => formatTerritory(t)).join(', ')
                : 'Tout le territoire'}
            </td>
          </tr>
        ))}
      </tbody>
      {plannedPasses !== undefined && (
        <tfoot>
          <tr>
            <th scope="row">Total des plafonds</th>
            <td className="pn-nowrap" colSpan={3}>
              {formatInt(total)} sur {formatInt(plannedPasses)} pass prévus
            </td>
          </tr>
        </tfoot>
      )}
    </TableFrame>
  );
}

interface Props {
  asOf: string;
  inForce: Envelope[];
  all: Envelope[];
  plannedPasses?: number;
}

/** Envelopes in force on the chosen date, then the others (later, or replaced) for context. */
export function EnvelopesSection({ asOf, inForce, all, plannedPasses }: Props) {
  const inForceIds = new Set(inForce.map((e) => e.id));
  const others = all
    .filter((e) => !inForceIds.has(e.id))
    .sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn));
  return (
    <section aria-labelledby="enveloppes" className={fr.cx('fr-mt-6w')}>
      <h2 id="enveloppes">Enveloppes</h2>
      {inForce.length === 0 ? (
        <p>Aucune enveloppe en vigueur au {formatDate(asOf)}.</p>
      ) : (
        <EnvelopeTable
          caption={`Enveloppes en vigueur au ${formatDate(asOf)}`}
          envelopes={inForce}
          plannedPasses={plannedPasses}
        />
      )}
      {others.length > 0 && (
        <EnvelopeTable
          caption={`Autres enveloppes (pas en vigueur au ${formatDate(asOf)})`}
          envelopes={others}
        />
      )}
    </section>
  );
}
