import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useState } from 'react';
import { returnReasonLabel } from '../../../../../src/core/sepa/return-reasons';
import { isApiError } from '../../../api/client';
import {
  type BankImport,
  type BankLine,
  useBankImport,
  useDecideLine,
  useImportBankStatement,
} from '../../../api/payments';
import { formatCents, formatDate, formatDateTimeParis, formatInt } from '../../../lib/format';
import { TableFrame } from '../../../ui/TableFrame';
import { useOneAtATime } from '../../../ui/useOneAtATime';
import { AcceptLine } from './AcceptLine';
import { SetAsideLine } from './SetAsideLine';

/** « 1 ligne attend », « 2 lignes attendent »: French agreement, not « ligne(s) » (0 is singular). */
const counted = (n: number, one: string, many: string) => `${formatInt(n)} ${n > 1 ? many : one}`;

const OUTCOME: Record<BankLine['outcome'], string> = {
  matched: 'Rapprochée : virement payé',
  partial: 'Montant différent',
  returned: 'Virement retourné par la banque, de nouveau dû',
  unmatched: 'Non rapprochée',
  ignored: 'Crédit (ignoré)',
};

const REASON: Record<string, string> = {
  unknown_reference: 'référence inconnue',
  rejected_run:
    'virement d’un lot enregistré comme refusé par la banque, qu’elle a pourtant payé : ses relevés ont pu être payés une seconde fois par un lot suivant, voyez avec la banque et le lieu',
  no_reference: 'sans référence de bout en bout',
  repeated: 'référence répétée dans le fichier',
  already_settled: 'virement déjà rapproché',
  already_returned: 'virement déjà retourné',
  not_paid_yet:
    'retour d’un virement dont le paiement n’est pas encore rapproché : importez d’abord le relevé qui le paie',
  return_amount_differs: 'retour d’un autre montant que celui payé',
  amount_above_transfer:
    'débit supérieur au virement : le lieu ne peut être payé au-delà, voyez l’écart avec la banque ; le virement peut être enregistré payé de son montant',
};

/** A debit above its transfer, whose transfer may be recorded paid for its own amount. */
const aboveTransfer = (l: BankLine) =>
  l.outcome === 'unmatched' && l.reason === 'amount_above_transfer' && l.expectedCents !== null;

const DECISION: Record<NonNullable<BankLine['decision']>, string> = {
  accept: 'Montant reçu accepté',
  reject: 'Ligne écartée',
  dismiss: 'Ligne écartée (sans rapport)',
};

