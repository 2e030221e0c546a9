import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { useState } from 'react';
import { accountCheckLines } from '../../../../../src/core/account-checks';
import { returnReasonLabel } from '../../../../../src/core/sepa/return-reasons';
import { isApiError } from '../../../api/client';
import { type PaymentRun, type TransferStatus, useRunAction, useSepaDownload } from '../../../api/payments';
import { formatCents, formatDate, formatMoment } from '../../../lib/format';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { TableFrame } from '../../../ui/TableFrame';
import { useOneAtATime } from '../../../ui/useOneAtATime';
import { BankRejection } from './BankRejection';
import { PartialTransfer } from './PartialTransfer';
import { runBadge } from './runBadge';
import { runHeadingId } from './useRunOutcome';

export const TRANSFER_STATUS: Record<TransferStatus, string> = {
  prepared: 'À transmettre',
  sent: 'En attente de la banque',
  paid: 'Payé',
  partial: 'Payé en partie',
  returned: 'Retourné par la banque',
  cancelled: 'Annulé',
  rejected: 'Refusé par la banque',
};

/** A transfer of a run not yet approved is not yet to send: the run's badge says « À approuver ». */
const transferLabel = (transfer: TransferStatus, run: PaymentRun['status']) =>
  transfer === 'prepared' && run === 'prepared' ? 'À approuver' : TRANSFER_STATUS[transfer];

const message = (e: unknown) => (e ? (isApiError(e) ? e.detail : (e as Error).message) : null);

/**
 * One payment run. Approving, cancelling or sending it (its file's first download) takes away
 * the button pressed: `onDone` says the outcome (the page's status region reads it) and takes
 * the focus to this card's heading.
 */
