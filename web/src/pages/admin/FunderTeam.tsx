import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef } from 'react';
import { useCreateInvitation } from '../../api/invitations';
import { useMembers } from '../../api/members';
import type { Funder } from '../../api/types';
import { InviteForm } from '../../ui/team/InviteForm';
import { MembersTable } from '../../ui/team/MembersTable';
import { PendingInvitations } from '../../ui/team/PendingInvitations';
import { FUNDER_ROLE_OFFERS } from '../../ui/team/roleNames';

/** The operator invites a funder's admin only (auth/service.ts operatorInvitation). */
const ADMIN_OFFER = FUNDER_ROLE_OFFERS.filter((r) => r.value === 'funder_admin');

/**
 * A funder's team as the platform admin supports it: whether its first admin has joined
 * (members), whose invitation still waits, and a new invitation. The operator invites the
 * first admin of a funder, or a new one when none of its admins can act (their accounts
 * disabled), nothing else: once an admin can act, the form gives way to why (the API refuses
 * it, funder_runs_its_team). Without SMTP an invitation's link is shown once; inviting the same
 * address again replaces a lost link with a new one.
 */
export function FunderTeam({ funder, onClose }: { funder: Funder; onClose: () => void }) {
  const invite = useCreateInvitation(funder.id);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from a row of the list, far above or below: the focus comes here.
  useEffect(() => heading.current?.focus(), []);
  const team = { funderId: funder.id };
  const members = useMembers(team);
  const adminActs = members.data?.some((m) => m.role === 'funder_admin' && !m.disabledAt);
  return (
    <section aria-labelledby="equipe-financeur" className={fr.cx('fr-mt-6w')}>
      <h2 id="equipe-financeur" ref={heading} tabIndex={-1}>
        Équipe de « {funder.name} »
      </h2>
      <MembersTable team={team} />
      {adminActs ? (
        <Alert
          severity="info"
          small
          className={fr.cx('fr-mt-4w')}
          data-testid="operator-invitation-closed"
          description={`« ${funder.name} » a un administrateur qui peut agir : c’est lui qui invite les personnes de son équipe, un autre administrateur compris. L’opérateur de la plateforme n’invite que le premier administrateur d’un financeur, ou un nouveau quand aucun ne peut plus agir (comptes désactivés).`}
        />
      ) : (
        members.data && (
          <>
            <p className={fr.cx('fr-mt-4w')}>
              Aucun administrateur du financeur ne peut agir : invitez son administrateur, qui invitera
              ensuite les autres personnes. Un lien d’invitation perdu ? Invitez à nouveau la même adresse :
              le nouveau lien remplace l’ancien, qui ne fonctionne plus.
            </p>
            <InviteForm
              roles={ADMIN_OFFER}
              whom="l’administrateur du financeur"
              invite={invite.mutateAsync}
            />
          </>
        )
      )}
      <PendingInvitations team={team} />
      <Button type="button" priority="tertiary" className={fr.cx('fr-mt-2w')} onClick={onClose}>
        Fermer l’équipe de « {funder.name} »
      </Button>
    </section>
  );
}
