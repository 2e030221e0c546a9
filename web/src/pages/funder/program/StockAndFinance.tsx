import { useFinance } from '../../../api/finance';
import { useSession } from '../../../api/session';
import type { ProgramPhase } from '../../../api/types';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { isFunderAdmin } from '../../../ui/roles';
import { CarryOverSection } from './CarryOverSection';
import { ClosureSection } from './ClosureSection';
import { FinanceSection } from './FinanceSection';
import { PassesSection } from './PassesSection';

/**
 * Passes and money as they stand today, whatever date the page shows: the stock is not an
 * amended history, and the balances are what may be done with the money now. The co-funders'
 * shares and the closure's money are documents « au 31/12 »: they follow the date shown.
 */
export function StockAndFinance({
  programId,
  funderId,
  phaseToday,
  asOf,
}: {
  programId: string;
  funderId: string;
  /** the programme's status today, once known: what may still be done with its booklets */
  phaseToday?: ProgramPhase;
  /** the day the page shows, when not today */
  asOf?: string;
}) {
  const finance = useFinance(programId);
  const { data: session } = useSession();
  const admin = isFunderAdmin(session, funderId);
  if (finance.isPending) return <Loading what="Chargement des pass et du financement…" />;
  if (finance.isError) return <QueryError error={finance.error} what="Le financement de ce dispositif" />;
  return (
    <>
      <PassesSection
        programId={programId}
        passes={finance.data.passes}
        admin={admin}
        phaseToday={phaseToday}
      />
      <FinanceSection
        programId={programId}
        balances={finance.data.balances}
        fundings={finance.data.fundings}
        admin={admin}
        asOf={asOf}
      />
      <ClosureSection programId={programId} asOf={asOf} />
      <CarryOverSection programId={programId} admin={admin} />
    </>
  );
}
