import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { statementPeriod } from '../../../../../src/core/statement';
import { type StatementSummary, useIssueFinalStatement } from '../../../api/statements';
import { formatCents } from '../../../lib/format';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { useOneAtATime } from '../../../ui/useOneAtATime';
import { ProblemAlert } from '../qualification/ProblemAlert';

/**
 * The final statement of a place that stopped (suspended, or withdrawn from a programme): its
 * sessions not stated yet, up to today, stated now rather than on the 1st of next month, so that
 * the funder settles it and the place closes its accounts. One button per programme the place
 * no longer takes, each asking for confirmation; the server refuses what it would not issue.
 */
export function FinalStatements({
  funderId,
  placeId,
  placeName,
  programs,
}: {
  funderId: string;
  placeId: string;
  placeName: string;
  /** the programmes whose passes the place took and no longer takes */
  programs: { id: string; name: string }[];
}) {
  const issue = useIssueFinalStatement(funderId);
  const send = useOneAtATime(issue);
  const [asking, setAsking] = useState<string | null>(null);
  const [issued, setIssued] = useState<StatementSummary | null>(null);
  if (programs.length === 0) return null;
  const confirm = (programId: string) => {
    send({ placeId, programId })
      ?.then(setIssued)
      .catch(() => {})
      .finally(() => setAsking(null));
  };
  return (
    <section aria-labelledby="releve-final" className={fr.cx('fr-mt-4w')}>
      <h2 id="releve-final">Relevé final</h2>
      <p>
        Le lieu ne prend plus les pass de ces dispositifs. Plutôt que d’attendre le relevé mensuel du 1er du
        mois prochain, vous pouvez établir dès maintenant son relevé final : vous le paierez comme les autres,
        et le lieu pourra clore ses comptes.
      </p>
      {issue.isPending && <p role="status">Établissement du relevé final…</p>}
      {issued && (
        <Alert
          severity="success"
          small
          className="fr-mb-2w"
          description={
            <>
              Relevé final n° {issued.number} émis pour « {issued.programName} »,{' '}
              {statementPeriod(issued.month, issued.finalOn)} : {issued.redemptionsCount} séance
              {issued.redemptionsCount > 1 ? 's' : ''}, {formatCents(issued.totalCents)}. Les administrateurs
              du lieu en sont avertis par e-mail. <Link to="/financeur/releves">Vos relevés</Link>
            </>
          }
        />
      )}
      {!issue.isPending && <ProblemAlert error={issue.error} />}
      <ul className={fr.cx('fr-raw-list')}>
        {programs.map((p) => (
          <li key={p.id} className={fr.cx('fr-mb-2w')}>
            {asking === p.id ? (
              <InlineConfirm
                question={`Établir maintenant le relevé final de « ${placeName} » pour « ${p.name} » ? Toutes ses séances pas encore relevées, jusqu’à aujourd’hui, y figureront, sous le prochain numéro de vos relevés ; ses administrateurs le recevront par e-mail, et le relevé mensuel n’aura plus rien à reprendre pour ce lieu ce mois-ci.`}
                confirmLabel="Oui, établir le relevé final"
                keepLabel="Annuler"
                pending={issue.isPending}
                onConfirm={() => confirm(p.id)}
                onKeep={() => setAsking(null)}
              />
            ) : (
              <>
                <span className={fr.cx('fr-mr-2w')}>{p.name}</span>
                <Button
                  type="button"
                  size="small"
                  priority="secondary"
                  disabled={issue.isPending}
                  onClick={() => {
                    issue.reset();
                    setIssued(null);
                    setAsking(p.id);
                  }}
                >
                  Établir le relevé final
                  <span className={fr.cx('fr-sr-only')}> pour « {p.name} »</span>
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
