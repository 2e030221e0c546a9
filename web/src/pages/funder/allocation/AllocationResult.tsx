import { formatInt } from '../../../lib/format';
import { SuccessPanel } from '../../../ui/SuccessPanel';

// Enough to check a delivery by eye; a long list would only slow the page down.
const SHOWN = 500;

export function AllocationResult({ to, serials }: { to: string; serials: string[] }) {
  const n = serials.length;
  const shown = serials.slice(0, SHOWN);
  return (
    <SuccessPanel title="Carnets confiés">
      <p>
        {formatInt(n)} carnet{n > 1 ? 's' : ''} confié{n > 1 ? 's' : ''} à {to}.
      </p>
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
