import { deName } from '../../../../src/core/french';
import { useCreateInvitation } from '../../api/invitations';
import { useSession } from '../../api/session';
import { FunderBreadcrumb } from '../../ui/FunderBreadcrumb';
import { funderMembership } from '../../ui/roles';
import { InviteForm } from '../../ui/team/InviteForm';
import { MembersTable } from '../../ui/team/MembersTable';
import { PendingInvitations } from '../../ui/team/PendingInvitations';
import { FUNDER_ROLE_OFFERS } from '../../ui/team/roleNames';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { AdminOnly } from './AdminOnly';

const TITLE = 'Équipe';

/**
 * A funder admin keeps the team: who has access (a role changed, an access ended), colleagues
 * invited (each invitation a one-time link, valid 14 days), invitations waiting (one withdrawn).
 */
export function TeamPage() {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const membership = funderMembership(session);
  const invite = useCreateInvitation(membership?.funderId ?? '');
  if (!membership) return null;
  const team = { funderId: membership.funderId };
  return (
    <>
      <FunderBreadcrumb current={TITLE} />
      <h1>
        {TITLE}
        {membership.funderName ? ` ${deName(membership.funderName)}` : ''}
      </h1>
      <AdminOnly
        funderId={membership.funderId}
        description="Seuls les administrateurs du financeur gèrent l’équipe et invitent des collègues. Demandez-leur de vous envoyer une invitation."
      >
        <MembersTable team={team} />
        <InviteForm roles={FUNDER_ROLE_OFFERS} whom="un collègue" invite={invite.mutateAsync} />
        <PendingInvitations team={team} />
      </AdminOnly>
    </>
  );
}
