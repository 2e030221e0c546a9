import type { InvitationRole, Role } from '../../api/types';
import type { RoleOffer } from './InviteForm';

/** A team's roles as its pages name them: the table of who has access, the invitations waiting. */
export const TEAM_ROLE_NAMES: Partial<Record<Role, string>> = {
  funder_admin: 'Administrateur',
  funder_viewer: 'Consultation seule',
  place_admin: 'Administrateur du lieu',
  place_agent: 'Accueil et encaissement des pass',
  prescriber_agent: 'Agent d’un prescripteur',
};

/** The roles a funder's team invites to (its admins' team page, the platform admin's view). */
export const FUNDER_ROLE_OFFERS: RoleOffer<InvitationRole>[] = [
  {
    value: 'funder_admin',
    label: 'Administrer : créer et modifier les dispositifs, émettre et attribuer les carnets, inviter',
    short: 'administrateur',
  },
  {
    value: 'funder_viewer',
    label: 'Consulter seulement : voir les dispositifs, les carnets, les chiffres',
    short: 'en consultation seule',
  },
];
