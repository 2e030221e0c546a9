import { fr } from '@codegouvfr/react-dsfr';
import type { ReactNode } from 'react';
import { useProgram } from '../../api/programs';
import type { ProgramDetail } from '../../api/types';
import { todayInParis } from '../../lib/format';
import { FunderBreadcrumb } from '../../ui/FunderBreadcrumb';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useFunderOfPage } from '../../ui/useFunderOfPage';
import { AdminOnly } from './AdminOnly';

/**
 * What every form page of a programme shares: the programme as of today (as of its start
 * for one that has not started), the
 * breadcrumb, the title and the programme's name, an explanation, and a body only
 * the funder's admins see.
 */
export function ProgramFormFrame({
  programId,
  title,
  crumb,
  intro,
  children,
}: {
  programId: string;
  title: string;
  crumb: string;
  intro?: ReactNode;
  children: (program: ProgramDetail) => ReactNode;
}) {
  const today = todayInParis();
  const asOfToday = useProgram(programId, today);
  // A programme decided ahead (next year's) is shown as it will start: as of today it has no
  // budget nor publics yet, and an amendment form opened empty replaced them with what it sent.
  const startsLater = asOfToday.data && asOfToday.data.startsOn > today ? asOfToday.data.startsOn : today;
  const atStart = useProgram(programId, startsLater);
  const program = startsLater === today ? asOfToday : atStart;
  useDocumentTitle(title, program.data?.name);
  useFunderOfPage(program.data?.funderId);
  if (program.isError) return <QueryError error={program.error} what="Ce dispositif" />;
  // keepPreviousData shows today's answer while the start's loads: wait for the start's.
  if (program.isPending || program.data.asOf !== startsLater) return <Loading />;
  const name = program.data.name;
  return (
    <>
      <FunderBreadcrumb program={{ id: programId, name }} current={crumb} />
      <h1>{title}</h1>
      <p className={fr.cx('fr-text--lead')}>{name}</p>
      {intro && <p>{intro}</p>}
      <AdminOnly funderId={program.data.funderId}>{children(program.data)}</AdminOnly>
    </>
  );
}
