import { fr } from '@codegouvfr/react-dsfr';
import { type PlaceTransfer, placeTransfersCsvUrl, usePlaceTransfers } from '../../../api/payments';
import { formatCents, formatDate, todayInParis } from '../../../lib/format';
import { PeriodFields } from '../../../ui/form/PeriodFields';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';

/** Where a transfer stands, as far as the platform knows: the funder's bank tells it, not the place's. */
function transferState(t: PlaceTransfer): string {
  switch (t.status) {
    case 'sent':
      return 'Envoyé à la banque';
    case 'paid':
      return `Payé le ${formatDate(t.paidOn)}`;
    case 'partial':
      return `Payé en partie le ${formatDate(t.paidOn)} : ${formatCents(t.paidCents ?? 0)} sur ${formatCents(t.amountCents)}`;
    case 'returned':
      return `Retourné par votre banque le ${formatDate(t.returnedOn)} (${t.returnReasonLabel ?? 'motif non précisé'})`;
  }
}

/**
 * The transfers the place's funders sent it over a period (the twelve months to today by
 * default), each as the bank statement shows it: its reference and remittance text word for
 * word as the SEPA file carried them, the account credited by its last four characters, and the
 * statements it paid, linked to their rows below. What a volunteer treasurer ticks off, line by
 * line, on the association's bank statement; the CSV gives the same list.
 */
export function TransfersTable({ placeId }: { placeId: string }) {
  const today = todayInParis();
  return (
    <PeriodFields
      name="virements"
      fromLabel="Virements envoyés du"
      initialFrom={`${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}-01`}
      initialTo={today}
    >
      {(from, to) => <Transfers placeId={placeId} from={from} to={to} />}
    </PeriodFields>
  );
}

function Transfers({ placeId, from, to }: { placeId: string; from: string; to: string }) {
  const list = usePlaceTransfers(placeId, from, to);
  const period = `du ${formatDate(from)} au ${formatDate(to)}`;
  return (
    <>
      {list.isPending && <Loading what="Chargement des virements…" />}
      {list.error && <QueryError error={list.error} what="les virements du lieu" />}
      {list.data && list.data.transfers.length === 0 && <p>Aucun virement envoyé {period}.</p>}
      {list.data && list.data.transfers.length > 0 && (
        <TableFrame stacked caption={`Virements envoyés au lieu ${period}`}>
          <thead>
            <tr>
              <th scope="col">Envoyé le</th>
              <th scope="col">Financeur</th>
              <th scope="col">Montant</th>
              <th scope="col">État</th>
              <th scope="col">Référence et libellé</th>
              <th scope="col">Compte crédité</th>
              <th scope="col">Relevés payés</th>
            </tr>
          </thead>
          <tbody>
            {list.data.transfers.map((t) => (
              <tr key={t.id}>
                <th scope="row" data-label="Envoyé le">
                  {formatDate(t.sentOn)}
                  {t.executionDate && (
                    <>
                      <br />
                      <span className={fr.cx('fr-text--xs')}>
                        exécution demandée le {formatDate(t.executionDate)}
                      </span>
                    </>
                  )}
                </th>
                <td data-label="Financeur">
                  {t.funderName}
                  <br />
                  <span className={fr.cx('fr-text--sm')}>{t.programName}</span>
                  <br />
                  <span className={fr.cx('fr-text--xs')}>donneur d’ordre : {t.payerName}</span>
                </td>
                <td className="pn-nowrap" data-label="Montant">
                  {formatCents(t.amountCents)}
                </td>
                <td data-label="État">{transferState(t)}</td>
                <td data-label="Référence et libellé">
                  <span className="pn-break">{t.endToEndId}</span>
                  <br />
                  <span className={fr.cx('fr-text--sm')}>« {t.remittance} »</span>
                </td>
                <td data-label="Compte crédité">se terminant par {t.ibanEnd}</td>
                <td data-label="Relevés payés">
                  {t.statements.map((s, i) => (
                    <span key={s.id}>
                      {i > 0 && ', '}
                      <a href={`#releve-${s.number}`}>{s.number}</a>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      <p>
        <a
          className={`${fr.cx('fr-btn', 'fr-btn--sm', 'fr-btn--secondary')} pn-touch`}
          href={placeTransfersCsvUrl(placeId, from, to)}
          download
        >
          Télécharger les virements de la période (CSV)
        </a>
      </p>
    </>
  );
}
