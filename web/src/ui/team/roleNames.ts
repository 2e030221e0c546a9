import type { Role } from '../../api/types';

/** A team's roles as its pages name them: the table of who has access, the invitations waiting. */
export const TEAM_ROLE_NAMES: Partial<Record<Role, string>> = {
  funder_admin: 'Administrateur',
  funder_viewer: 'Consultation seule',
  place_admin: 'Administrateur du lieu',
  place_agent: 'Accueil et encaissement des pass',
  prescriber_agent: 'Agent d’un prescripteur',
};
