import { fr } from '@codegouvfr/react-dsfr';
import { callDocumentTitle } from '../../../../../src/core/cofunding';
import {
  type CofunderShare,
  callForFundsUrl,
  cofunderSharesCsvUrl,
  useCofunderShares,
} from '../../../api/closing';
import { formatCents, formatDate, todayInParis } from '../../../lib/format';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';

const money = (c: number) => <span className="pn-nowrap">{formatCents(c)}</span>;
const percent = (bps: number) => `${String(bps / 100).replace('.', ',')} %`;

/** The convention's rule in a few words. */
function rule(s: CofunderShare) {
  return s.basis === 'used' && s.usedShareBps !== null
    ? `${percent(s.usedShareBps)} des pass utilisés${s.capped ? ' (plafonné à sa part du budget)' : ''}`
    : 'Sa part du budget';
}

/**
 * What each co-funder owes by the rule of its convention, against what it paid, with the call
 * for funds to send it (PDF) and the figures behind it (CSV). Nothing shows without co-funders.
 * At the date the page shows (`asOf`, today when absent): the documents say the same date.
 * At a day to come, today's: what was paid and used is known up to today only (the API
 * refuses a later day), and the section says so.
 */
export function CofunderSharesSection({ programId, asOf: shown }: { programId: string; asOf?: string }) {
  const today = todayInParis();
  const future = shown !== undefined && shown > today;
  const asOf = future ? undefined : shown;
  const shares = useCofunderShares(programId, asOf);
  if (shares.isPending) return <Loading what="Calcul des parts des cofinanceurs…" />;
  if (shares.isError) return <QueryError error={shares.error} what="Les parts des cofinanceurs" />;
  const report = shares.data;
  if (report.shares.length === 0) return null;
  return (
    <section aria-labelledby="parts-cofinanceurs" className={fr.cx('fr-mt-4w')}>
      <h3 id="parts-cofinanceurs">
        Parts des cofinanceurs{asOf || future ? ` au ${formatDate(asOf ?? today)}` : ''}
      </h3>
      {future && (
        <p>
          Parts au {formatDate(today)}, et non au {formatDate(shown)} : les sommes versées et utilisées ne
          sont connues qu’à ce jour.
        </p>
      )}
      <p>
        Valeur des pass utilisés {asOf ? `au ${formatDate(asOf)}` : 'à ce jour'} : {money(report.usedCents)}.
        Chaque cofinanceur doit sa part selon la règle de sa convention.
        {asOf &&
          ' « Versé » compte tout ce qu’il a versé à ce jour : ce qui est déjà reçu n’est pas appelé à nouveau.'}
      </p>
      <TableFrame caption="Dû, versé et solde par cofinanceur">
        <thead>
          <tr>
            <th scope="col">Cofinanceur</th>
            <th scope="col">Règle</th>
            <th scope="col">Dû</th>
            <th scope="col">Versé</th>
            <th scope="col">Solde à appeler</th>
            <th scope="col">Appel de fonds</th>
          </tr>
        </thead>
        <tbody>
          {report.shares.map((s) => (
            <tr key={s.name}>
              <th scope="row">{s.name}</th>
              <td>{rule(s)}</td>
              <td>{money(s.owedCents)}</td>
              <td>{money(s.receivedCents)}</td>
              <td>
                {s.balanceCents >= 0 ? (
                  money(s.balanceCents)
                ) : (
                  // Paid ahead of what it owes: nothing to call, and the surplus said as such.
                  <>
                    {money(0)}
                    <br />
                    <span className={fr.cx('fr-text--sm')}>versé en plus : {money(-s.balanceCents)}</span>
                  </>
                )}
              </td>
              <td>
                {/* Always offered: what the co-funder reads, named by its balance (an overpaid
                    co-funder is sent a notice, not left with « Rien à appeler »). A native
                    download: the router must not take this link over. */}
                <a
                  className={fr.cx('fr-link', 'fr-link--download')}
                  href={callForFundsUrl(programId, s.name, asOf)}
                  download
                >
                  {callDocumentTitle(s.balanceCents)}
                  <span className={fr.cx('fr-sr-only')}> pour {s.name}</span>
                  <span className={fr.cx('fr-link__detail')}>PDF</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </TableFrame>
      <p>
        <a
          className={fr.cx('fr-link', 'fr-link--download')}
          href={cofunderSharesCsvUrl(programId, asOf)}
          download
        >
          Télécharger les chiffres des parts
          <span className={fr.cx('fr-link__detail')}>CSV</span>
        </a>
      </p>
    </section>
  );
}
