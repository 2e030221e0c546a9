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
 * What every form page of a programme shares: the programme as of today, the
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
  useDocumentTitle(title);
  const program = useProgram(programId, todayInParis());
  useFunderOfPage(program.data?.funderId);
  if (program.isPending) return <Loading />;
  if (program.isError) return <QueryError error={program.error} what="Ce dispositif" />;
  const name = program.data.state?.name ?? 'Dispositif';
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
