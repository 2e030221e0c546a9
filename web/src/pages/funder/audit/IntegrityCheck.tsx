import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import {
  type AuditIntegrityCheck,
  useIntegrityCheck,
  useLatestIntegrityChecks,
  useStartIntegrityCheck,
} from '../../../api/audit';
import { isApiError } from '../../../api/client';
import { formatDateTimeParis, formatInt } from '../../../lib/format';
import { IntegrityProgress } from './IntegrityProgress';

/**
 * The journal's integrity, checked on demand: the whole chain (a gap in the funder's view may be
 * another funder's entry; only the chain tells a deletion), and the last seal to copy and keep
 * outside the platform, so that a trail later cut back and sealed again can be told. The check
 * runs on the server in the background, one run for everyone: the page follows its progress.
 */
export function IntegrityCheck({ funderId }: { funderId: string }) {
  const latest = useLatestIntegrityChecks(funderId);
  const start = useStartIntegrityCheck(funderId);
  const [started, setStarted] = useState<string | null>(null);
  // The page reopened while a run goes on (started here or by anyone else): it follows that run.
  const followed = useIntegrityCheck(funderId, started ?? latest.data?.running?.id ?? null);
  const run = followed.data;
  const running = start.isPending || run?.state === 'running';
  const result = run?.result;
  const last = run ? null : latest.data?.lastFinished;
  const failure = start.error ?? followed.error;
  return (
    <section aria-labelledby="integrite" className={fr.cx('fr-mb-4w')}>
      <h2 id="integrite" className={fr.cx('fr-h5')}>
        Intégrité du journal
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Chaque action est liée à la précédente par une empreinte, et la plateforme scelle et signe la chaîne
        régulièrement : une action supprimée ou réécrite rompt la chaîne. La vérification relit tout le
        journal, sur le serveur : vous pouvez quitter la page et revenir la suivre.
      </p>
      {last && <p className={fr.cx('fr-text--sm')}>{lastWords(last)}</p>}
      <Button
        type="button"
        priority="secondary"
        disabled={running}
        onClick={() => start.mutate(undefined, { onSuccess: (r) => setStarted(r.id) })}
      >
        Vérifier l’intégrité du journal
      </Button>
      <div role="status" className={fr.cx('fr-mt-2w')}>
        {start.isPending && <p>Lancement de la vérification…</p>}
        {run?.state === 'running' && (
          <IntegrityProgress checked={run.checkedEntries} total={run.totalEntries} />
        )}
        {failure && !running && (
          <Alert
            severity="error"
            small
            description={
              isApiError(failure) ? failure.detail : 'La vérification n’a pas pu se faire. Réessayez.'
            }
          />
        )}
        {run?.state === 'failed' && <Alert severity="error" small description={run.problem ?? ''} />}
        {result &&
          (result.intact ? (
            <Alert
              severity="success"
              small
              description={`Journal intact : ${formatInt(result.checkedEntries)} actions vérifiées le ${formatDateTimeParis(run.finishedAt ?? run.startedAt)}${result.pendingEntries ? ` (${formatInt(result.pendingEntries)} en cours d’enregistrement, pas encore scellées)` : ''}.`}
            />
          ) : (
            <Alert severity="error" small description={result.problem ?? 'Le journal a été modifié.'} />
          ))}
      </div>
      {result?.seal && (
        <details className={fr.cx('fr-mt-2w')}>
          <summary>Dernier sceau, à conserver hors de la plateforme</summary>
          <dl>
            <dt>Sceau</dt>
            <dd>
              n° {result.seal.seq}, du {formatDateTimeParis(result.seal.sealedAt)}, jusqu’à l’action n°{' '}
              {result.seal.lastEntryId ?? '—'}
            </dd>
            <dt>Empreinte</dt>
            <dd className="pn-break">{result.seal.lastHash}</dd>
            <dt>Signature</dt>
            <dd className="pn-break">{result.seal.signature ?? 'aucune (sceau antérieur aux signatures)'}</dd>
            <dt>Clé publique</dt>
            <dd>
              <pre className="pn-break">{result.publicKeyPem.trim()}</pre>
            </dd>
          </dl>
        </details>
      )}
    </section>
  );
}

/** The last run that ended, as the page opens: « Dernière vérification : intacte, le … ». */
function lastWords(run: AuditIntegrityCheck): string {
  const when = `le ${formatDateTimeParis(run.finishedAt ?? run.startedAt)}`;
  if (run.state === 'intact')
    return `Dernière vérification : intacte, ${when} (${formatInt(run.checkedEntries)} actions).`;
  if (run.state === 'broken') return `Dernière vérification : journal modifié ou amputé, ${when}.`;
  return `Dernière vérification : pas allée jusqu’au bout, ${when}.`;
}
