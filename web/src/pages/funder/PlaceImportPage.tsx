import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import {
  type PlaceImport,
  type PlaceImportLine,
  usePlaceImport,
  useStartPlaceImport,
} from '../../api/placeImports';
import { useSession } from '../../api/session';
import { counted, formatInt } from '../../lib/format';
import { funderMembership } from '../../ui/roles';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { AdminOnly } from './AdminOnly';

const TITLE = 'Importer des lieux';

const STATUS_LABELS: Record<PlaceImportLine['status'], string> = {
  created: 'Créé',
  updated: 'Mis à jour',
  unchanged: 'Inchangé',
  rejected: 'Rejeté',
};

/**
 * Importing places from a file in the national standard of places of digital mediation
 * (issue 11, point 6): the file is checked first (a simulation that writes nothing, with its
 * report line by line), then imported; the server works through it and this page follows.
 */
export function PlaceImportPage() {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const membership = funderMembership(session);
  if (!membership) return null;
  return (
    <>
      <h1>{TITLE}</h1>
      {membership.funderName && <p className={fr.cx('fr-text--lead')}>{membership.funderName}</p>}
      <p>
        Importez les lieux de médiation numérique publiés par un réseau régional, au format du standard
        national des lieux de médiation numérique (fichier CSV ou JSON). Les lieux importés rejoignent vos
        lieux sans être qualifiés : vous les qualifiez ensuite pour vos dispositifs. Importer deux fois le
        même fichier ne change rien.
      </p>
      <AdminOnly
        funderId={membership.funderId}
        description="Seuls les administrateurs du financeur peuvent importer des lieux."
      >
        <ImportForm funderId={membership.funderId} />
      </AdminOnly>
    </>
  );
}

function ImportForm({ funderId }: { funderId: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useStartPlaceImport(funderId);
  const job = usePlaceImport(funderId, jobId);
  const current = job.data;
  const running = start.isPending || current?.status === 'running';
  // Set by the first click, before React draws the buttons disabled: a double click starts one job.
  const starting = useRef(false);
  const run = (dryRun: boolean) => {
    if (!file || starting.current) return;
    starting.current = true;
    setJobId(null);
    start.mutate(
      { file, dryRun },
      {
        onSuccess: ({ id }) => setJobId(id),
        onSettled: () => {
          starting.current = false;
        },
      },
    );
  };
  const startError = start.error && isApiError(start.error) ? start.error.detail : start.error?.message;
  return (
    <>
      <section aria-labelledby="choisir-fichier" className={fr.cx('fr-mt-4w')}>
        <h2 id="choisir-fichier">1. Choisir le fichier</h2>
        <Upload
          label="Fichier des lieux"
          hint="Format CSV ou JSON du standard des lieux de médiation numérique."
          state={startError ? 'error' : 'default'}
          stateRelatedMessage={startError}
          nativeInputProps={{
            accept: '.csv,.json,text/csv,application/json',
            onChange: (e) => {
              setFile(e.target.files?.[0] ?? null);
              setJobId(null);
            },
          }}
        />
        <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mt-3w')}>
          <Button type="button" priority="secondary" disabled={!file || running} onClick={() => run(true)}>
            Vérifier le fichier (simulation)
          </Button>
          <Button
            type="button"
            disabled={!file || running || !(current?.dryRun && current.status === 'done')}
            onClick={() => run(false)}
          >
            Importer les lieux
          </Button>
        </div>
        {file && !current && !running && (
          <p className={fr.cx('fr-text--sm')}>
            Vérifiez d’abord le fichier : la simulation montre ce que l’import ferait, sans rien enregistrer.
          </p>
        )}
      </section>
      {current && <Progress job={current} />}
      {current?.status === 'done' && <Report job={current} />}
    </>
  );
}

function Progress({ job }: { job: PlaceImport }) {
  // « une vérification », « un import »: the words agree with each.
  const what = job.dryRun ? 'Vérification' : 'Import';
  const done = job.dryRun ? 'Vérification terminée' : 'Import terminé';
  if (job.status === 'failed')
    return (
      <Alert
        className={fr.cx('fr-mt-4w')}
        severity="error"
        title={`${what} impossible`}
        description={job.error ?? 'Le fichier n’a pas pu être lu.'}
      />
    );
  const total = Math.max(job.expected, job.processed, 1);
  const treated = counted(job.processed, 'ligne traitée', 'lignes traitées');
  return (
    <section aria-labelledby="avancement" className={fr.cx('fr-mt-4w')}>
      <h2 id="avancement">{job.dryRun ? '2. Vérification du fichier' : '3. Import'}</h2>
      <label htmlFor="avancement-barre">
        {job.status === 'running'
          ? `${what} en cours : ${treated} sur environ ${formatInt(total)}`
          : `${done} : ${treated}`}
      </label>
      <progress
        id="avancement-barre"
        max={total}
        value={job.status === 'running' ? job.processed : total}
        style={{ display: 'block', width: '100%' }}
      />
      <p role="status" className={fr.cx('fr-sr-only')}>
        {job.status === 'done' ? `${done}.` : ''}
      </p>
    </section>
  );
}

function Report({ job }: { job: PlaceImport }) {
  const c = job.counts;
  const shown = job.lines.filter((l) => l.status === 'rejected' || l.notes.length > 0);
  return (
    <section aria-labelledby="rapport" className={fr.cx('fr-mt-4w')}>
      <h2 id="rapport">
        {job.dryRun ? 'Rapport de la simulation (rien n’est enregistré)' : 'Rapport de l’import'}
      </h2>
      <ul data-testid="import-counts">
        <li>
          {c.created} lieu{c.created > 1 ? 'x' : ''}{' '}
          {job.dryRun ? 'à créer' : 'créé' + (c.created > 1 ? 's' : '')}
        </li>
        <li>
          {c.updated} lieu{c.updated > 1 ? 'x' : ''} {job.dryRun ? 'à mettre à jour' : 'mis à jour'}
        </li>
        <li>
          {c.unchanged} lieu{c.unchanged > 1 ? 'x' : ''} inchangé{c.unchanged > 1 ? 's' : ''}
        </li>
        <li>
          {c.rejected} ligne{c.rejected > 1 ? 's' : ''} rejetée{c.rejected > 1 ? 's' : ''}
        </li>
      </ul>
      {shown.length > 0 && (
        <TableFrame caption="Lignes rejetées ou reprises en partie">
          <thead>
            <tr>
              <th scope="col">Ligne</th>
              <th scope="col">Lieu</th>
              <th scope="col">Résultat</th>
              <th scope="col">Champ et motif</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((l) => (
              <tr key={l.line}>
                <td>{l.line}</td>
                <td>{l.name ?? l.externalId ?? '—'}</td>
                <td>{STATUS_LABELS[l.status]}</td>
                <td>
                  <ul className={fr.cx('fr-m-0')}>
                    {l.reason && (
                      <li>
                        <strong>{l.field}</strong> : {l.reason}
                      </li>
                    )}
                    {l.notes.map((n) => (
                      <li key={`${n.field}${n.reason}`}>
                        <strong>{n.field}</strong> : {n.reason}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </section>
  );
}
