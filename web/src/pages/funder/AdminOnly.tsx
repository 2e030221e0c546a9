import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { ReactNode } from 'react';
import { useSession } from '../../api/session';
import { isFunderAdmin } from '../../ui/roles';

/** Forms that change a programme are for the funder's administrators (the API checks it too). */
export function AdminOnly({
  funderId,
  children,
  description = 'Seuls les administrateurs du financeur peuvent modifier un dispositif. Demandez-leur d’enregistrer ce changement.',
}: {
  funderId: string;
  children: ReactNode;
  /** what a viewer is told instead of the form */
  description?: string;
}) {
  const { data: session } = useSession();
  if (isFunderAdmin(session, funderId)) return <>{children}</>;
  return <Alert severity="info" as="h2" title="Consultation seule" description={description} />;
}
