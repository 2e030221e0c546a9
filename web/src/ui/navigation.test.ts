import { describe, expect, it } from 'vitest';
import type { Membership, Session } from '../api/types';
import { navigationFor } from './navigation';

const HDF = 'f0000000-0000-4000-8000-000000000001';
const MISSION_LOCALE = 'a0000000-0000-4000-8000-000000000001';
const MEDIATHEQUE = 'a0000000-0000-4000-8000-000000000002';

const membership = (role: Membership['role'], organisationId: string | null = null): Membership => ({
  role,
  funderId: HDF,
  funderName: 'Région Hauts-de-France',
  organisationId,
  organisationName: organisationId ? 'Une structure' : null,
});

const session = (...memberships: Membership[]): Session => ({
  user: { id: 'u1', email: 'dominique@exemple.fr', displayName: 'Dominique Leroy', hasPassword: true },
  memberships,
  csrfToken: 't',
});

const menu = (s: Session, path = '/financeur') =>
  navigationFor(s, path).map((i) => ({
    text: i.text as string,
    href: (i.linkProps as { href: string }).href,
    active: !!i.isActive,
  }));

/** Each label once, each destination once: what a screen reader's list of links reads. */
function expectDistinct(items: { text: string; href: string }[]) {
  expect(new Set(items.map((i) => i.text)).size, items.map((i) => i.text).join(', ')).toBe(items.length);
  expect(new Set(items.map((i) => i.href)).size).toBe(items.length);
}

describe('the main menu of a person with several spaces', () => {
  it('gives a funder viewer who is also a prescriber agent two booklet entries told apart', () => {
    const items = menu(session(membership('funder_viewer'), membership('prescriber_agent', MISSION_LOCALE)));
    expectDistinct(items);
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: 'Carnets du financeur', href: '/financeur/carnets' }),
        expect.objectContaining({ text: 'Carnets du prescripteur', href: '/prescripteur' }),
      ]),
    );
  });

  it('tells apart a funder admin’s and a place admin’s statements and teams', () => {
    const items = menu(session(membership('funder_admin'), membership('place_admin', MEDIATHEQUE)));
    expectDistinct(items);
    expect(items.map((i) => i.text)).toEqual(
      expect.arrayContaining([
        'Relevés du financeur',
        'Relevés du lieu',
        'Équipe du financeur',
        'Équipe du lieu',
      ]),
    );
  });

  it('keeps the short labels of a person with one space', () => {
    expect(menu(session(membership('prescriber_agent', MISSION_LOCALE)), '/prescripteur')).toEqual([
      { text: 'Carnets', href: '/prescripteur', active: true },
      { text: 'Trouver un lieu', href: '/annuaire', active: false },
    ]);
    const funder = menu(session(membership('funder_viewer')), '/financeur/carnets');
    expectDistinct(funder);
    expect(funder).toContainEqual({ text: 'Carnets', href: '/financeur/carnets', active: true });
  });

  /*
   * Found by a Mission locale advisor: signed in, her menu said « Carnets » alone, and « Trouver
   * un lieu » showed only to a visitor signed out; she shows the young person where the passes
   * are accepted from the directory.
   */
  it('offers a prescriber’s agent the places directory, marked while she reads it', () => {
    const agent = session(membership('prescriber_agent', MISSION_LOCALE));
    expect(menu(agent, '/annuaire/p1')).toEqual([
      { text: 'Carnets', href: '/prescripteur', active: false },
      { text: 'Trouver un lieu', href: '/annuaire', active: true },
    ]);
    // With a funder's seat too, once.
    const both = menu(session(membership('funder_viewer'), membership('prescriber_agent', MISSION_LOCALE)));
    expectDistinct(both);
    expect(both.filter((i) => i.href === '/annuaire')).toHaveLength(1);
  });

  it('offers « Mes lieux » to a person of two places only, and marks it, not the desk, when open', () => {
    const CENTRE = 'a0000000-0000-4000-8000-000000000003';
    const one = menu(session(membership('place_admin', MEDIATHEQUE)), '/lieu');
    expect(one.map((i) => i.text)).not.toContain('Mes lieux');
    const two = menu(
      session(membership('place_agent', MEDIATHEQUE), membership('place_admin', CENTRE)),
      '/lieu/mes-lieux',
    );
    expectDistinct(two);
    expect(two).toContainEqual({ text: 'Mes lieux', href: '/lieu/mes-lieux', active: true });
    expect(two.filter((i) => i.active)).toHaveLength(1);
  });

  it('offers the place’s journal to its admin only, and marks it, not the desk, when open', () => {
    const admin = menu(session(membership('place_admin', MEDIATHEQUE)), '/lieu/journal');
    expect(admin.filter((i) => i.active)).toEqual([{ text: 'Journal', href: '/lieu/journal', active: true }]);
    const agent = menu(session(membership('place_agent', MEDIATHEQUE)), '/lieu');
    expect(agent.map((i) => i.text)).not.toContain('Journal');
  });

  it('marks « Fiche du lieu », not the desk, on the form that adds a site of the structure', () => {
    const items = menu(session(membership('place_admin', MEDIATHEQUE)), '/lieu/ajouter-un-site');
    expect(items.filter((i) => i.active)).toEqual([
      { text: 'Fiche du lieu', href: '/lieu/profil', active: true },
    ]);
  });

  it('offers the platform admin « Trouver un pass », marked alone when open', () => {
    const operator: Membership = { ...membership('platform_admin'), funderId: null, funderName: null };
    const items = menu(session(operator), '/admin/pass');
    expectDistinct(items);
    expect(items).toContainEqual({ text: 'Trouver un pass', href: '/admin/pass', active: true });
    expect(items.filter((i) => i.active)).toHaveLength(1);
  });
});
