import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from '@tanstack/react-router';
import { isApiError } from '../../api/client';
import {
  type PaymentRun,
  type PaymentsOverview,
  type PlannedComplement,
  usePayments,
  usePrepareRun,
} from '../../api/payments';
import { useSession } from '../../api/session';
import { agree, formatCents, formatInt } from '../../lib/format';
import { ActionNotice } from '../../ui/ActionNotice';
import { FunderBreadcrumb } from '../../ui/FunderBreadcrumb';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { funderMembership, isFunderAdmin } from '../../ui/roles';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { BankImportSection } from './payments/BankImportSection';
import { RunCard } from './payments/RunCard';
import { runHeadingId, useRunOutcome } from './payments/useRunOutcome';

const TITLE = 'Paiements des lieux';

/**
 * Paying the places (issue 12, points 3 to 5): a payment run prepared from the statements
 * issued, approved by another admin when four eyes apply, downloaded as a SEPA transfer file
 * for the bank, then reconciled by importing the bank's statement.
 */
export function PaymentsPage() {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const membership = funderMembership(session);
  if (!membership) return null;
  return (
    <>
      <FunderBreadcrumb current={TITLE} />
      <h1>{TITLE}</h1>
      <Payments funderId={membership.funderId} admin={isFunderAdmin(session, membership.funderId)} />
    </>
  );
}

function Payments({ funderId, admin }: { funderId: string; admin: boolean }) {
  const query = usePayments(funderId);
  const outcome = useRunOutcome();
  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} what="Les paiements du financeur" />;
  const data = query.data;
  return (
    <>
      <Payable
        funderId={funderId}
        admin={admin}
        data={data}
        onPrepared={(run) => outcome.announce(preparedText(run), runHeadingId(run.id))}
      />
      <section aria-labelledby="lots" className={fr.cx('fr-mt-6w')}>
        <h2 id="lots">Lots de paiement</h2>
        {data.fourEyes && data.adminCount >= 2 && (
          <p>
            Règle des quatre yeux : un lot est approuvé par un autre administrateur que celui qui l’a préparé
            (réglable dans les paramètres).
          </p>
        )}
        <ActionNotice notice={outcome.notice} />
        {data.runs.length === 0 ? (
          <p>Aucun lot de paiement pour l’instant.</p>
        ) : (
          data.runs.map((run) => (
            <RunCard
              key={run.id}
              funderId={funderId}
              run={run}
              admin={admin}
              onDone={(text) => outcome.announce(text, runHeadingId(run.id))}
            />
          ))
        )}
      </section>
      <BankImportSection funderId={funderId} admin={admin} imports={data.imports} />
    </>
  );
}

/** What preparing a run says: what it holds, and that it waits for an approval. */
function preparedText(run: PaymentRun) {
  const n = run.transferCount;
  return `Lot préparé : ${formatInt(n)} ${agree(n, 'virement', 'virements')} pour ${formatCents(run.totalCents)}, à approuver${run.mayApprove ? '' : ' par un autre administrateur'}.`;
}

/** A complement's remainder, and what the statements issued since make of it. */
function complementText(r: PlannedComplement) {
  const remainder = `relevé${r.statementNumbers.length > 1 ? 's' : ''} ${r.statementNumbers.join(', ')}, reste ${formatCents(r.remainderCents)}`;
  if (r.carriedNumbers.length === 0) return remainder;
  const many = r.carriedNumbers.length > 1;
  return `${remainder}, net ${many ? 'des relevés' : 'du relevé'} ${r.carriedNumbers.join(', ')} émis depuis : ${formatCents(r.amountCents)}`;
}

