import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { BudgetView } from '../../../api/types';
import { formatBps, formatCents } from '../../../lib/format';
import { BUDGET_KIND_LABELS } from '../../../lib/labels';
import { BarChart } from '../../../ui/BarChart';
import { TableFrame } from '../../../ui/TableFrame';

const money = (c: number) => <span className="pn-nowrap">{formatCents(c)}</span>;

function BudgetAlerts({ b }: { b: BudgetView }) {
  return (
    <>
      {b.engineeringWithinCeiling === false && b.engineeringCeilingBps !== null && (
        <Alert
          severity="warning"
          as="h3"
          className="fr-mb-2w"
          title="Part d’ingénierie supérieure au plafond"
          description={`L’ingénierie d’accompagnement représente ${formatBps(b.engineeringShareBps)} du budget (${formatCents(b.engineeringCents)}), au-delà du plafond de ${formatBps(b.engineeringCeilingBps)}.`}
        />
      )}
      {b.overfunded && (
        <Alert
          severity="error"
          as="h3"
          className="fr-mb-2w"
          title="Cofinancements supérieurs au coût total"
          description="La somme des cofinancements dépasse le coût total du dispositif."
        />
      )}
      {!b.phasingMatchesTotal && b.phasing.length > 0 && (
        <Alert
          severity="warning"
          as="h3"
          className="fr-mb-2w"
          title="Phasage différent du coût total"
          description={`Le phasage des paiements totalise ${formatCents(b.phasingTotalCents)} pour un coût total de ${formatCents(b.totalCents)}.`}
        />
      )}
      {!b.acquisitionCoversPasses && (
        <Alert
          severity="warning"
          as="h3"
          className="fr-mb-2w"
          title="Acquisition insuffisante"
          description={`Le poste d’acquisition (${formatCents(b.byKind.acquisition)}) ne couvre pas la valeur des pass prévus (${formatCents(b.passesValueCents)}).`}
        />
      )}
    </>
  );
}

function Lines({ b }: { b: BudgetView }) {
  return (
    <TableFrame caption="Postes de dépense">
      <thead>
        <tr>
          <th scope="col">Libellé</th>
          <th scope="col">Nature</th>
          <th scope="col">Montant</th>
          <th scope="col">Part</th>
        </tr>
      </thead>
      <tbody>
        {b.lines.map((l) => (
          <tr key={`${l.kind}:${l.label}:${l.amountCents}`}>
            <th scope="row">{l.label}</th>
            <td>{BUDGET_KIND_LABELS[l.kind] ?? l.kind}</td>
            <td>{money(l.amountCents)}</td>
            <td className="pn-nowrap">{formatBps(l.shareBps)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            Coût total
          </th>
          <td>{money(b.totalCents)}</td>
          <td className="pn-nowrap">{formatBps(10000)}</td>
        </tr>
      </tfoot>
    </TableFrame>
  );
}

function Cofunding({ b }: { b: BudgetView }) {
  const remainderBps = b.funderShareBps;
  const bars = [
    ...b.cofunders.map((c) => ({
      label: c.name,
      value: c.amountCents,
      display: `${formatCents(c.amountCents)} (${formatBps(c.shareBps)})`,
    })),
    {
      label: 'Financeur',
      value: Math.max(b.funderRemainderCents, 0),
      display: `${formatCents(b.funderRemainderCents)} (${formatBps(remainderBps)})`,
    },
  ];
  return (
    <>
      <h3>Cofinancements</h3>
      <BarChart title="Répartition du financement" bars={bars} />
      <TableFrame caption="Répartition du financement">
        <thead>
          <tr>
            <th scope="col">Financeur</th>
            <th scope="col">Montant</th>
            <th scope="col">Part du coût total</th>
          </tr>
        </thead>
        <tbody>
          {b.cofunders.map((c) => (
            <tr key={c.name}>
              <th scope="row">{c.name}</th>
              <td>{money(c.amountCents)}</td>
              <td className="pn-nowrap">{formatBps(c.shareBps)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Reste à la charge du financeur</th>
            <td>{money(b.funderRemainderCents)}</td>
            <td className="pn-nowrap">{formatBps(remainderBps)}</td>
          </tr>
        </tbody>
      </TableFrame>
    </>
  );
}

function Phasing({ b }: { b: BudgetView }) {
  if (b.phasing.length === 0) return null;
  const years = [...b.phasing].sort((x, y) => x.year - y.year);
  return (
    <>
      <h3>Phasage des paiements</h3>
      <BarChart
        title="Paiements prévus par année"
        bars={years.map((p) => ({
          label: String(p.year),
          value: p.amountCents,
          display: formatCents(p.amountCents),
        }))}
      />
      <TableFrame caption="Paiements prévus par année">
        <thead>
          <tr>
            <th scope="col">Année</th>
            <th scope="col">Montant</th>
          </tr>
        </thead>
        <tbody>
          {years.map((p) => (
            <tr key={p.year}>
              <th scope="row">{p.year}</th>
              <td>{money(p.amountCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td>{money(b.phasingTotalCents)}</td>
          </tr>
        </tfoot>
      </TableFrame>
    </>
  );
}

export function BudgetSection({ budget: b }: { budget: BudgetView }) {
  const ceiling =
    b.engineeringCeilingBps === null ? 'sans plafond' : `plafond ${formatBps(b.engineeringCeilingBps)}`;
  return (
    <section aria-labelledby="budget" className={fr.cx('fr-mt-6w')}>
      <h2 id="budget">Budget</h2>
      <BudgetAlerts b={b} />
      <dl className="pn-figures">
        <div>
          <dt>Coût total</dt>
          <dd>{money(b.totalCents)}</dd>
        </div>
        <div>
          <dt>Acquisition des pass</dt>
          <dd>{money(b.byKind.acquisition)}</dd>
        </div>
        <div>
          <dt>Ingénierie d’accompagnement</dt>
          <dd>
            {money(b.engineeringCents)}{' '}
            <span className={fr.cx('fr-text--sm')}>
              ({formatBps(b.engineeringShareBps)}, {ceiling})
            </span>
          </dd>
        </div>
        <div>
          <dt>Reste à la charge du financeur</dt>
          <dd>{money(b.funderRemainderCents)}</dd>
        </div>
      </dl>
      <Lines b={b} />
      <Cofunding b={b} />
      <Phasing b={b} />
    </section>
  );
}
