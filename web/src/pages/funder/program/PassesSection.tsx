import { fr } from '@codegouvfr/react-dsfr';
import { Link } from '@tanstack/react-router';
import { allows, PHASE_LABELS } from '../../../../../src/core/program/status';
import type { FinanceSummary, ProgramPhase } from '../../../api/types';
import { formatInt } from '../../../lib/format';
import { PASS_STATUS_LABELS } from '../../../lib/labels';
import { TableFrame } from '../../../ui/TableFrame';

interface Props {
  programId: string;
  passes: FinanceSummary['passes'];
  admin: boolean;
  /** today's status: a closed or suspended programme offers no issuing or allocation */
  phaseToday?: ProgramPhase;
}

/** Passes by status in the order of their life, then any status this page does not know yet. */
function rows(passes: Props['passes']) {
  const known = Object.keys(PASS_STATUS_LABELS);
  const count = (s: string) => passes.find((p) => p.status === s)?.n ?? 0;
  const others = passes.filter((p) => !known.includes(p.status)).map((p) => p.status);
  return [...known, ...others].map((status) => ({ status, n: count(status) }));
}

export function PassesSection({ programId, passes, admin, phaseToday }: Props) {
  // The server refuses what the status forbids; the page does not offer it (unknown: offered).
  const may = (action: 'issue' | 'allocate') => !phaseToday || allows(phaseToday, action);
  const total = passes.reduce((s, p) => s + p.n, 0);
  const params = { programId };
  return (
    <section aria-labelledby="carnets" className={fr.cx('fr-mt-6w')}>
      <h2 id="carnets">Carnets et pass</h2>
      {total === 0 ? (
        <p>Aucun carnet n’a encore été émis pour ce dispositif.</p>
      ) : (
        <TableFrame caption="Pass émis par état, à ce jour">
          <thead>
            <tr>
              <th scope="col">État</th>
              <th scope="col">Pass</th>
            </tr>
          </thead>
          <tbody>
            {rows(passes).map((r) => (
              <tr key={r.status}>
                <th scope="row">{PASS_STATUS_LABELS[r.status] ?? r.status}</th>
                <td className="pn-nowrap">{formatInt(r.n)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total émis</th>
              <td className="pn-nowrap" data-testid="issued-passes">
                {formatInt(total)}
              </td>
            </tr>
          </tfoot>
        </TableFrame>
      )}
      <p>
        <Link to="/financeur/programmes/$programId/carnets" params={params} className={fr.cx('fr-link')}>
          Voir les carnets du dispositif
        </Link>
      </p>
      {admin && phaseToday && !may('issue') && !may('allocate') && (
        <p>
          Aujourd’hui, le dispositif est au statut « {PHASE_LABELS[phaseToday]} » : il n’est plus possible
          d’émettre ni de confier des carnets.
        </p>
      )}
      {admin && (may('issue') || may('allocate')) && (
        <div className="pn-actions">
          {may('issue') && (
            <Link to="/financeur/programmes/$programId/emission" params={params} className={fr.cx('fr-btn')}>
              Émettre des carnets
            </Link>
          )}
          {may('allocate') && (
            <Link
              to="/financeur/programmes/$programId/attribution"
              params={params}
              className={fr.cx('fr-btn', 'fr-btn--secondary')}
            >
              Confier des carnets à un prescripteur
            </Link>
          )}
        </div>
      )}
    </section>
  );
}