export function RunCard({
  funderId,
  run,
  admin,
  onDone,
}: {
  funderId: string;
  run: PaymentRun;
  admin: boolean;
  onDone: (text: string) => void;
}) {
  const action = useRunAction(funderId);
  // A confirmation pressed twice sends once (useOneAtATime).
  const sendAction = useOneAtATime(action);
  const sepa = useSepaDownload(funderId);
  // Cancelling cannot be undone (an approved run's file is gone with it): asked first.
  const [asking, setAsking] = useState(false);
  const error = message(action.error) ?? message(sepa.error);
  const status = runBadge(run);
  const hintId = `lot-${run.id}-approbation`;
  const headingId = runHeadingId(run.id);
  const cancelId = `annuler-lot-${run.id}`;
  const toCheck = accountCheckLines(run.transfers);
  const [checked, setChecked] = useState(false);
  // Approving lets the run's money leave with its file: asked first, with its total.
  const [approving, setApproving] = useState(false);
  const approveId = `approuver-lot-${run.id}`;
  const approve = () =>
    sendAction(
      { runId: run.id, action: 'approve', confirmAccountsChecked: toCheck.length > 0 && checked },
      {
        onSuccess: () =>
          onDone('Lot approuvé : téléchargez son fichier de virements SEPA pour le transmettre à la banque.'),
        onSettled: () => setApproving(false),
      },
    );
  // The first download sends the run: the notice « téléchargez son fichier » would be stale.
  const first = run.status === 'approved';
  const sent = () =>
    onDone(
      'Fichier de virements SEPA téléchargé : le lot est marqué transmis à la banque. Déposez le fichier sur le site de votre banque.',
    );
  const cancel = () =>
    sendAction(
      { runId: run.id, action: 'cancel' },
      {
        onSuccess: () => {
          setAsking(false);
          onDone('Lot annulé : ses relevés sont de nouveau à payer, dans un prochain lot.');
        },
      },
    );
  const cancelButton = (
    <Button
      type="button"
      priority="secondary"
      disabled={action.isPending}
      nativeButtonProps={{ id: cancelId }}
      onClick={() => {
        action.reset();
        setAsking(true);
      }}
    >
      Annuler le lot
    </Button>
  );
  const question = asking && (
    <InlineConfirm
      question={
        run.status === 'approved'
          ? 'Annuler ce lot approuvé ? Son fichier de virements ne pourra plus être téléchargé, et ses relevés seront de nouveau à payer.'
          : 'Annuler ce lot ? Ses relevés seront de nouveau à payer.'
      }
      confirmLabel="Oui, annuler le lot"
      keepLabel="Non, garder le lot"
      className={fr.cx('fr-mb-2w')}
      pending={action.isPending}
      onConfirm={cancel}
      onKeep={() => {
        setAsking(false);
        document.getElementById(cancelId)?.focus();
      }}
    />
  );
  return (
    <article className={fr.cx('fr-card', 'fr-p-3w', 'fr-mb-3w')} aria-labelledby={`lot-${run.id}`}>
      {/* Focusable: recording the bank's refusal brings the focus back here (BankRejection). */}
      <h3 id={headingId} className={fr.cx('fr-h5')} tabIndex={-1}>
        Lot du {formatMoment(run.preparedAt)} : {formatCents(run.totalCents)}{' '}
        <Badge severity={status.severity} small noIcon>
          {status.label}
        </Badge>
      </h3>
      <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        Préparé par {run.preparedBy ?? 'un administrateur'}
        {run.approvedBy && run.approvedAt
          ? `, approuvé par ${run.approvedBy} le ${formatMoment(run.approvedAt)}`
          : ''}
        {run.sentAt ? `, transmis le ${formatMoment(run.sentAt)}` : ''}. Exécution demandée le{' '}
        {formatDate(run.requestedExecutionDate)}
        {run.sentExecutionDate && run.sentExecutionDate !== run.requestedExecutionDate
          ? `, date passée à la transmission : le fichier demande le ${formatDate(run.sentExecutionDate)}`
          : ''}
        . Référence du fichier : {run.messageId}.
      </p>
      <AccountsChanged run={run} />
      {run.status === 'rejected' && run.rejectedAt && (
        <p className={fr.cx('fr-mb-1w')}>
          <strong>
            Refusé par la banque le {formatMoment(run.rejectedAt)} : {run.rejectionReason}
          </strong>
          <br />
          <span className={fr.cx('fr-text--sm')}>
            {run.rejectedBy ? `Enregistré par ${run.rejectedBy}. ` : ''}Aucun virement de ce lot n’a été payé
            : ses relevés vont dans un prochain lot.
          </span>
        </p>
      )}
      {/* Stacked: the statements' numbers and the states wrap, so IBAN, amount and state stay in
          sight at a laptop's width, and each transfer is a card on a phone. */}
      <TableFrame
        stacked
        // Named by its run: two runs' tables were both « Virements du lot (1) » in a list of tables.
        caption={`Virements du lot du ${formatMoment(run.preparedAt)} (${run.transferCount})`}
      >
        <thead>
          <tr>
            <th scope="col">Lieu</th>
            <th scope="col">Dispositif</th>
            <th scope="col">Relevés</th>
            <th scope="col">IBAN</th>
            <th scope="col" className="fr-cell--right">
              Montant
            </th>
            <th scope="col">État</th>
          </tr>
        </thead>
        <tbody>
          {run.transfers.map((t) => (
            <tr key={t.id}>
              <th scope="row" data-label="Lieu">
                {t.placeName}
              </th>
              <td data-label="Dispositif">{t.programName}</td>
              <td data-label="Relevés">
                {t.complementOf
                  ? `${t.sentAgain ? 'Nouvel envoi du virement retourné' : 'Complément du virement'} ${t.complementOf} — `
                  : ''}
                {t.statementNumbers.join(', ')}
              </td>
              <td className="pn-nowrap" data-label="IBAN">
                {t.iban}
              </td>
              <td className="fr-cell--right pn-nowrap" data-label="Montant">
                {formatCents(t.amountCents)}
              </td>
              <td data-label="État">
                {transferLabel(t.status, run.status)}
                {t.returnedOn
                  ? ` le ${formatDate(t.returnedOn)} (${returnReasonLabel(t.returnReason)}), payé le ${formatDate(t.paidOn)}`
                  : t.paidOn
                    ? ` le ${formatDate(t.paidOn)}`
                    : ''}
                {t.status === 'partial' && t.paidCents !== null ? (
                  <PartialTransfer funderId={funderId} transfer={t} admin={admin} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
      {run.status === 'prepared' && toCheck.length > 0 && (
        <Alert
          severity="warning"
          small
          className={fr.cx('fr-mb-2w')}
          title="Comptes bancaires à vérifier avant d’approuver"
          description={
            <>
              Un compte remplacé peu avant un paiement, ou partagé par deux lieux de structures différentes
              (SIREN), est la marque d’un détournement. Vérifiez-les auprès des lieux, par un contact que vous
              connaissez (pas celui qui a fait le changement) :
              <ul>
                {toCheck.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          }
        />
      )}
      {admin && run.status === 'prepared' && (
        <>
          {toCheck.length > 0 && (
            <Checkbox
              options={[
                {
                  label: 'J’ai vérifié ces comptes auprès des lieux',
                  nativeInputProps: {
                    name: `verifie-${run.id}`,
                    checked,
                    onChange: (e) => setChecked(e.target.checked),
                  },
                },
              ]}
            />
          )}
          <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
            <Button
              type="button"
              disabled={!run.mayApprove || action.isPending}
              nativeButtonProps={{
                id: approveId,
                ...(run.approveBlockedReason ? { 'aria-describedby': hintId } : {}),
              }}
              onClick={() => setApproving(true)}
            >
              Approuver le lot
            </Button>
            {cancelButton}
          </div>
          {approving && (
            <InlineConfirm
              question={`Approuver ce lot de ${formatCents(run.totalCents)} (${run.transferCount} ${run.transferCount > 1 ? 'virements' : 'virement'}) ? Son fichier de virements pourra ensuite être transmis à la banque.`}
              confirmLabel="Oui, approuver le lot"
              keepLabel="Non, pas maintenant"
              className={fr.cx('fr-mb-2w')}
              pending={action.isPending}
              onConfirm={approve}
              onKeep={() => {
                setApproving(false);
                document.getElementById(approveId)?.focus();
              }}
            />
          )}
          {question}
          {run.approveBlockedReason && (
            <p id={hintId} className={fr.cx('fr-info-text')}>
              {run.approveBlockedReason}
            </p>
          )}
        </>
      )}
      {admin && (run.status === 'approved' || run.status === 'sent') && (
        // --icon-left: in a group, a button with an icon is drawn icon only (40 px) without it,
        // and this one sends the run to the bank: its words must show.
        <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
          <Button
            type="button"
            iconId="fr-icon-download-line"
            disabled={sepa.isPending}
            onClick={() => sepa.mutate(run.id, { onSuccess: first ? sent : undefined })}
          >
            {run.status === 'approved'
              ? 'Télécharger le fichier de virements SEPA'
              : 'Télécharger à nouveau le fichier SEPA'}
          </Button>
          {run.status === 'approved' && cancelButton}
        </div>
      )}
      {admin && run.status === 'approved' && question}
      {admin && (run.status === 'sent' || run.status === 'rejected') && (
        <BankRejection funderId={funderId} run={run} headingId={headingId} />
      )}
      {admin && run.status === 'approved' && (
        <p className={fr.cx('fr-text--sm')}>
          Le téléchargement transmet le lot : ses relevés passent « en paiement ». Déposez ensuite le fichier
          sur le site de votre banque.
        </p>
      )}
      {error && <Alert severity="error" small description={error} />}
    </article>
  );
}

/**
 * A run pays the accounts it was prepared and approved with: what was checked is what is paid,
 * and a new account (the classic diversion of a payment) goes through a new run. Before the
 * file goes, the card says when the funder or a place recorded another account since, and what
 * to do for the new one to be used.
 */
function AccountsChanged({ run }: { run: PaymentRun }) {
  if (run.status !== 'prepared' && run.status !== 'approved') return null;
  const places = [...new Set(run.transfers.filter((t) => t.accountChangedSince).map((t) => t.placeName))];
  if (!run.debtorAccountChangedSince && places.length === 0) return null;
  const who = [
    run.debtorAccountChangedSince && 'le financeur',
    places.length > 0 && (places.length > 1 ? `les lieux ${places.join(', ')}` : `le lieu ${places[0]}`),
  ]
    .filter(Boolean)
    .join(' et ');
  return (
    <Alert
      severity="warning"
      small
      className={fr.cx('fr-mb-2w')}
      description={`Depuis la préparation de ce lot, ${who} ${places.length + (run.debtorAccountChangedSince ? 1 : 0) > 1 ? 'ont' : 'a'} enregistré un autre compte bancaire : ce lot garde les comptes avec lesquels il a été préparé. Pour utiliser les nouveaux, annulez-le et préparez-en un autre.`}
    />
  );
}
