import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useCheckIntegrity } from '../../../api/audit';
import { isApiError } from '../../../api/client';
import { formatDateTimeParis, formatInt } from '../../../lib/format';

/**
 * The journal's integrity, checked on demand: the whole chain (a gap in the funder's view may be
 * another funder's entry; only the chain tells a deletion), and the last seal to copy and keep
 * outside the platform, so that a trail later cut back and sealed again can be told.
 */
export function IntegrityCheck({ funderId }: { funderId: string }) {
  const check = useCheckIntegrity(funderId);
  const result = check.data;
  return (
    <section aria-labelledby="integrite" className={fr.cx('fr-mb-4w')}>
      <h2 id="integrite" className={fr.cx('fr-h5')}>
        Intégrité du journal
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Chaque action est liée à la précédente par une empreinte, et la plateforme scelle et signe la chaîne
        régulièrement : une action supprimée ou réécrite rompt la chaîne. La vérification relit tout le
        journal.
      </p>
      <Button type="button" priority="secondary" disabled={check.isPending} onClick={() => check.mutate()}>
        Vérifier l’intégrité du journal
      </Button>
      <div role="status" className={fr.cx('fr-mt-2w')}>
        {check.isPending && <p>Vérification de toute la chaîne du journal…</p>}
        {check.isError && (
          <Alert
            severity="error"
            small
            description={
              isApiError(check.error) ? check.error.detail : 'La vérification n’a pas pu se faire. Réessayez.'
            }
          />
        )}
        {result &&
          (result.intact ? (
            <Alert
              severity="success"
              small
              description={`Journal intact : ${formatInt(result.checkedEntries)} actions vérifiées le ${formatDateTimeParis(new Date(check.submittedAt).toISOString())}${result.pendingEntries ? ` (${formatInt(result.pendingEntries)} en cours d’enregistrement, pas encore scellées)` : ''}.`}
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
