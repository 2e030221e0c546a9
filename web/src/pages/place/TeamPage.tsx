import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useInviteToPlace } from '../../api/members';
import { useSession } from '../../api/session';
import { isPlaceAdmin, placeMembership } from '../../ui/roles';
import { InviteForm, type RoleOffer } from '../../ui/team/InviteForm';
import { MembersTable } from '../../ui/team/MembersTable';
import { PendingInvitations } from '../../ui/team/PendingInvitations';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

const TITLE = 'Équipe du lieu';

const ROLES: RoleOffer<'place_agent' | 'place_admin'>[] = [
  {
    value: 'place_agent',
    label: 'Accueillir et encaisser des pass (médiateur, bénévole)',
    short: 'accueil et encaissement',
  },
  {
    value: 'place_admin',
    label: 'Administrer le lieu : sa fiche, ses clés d’API, son compte bancaire, son équipe',
    short: 'administrateur du lieu',
  },
];

/**
 * The place's admin keeps its team: invites the mediators and volunteers who take passes at the
 * desk, and ends the access of one who left (from their next click they can no longer redeem).
 */
export function PlaceTeamPage() {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const place = placeMembership(session);
  const invite = useInviteToPlace(place?.organisationId ?? '');
  if (!place) return null;
  const placeId = place.organisationId;
  if (!isPlaceAdmin(session, placeId)) {
    return (
      <>
        <h1>{TITLE}</h1>
        <Alert
          severity="info"
          as="h2"
          title="Réservé aux administrateurs du lieu"
          description="L’équipe du lieu est gérée par ses administrateurs : adressez-vous à l’un d’eux pour inviter quelqu’un ou retirer un accès."
        />
      </>
    );
  }
  const team = { placeId };
  return (
    <>
      <h1>{TITLE}</h1>
      {place.organisationName && <p className={fr.cx('fr-text--lead')}>{place.organisationName}</p>}
      <MembersTable team={team} />
      <InviteForm roles={ROLES} whom="un médiateur, un bénévole ou un collègue" invite={invite.mutateAsync} />
      <PendingInvitations team={team} />
    </>
  );
}
