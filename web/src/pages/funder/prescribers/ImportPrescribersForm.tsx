import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type ChangeEvent, useRef, useState } from 'react';
import { isApiError } from '../../../api/client';
import { useImportPrescribers } from '../../../api/prescribers';
import type { PrescriberImportReport } from '../../../api/types';
import { Loading } from '../../../ui/Loading';
import { SuccessPanel } from '../../../ui/SuccessPanel';
import { TableFrame } from '../../../ui/TableFrame';

const FIELD_LABELS: Record<string, string> = {
  name: 'Nom',
  kind: 'Type',
  siret: 'SIRET',
  commune: 'Commune',
};

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** The file's bytes in base64, as the API takes them. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function problemOf(error: unknown): string {
  if (!isApiError(error)) return 'Le fichier n’a pas pu être envoyé. Réessayez.';
  return error.errors.map((e) => e.message).join(' ') || error.detail;
}

/**
 * Many prescribers at once (issue 11, point 2): the admin chooses a CSV or XLSX file, reads
 * the dry run's report line by line, then imports the lines that can be. The same file
 * imported again creates nothing: its lines are reported unchanged.
 */
export function ImportPrescribersForm({ funderId }: { funderId: string }) {
  const mutation = useImportPrescribers(funderId);
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [report, setReport] = useState<PrescriberImportReport | null>(null);
  // Set by the first click, before React draws the button disabled: a double click imported
  // the file twice, and the page showed the second answer (« 0 prescripteur importé »).
  const importing = useRef(false);

  const check = async (ev: ChangeEvent<HTMLInputElement>) => {
    const chosen = ev.target.files?.[0];
    importing.current = false;
    setReport(null);
    mutation.reset();
    if (!chosen) return setFile(null);
    const sent = { fileName: chosen.name, contentBase64: await base64Of(chosen) };
    setFile(sent);
    mutation.mutate({ ...sent, dryRun: true }, { onSuccess: setReport });
  };
  const apply = () => {
    if (!file || importing.current) return;
    importing.current = true;
    mutation.mutate(
      { ...file, dryRun: false },
      {
        onSuccess: setReport,
        onSettled: () => {
          importing.current = false;
        },
      },
    );
  };

  const toCreate = report?.dryRun ? report.counts.created : 0;
  return (
    <>
      <p>
        Le fichier (.csv ou .xlsx) a une première ligne qui nomme ses colonnes : <strong>Nom</strong>{' '}
        (obligatoire), <strong>Type</strong> (Mission locale, CCAS, France Travail, Association, Établissement
        scolaire — « Collège » ou « Lycée » y sont rangés —, Mairie, Médiathèque, Autre),{' '}
        <strong>SIRET</strong> (facultatif), <strong>Commune</strong> et <strong>Code postal</strong>. Rien
        n’est enregistré avant que vous ayez vu le rapport.
      </p>
      <div className={fr.cx('fr-upload-group', 'fr-mb-3w')}>
        <label className={fr.cx('fr-label')} htmlFor="fichier-prescripteurs">
          Fichier des prescripteurs
          <span className={fr.cx('fr-hint-text')}>Formats acceptés : .csv, .xlsx.</span>
        </label>
        <input
          className={fr.cx('fr-upload')}
          type="file"
          id="fichier-prescripteurs"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={check}
          disabled={mutation.isPending}
        />
      </div>
      {mutation.isPending && (
        <div className={fr.cx('fr-mb-3w')}>
          <Loading
            what={
              report || !file ? 'Import des prescripteurs en cours…' : `Vérification de « ${file.fileName} »…`
            }
          />
          <progress aria-label="Avancement" />
        </div>
      )}
      {mutation.isError && (
        <Alert
          severity="error"
          title="Fichier refusé"
          description={problemOf(mutation.error)}
          className={fr.cx('fr-mb-3w')}
          as="h3"
        />
      )}
      {report && !report.dryRun && (
        <SuccessPanel
          title={`${plural(report.counts.created, 'prescripteur importé', 'prescripteurs importés')}`}
          as="h3"
        >
          <p>
            {plural(report.counts.unchanged, 'ligne déjà enregistrée', 'lignes déjà enregistrées')},{' '}
            {plural(report.counts.rejected, 'ligne refusée', 'lignes refusées')}. Les prescripteurs importés
            figurent dans la liste ci-dessus.
          </p>
        </SuccessPanel>
      )}
      {report && <ReportTable report={report} />}
      {report?.dryRun && (
        <Button type="button" onClick={apply} disabled={toCreate === 0 || mutation.isPending}>
          {toCreate === 0
            ? 'Aucun prescripteur à importer'
            : `Importer ${plural(toCreate, 'prescripteur', 'prescripteurs')}`}
        </Button>
      )}
    </>
  );
}

const STATUS = {
  created: { dry: 'À créer', done: 'Créé', severity: 'success' },
  unchanged: { dry: 'Déjà enregistré', done: 'Déjà enregistré', severity: 'info' },
  rejected: { dry: 'Refusé', done: 'Refusé', severity: 'error' },
} as const;

function ReportTable({ report }: { report: PrescriberImportReport }) {
  const { lines, created, unchanged, rejected } = report.counts;
  const caption = `${report.dryRun ? 'Vérification' : 'Import'} de « ${report.fileName} » : ${plural(lines, 'ligne', 'lignes')}, ${created} ${report.dryRun ? 'à créer' : 'créée(s)'}, ${unchanged} déjà enregistrée(s), ${rejected} refusée(s)`;
  return (
    <TableFrame caption={caption}>
      <thead>
        <tr>
          <th scope="col">Ligne</th>
          <th scope="col">Structure</th>
          <th scope="col">Résultat</th>
          <th scope="col">Motif</th>
        </tr>
      </thead>
      <tbody>
        {report.lines.map((l) => (
          <tr key={l.line}>
            <td>{l.line}</td>
            <th scope="row">{l.name ?? '—'}</th>
            <td>
              <span className={fr.cx('fr-badge', 'fr-badge--sm', `fr-badge--${STATUS[l.status].severity}`)}>
                {report.dryRun ? STATUS[l.status].dry : STATUS[l.status].done}
              </span>
            </td>
            <td>
              {l.errors.length === 0
                ? '—'
                : l.errors.map((e) => (
                    <span key={e.field}>
                      {FIELD_LABELS[e.field] ?? e.field} : {e.message}
                      <br />
                    </span>
                  ))}
            </td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
