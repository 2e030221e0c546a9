import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useSession } from '../api/session';
import { showRightsNotice, useRightsNotice } from './rightsNotice';

/** Says what an admin changed in the person's rights while their page was open (ui/rightsNotice.ts). */
export function RightsNotice() {
  const { userId, sentences } = useRightsNotice();
  const { data: session } = useSession();
  if (!sentences.length || session?.user.id !== userId) return null;
  return (
    <Alert
      severity="info"
      small
      role="status"
      description={sentences.join(' ')}
      closable
      onClose={() => showRightsNotice(null, [])}
      className="fr-mb-4w"
    />
  );
}