export function BankImportSection({
  funderId,
  admin,
  imports,
}: {
  funderId: string;
  admin: boolean;
  imports: Omit<BankImport, 'lines'>[];
}) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<'camt053' | 'csv'>('camt053');
  const [shown, setShown] = useState<string | null>(null);
  const upload = useImportBankStatement(funderId);
  const error = upload.error && (isApiError(upload.error) ? upload.error.detail : upload.error.message);
  const fieldError =
    upload.error && isApiError(upload.error)
      ? upload.error.errors.find((e) => e.field === 'file')?.message
      : undefined;
  const send = () => {
    if (!file) return;
    upload.mutate({ file, format }, { onSuccess: (report) => setShown(report.id) });
  };
  return (
    <section aria-labelledby="rapprochement" className={fr.cx('fr-mt-6w')}>
      <h2 id="rapprochement">Rapprochement avec le relevé de la banque</h2>
      <p>
        Importez le relevé du compte du financeur : chaque virement y est retrouvé par sa référence de bout en
        bout. Un virement retrouvé pour son montant est payé au lieu ; les autres lignes attendent votre
        décision.
      </p>
      {admin && (
        <>
          <RadioButtons
            legend="Format du relevé"
            orientation="horizontal"
            options={[
              {
                label: 'camt.053 (XML ISO 20022)',
                nativeInputProps: { checked: format === 'camt053', onChange: () => setFormat('camt053') },
              },
              {
                label: 'CSV : date;montant;référence de bout en bout;libellé',
                nativeInputProps: { checked: format === 'csv', onChange: () => setFormat('csv') },
              },
            ]}
          />
          <Upload
            label="Relevé bancaire"
            hint={
              format === 'camt053'
                ? 'Fichier XML camt.053 fourni par la banque.'
                : 'Fichier CSV séparé par des points-virgules. Un paiement sort du compte : montant négatif (-1 250,00). Un montant positif est un crédit, ignoré.'
            }
            state={fieldError ? 'error' : 'default'}
            stateRelatedMessage={fieldError}
            nativeInputProps={{
              accept: format === 'camt053' ? '.xml,application/xml,text/xml' : '.csv,text/csv',
              onChange: (e) => setFile(e.target.files?.[0] ?? null),
            }}
          />
          <Button
            type="button"
            className={fr.cx('fr-mt-2w')}
            disabled={!file || upload.isPending}
            onClick={send}
          >
            Importer le relevé
          </Button>
          {upload.isPending && (
            <div className={fr.cx('fr-mt-2w')}>
              <label htmlFor="import-en-cours">Import et rapprochement en cours…</label>
              <progress id="import-en-cours" style={{ display: 'block', width: '100%' }} />
            </div>
          )}
          <p role="status" className={fr.cx('fr-sr-only')}>
            {upload.isSuccess ? 'Relevé importé : le rapport est affiché.' : ''}
          </p>
          {error && !fieldError && (
            <Alert severity="error" small className={fr.cx('fr-mt-2w')} description={error} />
          )}
        </>
      )}
      {shown && <Report funderId={funderId} importId={shown} admin={admin} />}
      {imports.length > 0 && (
        <TableFrame caption="Relevés importés">
          <thead>
            <tr>
              <th scope="col">Fichier</th>
              <th scope="col">Importé</th>
              <th scope="col">Rapprochées</th>
              <th scope="col">À décider</th>
              <th scope="col">Rapport</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.fileName}</th>
                <td>
                  {formatDateTimeParis(i.importedAt)}
                  {i.importedBy ? ` par ${i.importedBy}` : ''}
                </td>
                <td>
                  {formatInt(i.reconciled)}
                  {i.accepted > 0
                    ? ` (dont ${formatInt(i.accepted)} ${i.accepted > 1 ? 'acceptées' : 'acceptée'})`
                    : ''}
                </td>
                <td>{i.pending}</td>
                <td>
                  <Button type="button" priority="tertiary" size="small" onClick={() => setShown(i.id)}>
                    Voir le rapport de {i.fileName}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </section>
  );
}