function Payable({
  funderId,
  admin,
  data,
  onPrepared,
}: {
  funderId: string;
  admin: boolean;
  data: PaymentsOverview;
  onPrepared: (run: PaymentRun) => void;
}) {
  const prepare = usePrepareRun(funderId);
  const error = prepare.error && (isApiError(prepare.error) ? prepare.error.detail : prepare.error.message);
  // Places held with no remainder listed above (its remainder written off, say): named apart.
  const listed = new Set(data.payable.awaitingAccount.map((r) => r.placeName));
  const heldOnly = data.payable.placesAwaitingAccount.filter((name) => !listed.has(name));
  return (
    <section aria-labelledby="a-payer">
      <h2 id="a-payer">Relevés à payer</h2>
      <p>
        {data.payable.statements === 0
          ? 'Aucun relevé émis en attente de paiement.'
          : `${formatInt(data.payable.statements)} relevé${data.payable.statements > 1 ? 's' : ''} émis, non contesté${data.payable.statements > 1 ? 's' : ''}, pour ${formatCents(data.payable.totalCents)}.`}
      </p>
      {data.payable.complements.length > 0 && (
        <>
          <p className={fr.cx('fr-mb-1w')}>
            Restes de virements payés en partie ou retournés par la banque, que le prochain lot verse de
            nouveau (sur le compte bancaire du lieu à ce moment-là) :
          </p>
          <ul>
            {data.payable.complements.map((r) => (
              <li key={r.endToEndId}>
                {r.placeName} : complément du virement {r.endToEndId} — {complementText(r)}
              </li>
            ))}
          </ul>
        </>
      )}
      {data.payable.heldByNetting.length > 0 && (
        <Alert
          severity="info"
          small
          className={fr.cx('fr-mb-2w')}
          description={`Restes de virements compensés par des pass annulés depuis : rien n’est versé, ils attendent les prochains relevés du lieu. ${data.payable.heldByNetting
            .map((r) => `${r.placeName} : ${complementText(r)}`)
            .join(' ; ')}.`}
        />
      )}
      {data.payable.awaitingAccount.length > 0 && (
        <Alert
          severity="info"
          small
          className={fr.cx('fr-mb-2w')}
          description={`Virements retournés par la banque, en attente d’un compte bancaire enregistré de nouveau par le lieu (averti par courriel) : ${data.payable.awaitingAccount
            .map(
              (r) =>
                `${r.placeName}, ${formatCents(r.remainderCents)} (relevé${r.statementNumbers.length > 1 ? 's' : ''} ${r.statementNumbers.join(', ')})`,
            )
            .join(' ; ')}.`}
        />
      )}
      {heldOnly.length > 0 && (
        <Alert
          severity="info"
          small
          className={fr.cx('fr-mb-2w')}
          description={`Un virement leur est revenu de la banque : rien ne leur est envoyé, nouveaux relevés compris, avant qu’ils n’enregistrent de nouveau leur compte bancaire (avertis par courriel) : ${heldOnly.join(', ')}.`}
        />
      )}
      {data.payable.placesWithoutAccount.length > 0 && (
        <Alert
          severity="warning"
          small
          className={fr.cx('fr-mb-2w')}
          description={`Sans compte bancaire, ces lieux attendront le prochain lot : ${data.payable.placesWithoutAccount.join(', ')}.`}
        />
      )}
      {data.debtorAccount ? (
        <p className={fr.cx('fr-text--sm')}>
          Compte débité : {data.debtorAccount.holder}, {data.debtorAccount.iban}
        </p>
      ) : (
        <Alert
          severity="info"
          small
          className={fr.cx('fr-mb-2w')}
          description={
            <>
              <Link to="/financeur/parametres" hash="compte">
                Enregistrez le compte bancaire du financeur
              </Link>{' '}
              dans les paramètres avant de préparer un lot.
            </>
          }
        />
      )}
      {admin && (
        <Button
          type="button"
          disabled={
            (data.payable.statements === 0 && data.payable.complements.length === 0) ||
            !data.debtorAccount ||
            prepare.isPending
          }
          onClick={() => prepare.mutate(undefined, { onSuccess: onPrepared })}
        >
          Préparer un lot de paiement
        </Button>
      )}
      {error && <Alert severity="error" small className={fr.cx('fr-mt-2w')} description={error} />}
    </section>
  );
}
