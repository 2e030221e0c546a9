import { describe, expect, it } from 'vitest';
import type { Membership, Session } from '../api/types';
import { describeRightsChange } from './rightsNotice';

const HDF = 'f0000000-0000-4000-8000-000000000001';
const PDC = 'f0000000-0000-4000-8000-000000000002';
const MEDIATHEQUE = 'a0000000-0000-4000-8000-000000000001';
const CENTRE = 'a0000000-0000-4000-8000-000000000002';

const place = (
  organisationId: string,
  organisationName: string,
  funderId: string,
  role: Membership['role'],
) => ({
  role,
  funderId,
  funderName: funderId === HDF ? 'Région Hauts-de-France' : 'Département du Pas-de-Calais',
  organisationId,
  organisationName,
});

const session = (...memberships: Membership[]): Session => ({
  user: { id: 'u1', email: 'karim@exemple.fr', displayName: 'Karim Haddad', hasPassword: true },
  memberships,
  csrfToken: 't',
});

describe('what a person is told when an admin changed their rights', () => {
  it('names a place once, however many funders have it on their roster', () => {
    const before = session(
      place(MEDIATHEQUE, 'Médiathèque Louis Aragon', HDF, 'place_agent'),
      place(MEDIATHEQUE, 'Médiathèque Louis Aragon', PDC, 'place_agent'),
      place(CENTRE, 'Centre social', HDF, 'place_admin'),
    );
    const after = session(place(CENTRE, 'Centre social', HDF, 'place_admin'));
    expect(describeRightsChange(before, after)).toEqual([
      'Votre accès à Médiathèque Louis Aragon a pris fin.',
    ]);
  });

  it('says a new role by its name, and a space newly given', () => {
    const viewer = { role: 'funder_viewer', funderId: HDF, funderName: 'Région Hauts-de-France' };
    const before = session({ ...viewer, organisationId: null, organisationName: null } as Membership);
    const after = session(
      { ...viewer, role: 'funder_admin', organisationId: null, organisationName: null } as Membership,
      place(CENTRE, 'Centre social', HDF, 'place_agent'),
    );
    expect(describeRightsChange(before, after)).toEqual([
      'Votre rôle pour Région Hauts-de-France est maintenant « Administrateur ».',
      'Vous avez maintenant accès à Centre social (« Accueil et encaissement des pass »).',
    ]);
  });
});