function Report({ funderId, importId, admin }: { funderId: string; importId: string; admin: boolean }) {
  const query = useBankImport(funderId, importId);
  const decide = useDecideLine(funderId, importId);
  // A confirmation pressed twice sends once (useOneAtATime).
  const sendDecide = useOneAtATime(decide);
  // Accepting another amount pays the place that amount, for good: asked first, with the figures.
  const [accepting, setAccepting] = useState<number | null>(null);
  if (!query.data) return null;
  const report = query.data;
  const error = decide.error && (isApiError(decide.error) ? decide.error.detail : decide.error.message);
  // What a line's acceptance asks and sends, the same for both kinds of line that offer it.
  const acceptance = (l: BankLine) => ({
    confirming: accepting === l.id,
    pending: decide.isPending,
    onAsk: () => setAccepting(l.id),
    onConfirm: () =>
      sendDecide({ lineId: l.id, decision: 'accept' }, { onSettled: () => setAccepting(null) }),
    onKeep: () => setAccepting(null),
  });
  return (
    <section aria-labelledby="rapport-releve" className={fr.cx('fr-mt-4w')}>
      <h3 id="rapport-releve">Rapport du relevé {report.fileName}</h3>
      <p>
        {`${counted(report.counts.matched, 'ligne rapprochée', 'lignes rapprochées')}, ${formatInt(report.counts.partial)} au montant différent, `}
        {`${counted(report.counts.returned, 'virement retourné', 'virements retournés')}, ${formatInt(report.counts.unmatched)} non ${report.counts.unmatched > 1 ? 'rapprochées' : 'rapprochée'}, `}
        {`${counted(report.counts.ignored, 'crédit ignoré', 'crédits ignorés')}. `}
        {report.pending > 0
          ? `${counted(report.pending, 'ligne attend', 'lignes attendent')} votre décision.`
          : 'Aucune décision en attente.'}
      </p>
      {error && <Alert severity="error" small description={error} />}
      <TableFrame caption={`Lignes du relevé ${report.fileName}`}>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col">Date</th>
            <th scope="col">Référence</th>
            <th scope="col" className="fr-cell--right">
              Montant (− débit, + crédit)
            </th>
            <th scope="col">Résultat</th>
            <th scope="col">Décision</th>
          </tr>
        </thead>
        <tbody>
          {report.lines.map((l) => (
            <tr key={l.id}>
              <th scope="row">{l.line}</th>
              <td>{formatDate(l.bookingDate)}</td>
              <td>
                {l.endToEndId ?? '—'}
                {l.label ? ` (${l.label})` : ''}
              </td>
              {/* Signed as the bank writes it: a payment and its return read alike otherwise. */}
              <td className="fr-cell--right pn-nowrap">
                {l.debit ? '−' : '+'}
                {formatCents(l.amountCents)}
              </td>
              <td>
                {OUTCOME[l.outcome]}
                {l.placeName ? ` : ${l.placeName}` : ''}
                {l.outcome === 'partial' && l.expectedCents !== null
                  ? `, attendu ${formatCents(l.expectedCents)}`
                  : ''}
                {l.outcome === 'returned'
                  ? ` (${returnReasonLabel(l.reason)})`
                  : l.reason
                    ? ` (${REASON[l.reason] ?? l.reason})`
                    : ''}
              </td>
              <td>
                {l.decision ? (
                  l.decision === 'accept' && l.outcome === 'unmatched' ? (
                    'Virement enregistré payé de son montant'
                  ) : (
                    DECISION[l.decision]
                  )
                ) : l.transferSettledSince ? (
                  <>
                    <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
                      Virement rapproché depuis par une autre ligne : il ne peut plus être accepté ici.
                    </p>
                    {admin && (
                      <SetAsideLine
                        line={l}
                        pending={decide.isPending}
                        onDecide={(reason) =>
                          decide.mutate({
                            lineId: l.id,
                            decision: l.outcome === 'partial' ? 'reject' : 'dismiss',
                            reason,
                          })
                        }
                      />
                    )}
                  </>
                ) : admin && aboveTransfer(l) ? (
                  <AcceptLine
                    line={l}
                    acceptLabel={`Enregistrer payé ${formatCents(l.expectedCents!)} (ligne ${l.line})`}
                    question={`Enregistrer le virement${l.placeName ? ` à ${l.placeName}` : ''} payé de ses ${formatCents(l.expectedCents!)}, ce que le lieu attendait ? Les ${formatCents(l.amountCents - l.expectedCents!)} débités en plus sont à réclamer à la banque : ils ne paient pas le lieu.`}
                    confirmLabel={`Oui, payé ${formatCents(l.expectedCents!)}`}
                    keepLabel="Non"
                    {...acceptance(l)}
                    onSetAside={(reason) => decide.mutate({ lineId: l.id, decision: 'dismiss', reason })}
                  />
                ) : admin && l.outcome === 'partial' ? (
                  <AcceptLine
                    line={l}
                    acceptLabel={`Accepter ${formatCents(l.amountCents)} (ligne ${l.line})`}
                    question={`Accepter ${formatCents(l.amountCents)} reçus${l.expectedCents !== null ? ` au lieu des ${formatCents(l.expectedCents)} attendus` : ''}${l.placeName ? ` pour ${l.placeName}` : ''} ? Le virement sera enregistré payé de ce montant.`}
                    confirmLabel={`Oui, accepter ${formatCents(l.amountCents)}`}
                    keepLabel="Non, ne pas accepter"
                    {...acceptance(l)}
                    onSetAside={(reason) => decide.mutate({ lineId: l.id, decision: 'reject', reason })}
                  />
                ) : admin && l.outcome === 'unmatched' ? (
                  <SetAsideLine
                    line={l}
                    pending={decide.isPending}
                    onDecide={(reason) => decide.mutate({ lineId: l.id, decision: 'dismiss', reason })}
                  />
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
    </section>
  );
}
