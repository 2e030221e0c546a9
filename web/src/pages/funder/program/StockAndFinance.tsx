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
 * Passes and money as they stand today, whatever date the page shows: the ledger and the
 * stock are not amended histories, so they have no "as of".
 */
export function StockAndFinance({
  programId,
  funderId,
  phaseToday,
}: {
  programId: string;
  funderId: string;
  /** the programme's status today, once known: what may still be done with its booklets */
  phaseToday?: ProgramPhase;
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
      />
      <ClosureSection programId={programId} />
      <CarryOverSection programId={programId} admin={admin} />
    </>
  );
}
