import type { ReactNode } from 'react';
import type { ProgramPhase, ProgramState } from '../../../api/types';
import { formatCents, formatDate, formatInt } from '../../../lib/format';
import { ageRange } from '../../../lib/labels';
import { StatusBadge } from '../../../ui/StatusBadge';

function Figure({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

export function KeyFigures({ state, status }: { state: ProgramState; status: ProgramPhase }) {
  const c = state.calendar;
  const sizes = [...state.bookletSizes].sort((a, b) => a - b);
  return (
    <section aria-labelledby="chiffres-cles">
      <h2 id="chiffres-cles">Chiffres clés</h2>
      <dl className="pn-figures">
        <Figure label="Statut" testId="program-status">
          <StatusBadge status={status} />
        </Figure>
        <Figure label="Pass prévus" testId="planned-passes">
          <span className="pn-nowrap">{formatInt(state.plannedPasses)}</span>
        </Figure>
        <Figure label="Valeur faciale d’un pass">
          <span className="pn-nowrap">{formatCents(state.faceValueCents)}</span>
        </Figure>
        <Figure label="Valeur totale des pass prévus">
          <span className="pn-nowrap">{formatCents(state.plannedPasses * state.faceValueCents)}</span>
        </Figure>
        <Figure label="Carnets">{sizes.length ? `de ${sizes.join(' ou ')} pass` : 'Non précisé'}</Figure>
        <Figure label="Distribution">
          du {formatDate(c.distributionStart)} au {formatDate(c.distributionEnd)}
        </Figure>
        <Figure label="Utilisation des pass">jusqu’au {formatDate(c.usageEnd)}</Figure>
        <Figure label="Clôture">{c.closure ? formatDate(c.closure) : 'Non fixée'}</Figure>
      </dl>

      <p>
        Par bénéficiaire :{' '}
        {state.passesPerBeneficiary === null
          ? 'un carnet'
          : `au plus ${formatInt(state.passesPerBeneficiary)} pass`}
        .
      </p>

      <h3>Publics visés</h3>
      {state.audiences.length === 0 ? (
        <p>Aucun public n’est précisé.</p>
      ) : (
        <ul>
          {state.audiences.map((a) => (
            <li key={a.code}>
              {a.label}
              {ageRange(a) && ` — ${ageRange(a)}`}
            </li>
          ))}
        </ul>
      )}

      {state.reportingDeadlines.length > 0 && (
        <>
          <h3>Échéances de compte rendu</h3>
          <ul>
            {[...state.reportingDeadlines]
              .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
              .map((d) => (
                <li key={`${d.dueOn}-${d.label}`}>
                  {formatDate(d.dueOn)} : {d.label}
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}
