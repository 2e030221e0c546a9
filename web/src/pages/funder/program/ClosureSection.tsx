import { fr } from '@codegouvfr/react-dsfr';
import { useClosure, useCofunderShares } from '../../../api/closing';
import { formatCents, formatDate, formatInt, todayInParis } from '../../../lib/format';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';

const money = (c: number) => <span className="pn-nowrap">{formatCents(c)}</span>;

/**
 * The end of the programme: its dates as amended (reminders, tolerance for late sessions, final
 * statements), what became of its passes and its money, and what each payer gets back.
 */
export function ClosureSection({ programId, asOf: shown }: { programId: string; asOf?: string }) {
  // At a day to come, today's sums: nothing is recorded beyond today (as the co-funders' shares).
  const today = todayInParis();
  const future = shown !== undefined && shown > today;
  const asOf = future ? undefined : shown;
  const closure = useClosure(programId, asOf);
  // What each co-funder still owes by its share of the budget (the section above, its query shared).
  const shares = useCofunderShares(programId, asOf);
  const stillToCall = new Map(
    (shares.data?.shares ?? []).filter((s) => s.balanceCents > 0).map((s) => [s.name, s.balanceCents]),
  );
  if (closure.isPending) return <Loading what="Chargement du bilan de fin de dispositif…" />;
  if (closure.isError) return <QueryError error={closure.error} what="Le bilan de fin de dispositif" />;
  const { dates, passes, money: m, byPayer } = closure.data;
  return (
    <section aria-labelledby="fin-dispositif" className={fr.cx('fr-mt-6w')}>
      <h2 id="fin-dispositif">Fin du dispositif</h2>
      {asOf && (
        // A pass keeps its state, not its history: its counts cannot be told as of a past day.
        <p data-testid="closure-as-of">
          Sommes au {formatDate(asOf)} ; les nombres de pass sont ceux d’aujourd’hui.
        </p>
      )}
      {future && (
        <p data-testid="closure-as-of">
          Sommes et nombres de pass au {formatDate(today)}, et non au {formatDate(shown)} : ils ne sont connus
          qu’à ce jour.
        </p>
      )}
      {dates && (
        <ul>
          <li>
            Rappels aux prescripteurs qui détiennent encore des pass, avant la fin de la distribution :{' '}
            {dates.prescriberReminderDays.map((d) => formatDate(d)).join(', ')}
          </li>
          <li>
            Rappels aux lieux, avant la fin d’utilisation :{' '}
            {dates.reminderDays.map((d) => formatDate(d)).join(', ')}
          </li>
          <li>Fin d’utilisation des pass : {formatDate(dates.usageEnd)}</li>
          <li>
            Séances tardives (données avant la fin) enregistrables jusqu’au{' '}
            {formatDate(dates.lastRecordingDay)} ({formatInt(dates.lateSessionDays)} jours de tolérance)
          </li>
          <li>Relevés finaux : {formatDate(dates.finalStatementsOn)}</li>
        </ul>
      )}
      <dl className="pn-figures">
        <div>
          <dt>Pass émis</dt>
          <dd>{formatInt(passes.issued)}</dd>
        </div>
        <div>
          <dt>Utilisés</dt>
          <dd>{formatInt(passes.used)}</dd>
        </div>
        <div>
          <dt>Expirés</dt>
          <dd>{formatInt(passes.expired)}</dd>
        </div>
        <div>
          <dt>Annulés</dt>
          <dd>{formatInt(passes.cancelled)}</dd>
        </div>
        <div>
          <dt>Valeur encore due aux lieux</dt>
          <dd>{money(m.owedCents)}</dd>
        </div>
        <div>
          <dt>Valeur payée aux lieux</dt>
          <dd>{money(m.paidCents)}</dd>
        </div>
        {m.writtenOffCents > 0 && (
          <div>
            <dt>Restes abandonnés (virements payés en partie)</dt>
            <dd>{money(m.writtenOffCents)}</dd>
          </div>
        )}
      </dl>
      {byPayer.length > 0 && (
        <TableFrame caption="À rendre à chaque payeur">
          <thead>
            <tr>
              <th scope="col">Payeur</th>
              <th scope="col">Reçu</th>
              <th scope="col">Sa part du montant jamais activé</th>
              <th scope="col">Sa part selon sa convention</th>
              <th scope="col">À rendre</th>
            </tr>
          </thead>
          <tbody>
            {byPayer.map((p) => (
              <tr key={p.payer}>
                <th scope="row">{p.payer}</th>
                <td>{money(p.receivedCents)}</td>
                <td>{money(p.neverActivatedCents)}</td>
                <td>{p.shareCents === null ? '—' : money(p.shareCents)}</td>
                <td>
                  {money(p.toReturnCents)}
                  {p.shareCents !== null && (
                    <span className={fr.cx('fr-hint-text')}>
                      versé au-delà de sa part des pass utilisés
                      {/* Its share grows with every pass still used: the sum is not yet final. Activated passes
                          not used yet, the stock's too: not the dashboard's « en circulation »,
                          which counts only those handed out. */}
                      {passes.outstanding > 0 &&
                        ` ; peut baisser tant que ${formatInt(passes.outstanding)} ${passes.outstanding === 1 ? 'pass activé reste' : 'pass activés restent'} à utiliser`}
                    </span>
                  )}
                  {/* Told to call money from a payer and to give it money back, on one page: say
                      that the two settle each other. */}
                  {p.toReturnCents > 0 && stillToCall.has(p.payer) && (
                    <span className={fr.cx('fr-hint-text')}>
                      sa part du budget appelle encore {money(stillToCall.get(p.payer)!)} (« Parts des
                      cofinanceurs ») : les deux sommes se compensent
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </section>
  );
}
