import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { formatInt } from '../../../lib/format';
import { SuccessPanel } from '../../../ui/SuccessPanel';

// Enough to check a delivery by eye; a long list would only slow the page down.
const SHOWN = 500;

export function AllocationResult({
  to,
  serials,
  unfunded,
}: {
  to: string;
  serials: string[];
  unfunded: string[];
}) {
  const n = serials.length;
  const shown = serials.slice(0, SHOWN);
  return (
    <SuccessPanel title="Carnets confiés">
      <p>
        {formatInt(n)} carnet{n > 1 ? 's' : ''} confié{n > 1 ? 's' : ''} à {to}.
      </p>
      {unfunded.length > 0 && <UnfundedWarning to={to} unfunded={unfunded} all={unfunded.length === n} />}
      {n === 1 ? (
        <p>Carnet : {serials[0]}</p>
      ) : (
        <ul>
          <li>Premier carnet : {serials[0]}</li>
          <li>Dernier carnet : {serials.at(-1)}</li>
        </ul>
      )}
      {n > 1 && (
        <details>
          <summary>Numéros des carnets confiés</summary>
          <ul>
            {shown.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          {n > SHOWN && <p>… et {formatInt(n - SHOWN)} autres, dans l’ordre des numéros.</p>}
        </details>
      )}
    </SuccessPanel>
  );
}

/**
 * Booklets may be entrusted before their funding arrives, but the prescriber cannot hand them
 * out until then: said now, rather than at the front desk with the person waiting.
 */
function UnfundedWarning({ to, unfunded, all }: { to: string; unfunded: string[]; all: boolean }) {
  const n = unfunded.length;
  const which = all
    ? n > 1
      ? 'Aucun de ces carnets n’est encore financé'
      : 'Ce carnet n’est pas encore financé'
    : `${formatInt(n)} de ces carnets ${n > 1 ? 'ne sont' : 'n’est'} pas encore financé${n > 1 ? 's' : ''}`;
  return (
    <Alert
      severity="warning"
      small
      className={fr.cx('fr-mb-2w')}
      description={
        <>
          {which} : {to} ne pourra {n > 1 ? 'les' : 'le'} remettre qu’une fois le versement enregistré (page «
          Versement » du dispositif).
          {!all && n <= 20 && <> Carnets concernés : {unfunded.join(', ')}.</>}
        </>
      }
    />
  );
}
