import { fr } from '@codegouvfr/react-dsfr';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { FinanceSummary, Funding } from '../../../api/types';
import { formatCents } from '../../../lib/format';
import { TableFrame } from '../../../ui/TableFrame';
import { activatedLines } from './activatedLines';
import { CofunderSharesSection } from './CofunderSharesSection';
import { FundingList } from './FundingList';

type Balances = FinanceSummary['balances'];

const money = (c: number) => <span className="pn-nowrap">{formatCents(c)}</span>;

function Figure({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function ByPayer({ b }: { b: Balances }) {
  return (
    <TableFrame caption="Versements reçus par payeur">
      <thead>
        <tr>
          <th scope="col">Payeur</th>
          <th scope="col">Montant reçu</th>
        </tr>
      </thead>
      <tbody>
        {b.byPayer.map((p) => (
          <tr key={p.payer}>
            <th scope="row">{p.payer}</th>
            <td>{money(p.amountCents)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total reçu</th>
          <td>{money(b.fundedCents)}</td>
        </tr>
      </tfoot>
    </TableFrame>
  );
}

/** Where the activated value stands: funded = activated + remaining, activated = the four below. */
function ActivatedValue({ b }: { b: Balances }) {
  const lines = activatedLines(b);
  return (
    <TableFrame caption="Valeur des pass activés, par état">
      <thead>
        <tr>
          <th scope="col">État</th>
          <th scope="col">Valeur</th>
        </tr>
      </thead>
      <tbody>
        {lines.map(([label, cents]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{money(cents)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total activé</th>
          <td>{money(b.activatedCents)}</td>
        </tr>
      </tfoot>
    </TableFrame>
  );
}

interface Props {
  programId: string;
  balances: Balances;
  fundings: Funding[];
  admin: boolean;
  /** the day the page shows, when not today: the co-funders' shares are read at it */
  asOf?: string;
}

export function FinanceSection({ programId, balances: b, fundings, admin, asOf }: Props) {
  return (
    <section aria-labelledby="financement" className={fr.cx('fr-mt-6w')}>
      <h2 id="financement">Financement</h2>
      <p>
        Situation à ce jour. Un pass n’est activé que lorsque sa valeur a été versée ; le reste du montant
        reçu attend les prochaines émissions.
      </p>
      <dl className="pn-figures">
        <Figure label="Montant reçu" testId="funded">
          {money(b.fundedCents)}
        </Figure>
        <Figure label="Valeur des pass activés" testId="activated">
          {money(b.activatedCents)}
        </Figure>
        <Figure label="Reste à activer" testId="unactivated">
          {money(b.unactivatedCents)}
        </Figure>
        {b.carriedInCents > 0 && (
          // Passes received from the previous programme came with their value, not with a payment.
          <Figure label="Reçu avec les pass reportés d’un dispositif précédent" testId="carried-in">
            {money(b.carriedInCents)}
          </Figure>
        )}
      </dl>
      {b.byPayer.length === 0 ? <p>Aucun versement n’est encore enregistré.</p> : <ByPayer b={b} />}
      {b.activatedCents > 0 && <ActivatedValue b={b} />}
      <CofunderSharesSection programId={programId} asOf={asOf} />
      {fundings.length > 0 && <FundingList programId={programId} fundings={fundings} admin={admin} />}
      {admin && (
        <div className="pn-actions">
          <Link
            to="/financeur/programmes/$programId/versement"
            params={{ programId }}
            className={fr.cx('fr-btn')}
          >
            Enregistrer un versement
          </Link>
        </div>
      )}
    </section>
  );
}
