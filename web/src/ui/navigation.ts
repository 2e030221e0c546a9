import type { MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import type { Session } from '../api/types';
import {
  funderMembership,
  isFunderAdmin,
  isPlaceAdmin,
  isPlatformAdmin,
  placeMembership,
  placeMemberships,
  prescriberMembership,
} from './roles';

/**
 * Whether the signed-in person has a menu: a beneficiary has none, and an empty « Menu
 * principal » landmark and a « Menu » skip link to it were announced for nothing.
 */
export const hasNavigation = (session: Session | null | undefined): session is Session =>
  !!session && navigationFor(session, '').length > 0;

/**
 * The menu of every space the person works in. Spaces share short labels (« Carnets » of a
 * funder and of a prescriber, « Relevés » and « Équipe » of a funder and of a place): a person
 * in two of them read the same label twice for two pages, so a label met twice is said with
 * its space (« Carnets du financeur », « Carnets du prescripteur »); alone, it stays short.
 */
export function navigationFor(session: Session, path: string): MainNavigationProps.Item[] {
  const items: MainNavigationProps.Item[] = [];
  // Each item's space, filled in after each space's items: « du financeur », « du lieu »…
  const spaceOf: string[] = [];
  const inSpace = (space: string) => {
    while (spaceOf.length < items.length) spaceOf.push(space);
  };
  const funder = funderMembership(session);
  if (funder) {
    const inJournal = path.startsWith('/financeur/journal');
    const inBooklets = path.startsWith('/financeur/carnets');
    const inPrescribers = path.startsWith('/financeur/prescripteurs');
    const inTeam = path.startsWith('/financeur/equipe');
    const inSettings = path.startsWith('/financeur/parametres');
    const inPayments = path.startsWith('/financeur/paiements');
    const inPlaces = path.startsWith('/financeur/lieux') || path.startsWith('/financeur/qualification');
    const inStatements = path.startsWith('/financeur/releves');
    const inBeneficiaries = path.startsWith('/financeur/beneficiaires');
    items.push({
      text: 'Dispositifs',
      linkProps: { href: '/financeur' },
      isActive:
        path.startsWith('/financeur') &&
        !inJournal &&
        !inBooklets &&
        !inPrescribers &&
        !inTeam &&
        !inSettings &&
        !inPlaces &&
        !inStatements &&
        !inPayments &&
        !inBeneficiaries,
    });
    items.push({ text: 'Carnets', linkProps: { href: '/financeur/carnets' }, isActive: inBooklets });
    items.push({
      text: 'Prescripteurs',
      linkProps: { href: '/financeur/prescripteurs' },
      isActive: inPrescribers,
    });
    items.push({ text: 'Lieux', linkProps: { href: '/financeur/lieux' }, isActive: inPlaces });
    items.push({ text: 'Relevés', linkProps: { href: '/financeur/releves' }, isActive: inStatements });
    items.push({ text: 'Paiements', linkProps: { href: '/financeur/paiements' }, isActive: inPayments });
    if (isFunderAdmin(session, funder.funderId)) {
      // A person's data: its admins alone answer a person's requests (the API refuses viewers).
      items.push({
        text: 'Bénéficiaires',
        linkProps: { href: '/financeur/beneficiaires' },
        isActive: inBeneficiaries,
      });
      items.push({ text: 'Équipe', linkProps: { href: '/financeur/equipe' }, isActive: inTeam });
    }
    // Read-only seats read it too: an auditor checks the journal without any right to pay.
    items.push({ text: 'Journal', linkProps: { href: '/financeur/journal' }, isActive: inJournal });
    items.push({ text: 'Paramètres', linkProps: { href: '/financeur/parametres' }, isActive: inSettings });
    inSpace('du financeur');
  }
  const place = placeMembership(session);
  if (place) {
    const inKeys = path.startsWith('/lieu/cles');
    const inTeam = path.startsWith('/lieu/equipe');
    // Adding a site of the structure starts from the place's profile, which links to it.
    const inProfile = path.startsWith('/lieu/profil') || path.startsWith('/lieu/ajouter-un-site');
    const inQualification = path.startsWith('/lieu/qualification');
    const inStatements = path.startsWith('/lieu/releves');
    const inMyPlaces = path.startsWith('/lieu/mes-lieux');
    const inJournal = path.startsWith('/lieu/journal');
    items.push({
      text: 'Encaisser',
      linkProps: { href: '/lieu' },
      isActive:
        (path === '/lieu' || path.startsWith('/lieu/')) &&
        !inKeys &&
        !inTeam &&
        !inProfile &&
        !inQualification &&
        !inStatements &&
        !inMyPlaces &&
        !inJournal,
    });
    items.push({
      text: 'Qualification',
      linkProps: { href: '/lieu/qualification' },
      isActive: inQualification,
    });
    items.push({ text: 'Fiche du lieu', linkProps: { href: '/lieu/profil' }, isActive: inProfile });
    items.push({ text: 'Relevés', linkProps: { href: '/lieu/releves' }, isActive: inStatements });
    if (isPlaceAdmin(session, place.organisationId)) {
      items.push({ text: 'Équipe', linkProps: { href: '/lieu/equipe' }, isActive: inTeam });
      items.push({ text: 'Clés d’API', linkProps: { href: '/lieu/cles' }, isActive: inKeys });
      items.push({ text: 'Journal', linkProps: { href: '/lieu/journal' }, isActive: inJournal });
    }
    // Someone who works at several places reads them side by side there, rather than one by one.
    if (placeMemberships(session).length >= 2)
      items.push({ text: 'Mes lieux', linkProps: { href: '/lieu/mes-lieux' }, isActive: inMyPlaces });
    inSpace('du lieu');
  }
  if (prescriberMembership(session)) {
    items.push({
      text: 'Carnets',
      linkProps: { href: '/prescripteur' },
      isActive: path.startsWith('/prescripteur'),
    });
    // The desk shows the person where the passes are accepted: the public directory, signed in.
    items.push({
      text: 'Trouver un lieu',
      linkProps: { href: '/annuaire' },
      isActive: path.startsWith('/annuaire'),
    });
    inSpace('du prescripteur');
  }
  if (isPlatformAdmin(session)) {
    items.push({ text: 'Financeurs', linkProps: { href: '/admin' }, isActive: path === '/admin' });
    // The helpdesk's most frequent call: « the place refused the code of my booklet ».
    items.push({
      text: 'Trouver un pass',
      linkProps: { href: '/admin/pass' },
      isActive: path === '/admin/pass',
    });
    items.push({
      text: 'Messages',
      linkProps: { href: '/admin/messages' },
      isActive: path.startsWith('/admin/messages'),
    });
  }
  inSpace('de la plateforme');
  return withDistinctLabels(items, spaceOf);
}

/** A label two spaces share is followed by each item's space; the others are left as they are. */
function withDistinctLabels(
  items: MainNavigationProps.Item[],
  spaceOf: string[],
): MainNavigationProps.Item[] {
  const count = new Map<unknown, number>();
  for (const item of items) count.set(item.text, (count.get(item.text) ?? 0) + 1);
  return items.map((item, i) =>
    (count.get(item.text) ?? 0) > 1 ? { ...item, text: `${item.text} ${spaceOf[i]}` } : item,
  );
}
