import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef } from 'react';
import { useCreateInvitation } from '../../api/invitations';
import type { Funder } from '../../api/types';
import { InviteForm } from '../../ui/team/InviteForm';
import { MembersTable } from '../../ui/team/MembersTable';
import { PendingInvitations } from '../../ui/team/PendingInvitations';
import { FUNDER_ROLE_OFFERS } from '../../ui/team/roleNames';

/**
 * A funder's team as the platform admin supports it: whether its first admin has joined
 * (members), whose invitation still waits, and a new invitation. Without SMTP an invitation's
 * link is shown once; inviting the same address again replaces a lost link with a new one.
 */
export function FunderTeam({ funder, onClose }: { funder: Funder; onClose: () => void }) {
  const invite = useCreateInvitation(funder.id);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from a row of the list, far above or below: the focus comes here.
  useEffect(() => heading.current?.focus(), []);
  const team = { funderId: funder.id };
  return (
    <section aria-labelledby="equipe-financeur" className={fr.cx('fr-mt-6w')}>
      <h2 id="equipe-financeur" ref={heading} tabIndex={-1}>
        Équipe de « {funder.name} »
      </h2>
      <p>
        Un lien d’invitation perdu ? Invitez à nouveau la même adresse : le nouveau lien remplace l’ancien,
        qui ne fonctionne plus.
      </p>
      <MembersTable team={team} />
      <InviteForm roles={FUNDER_ROLE_OFFERS} whom="une personne du financeur" invite={invite.mutateAsync} />
      <PendingInvitations team={team} />
      <Button type="button" priority="tertiary" className={fr.cx('fr-mt-2w')} onClick={onClose}>
        Fermer l’équipe de « {funder.name} »
      </Button>
    </section>
  );
}
