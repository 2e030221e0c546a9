import { Header } from '@codegouvfr/react-dsfr/Header';
import { MainNavigation, type MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { useForgetUser, useLogout, useSession } from '../api/session';
import type { Session } from '../api/types';
import {
  funderMembership,
  isFunderAdmin,
  isPlaceAdmin,
  isPlatformAdmin,
  placeMembership,
  prescriberMembership,
} from './roles';

export const NAVIGATION_ID = 'navigation-principale';

/**
 * The name in the header, cut to what fits beside « Se déconnecter » at 1280 px: a name of 120
 * characters (the most an account may have) pushed the button out of the window.
 */
const NAME_SHOWN = 40;
function shownName(session: Session) {
  const name = session.user.displayName || session.user.email;
  return name.length <= NAME_SHOWN ? name : `${name.slice(0, NAME_SHOWN - 1).trimEnd()}…`;
}

/**
 * Whether the signed-in person has a menu: a beneficiary has none, and an empty « Menu
 * principal » landmark and a « Menu » skip link to it were announced for nothing.
 */
export const hasNavigation = (session: Session | null | undefined): session is Session =>
  !!session && navigationFor(session, '').length > 0;

function navigationFor(session: Session, path: string): MainNavigationProps.Item[] {
  const items: MainNavigationProps.Item[] = [];
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
  }
  const place = placeMembership(session);
  if (place) {
    const inKeys = path.startsWith('/lieu/cles');
    const inTeam = path.startsWith('/lieu/equipe');
    const inProfile = path.startsWith('/lieu/profil');
    const inQualification = path.startsWith('/lieu/qualification');
    const inStatements = path.startsWith('/lieu/releves');
    items.push({
      text: 'Encaisser',
      linkProps: { href: '/lieu' },
      isActive:
        (path === '/lieu' || path.startsWith('/lieu/')) &&
        !inKeys &&
        !inTeam &&
        !inProfile &&
        !inQualification &&
        !inStatements,
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
    }
  }
  if (prescriberMembership(session)) {
    items.push({
      text: 'Carnets',
      linkProps: { href: '/prescripteur' },
      isActive: path.startsWith('/prescripteur'),
    });
  }
  if (isPlatformAdmin(session)) {
    items.push({ text: 'Financeurs', linkProps: { href: '/admin' }, isActive: path === '/admin' });
    items.push({
      text: 'Messages',
      linkProps: { href: '/admin/messages' },
      isActive: path.startsWith('/admin/messages'),
    });
  }
  return items;
}

export function AppHeader() {
  const { data: session } = useSession();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const logout = useLogout();
  const forget = useForgetUser();
  const navigate = useNavigate();

  // Whatever the server answers, the user asked to leave: go, then forget their data.
  const onLogout = () =>
    logout.mutate(undefined, {
      onSettled: async () => {
        await navigate({ to: '/connexion', search: {} });
        forget();
      },
    });

  return (
    <Header
      brandTop={
        <>
          République
          <br />
          Française
        </>
      }
      homeLinkProps={{ href: '/', title: 'Accueil — Pass numérique' }}
      serviceTitle="Pass numérique"
      serviceTagline="Plateforme des dispositifs d’inclusion numérique"
      // Rendered here rather than as items so the skip link can target a stable id.
      navigation={
        hasNavigation(session) ? (
          <MainNavigation id={NAVIGATION_ID} items={navigationFor(session, path)} />
        ) : undefined
      }
      quickAccessItems={
        session
          ? [
              {
                iconId: 'fr-icon-account-circle-line',
                text: shownName(session),
                // "Mon compte": the password change, for every role.
                linkProps: {
                  href: '/compte',
                  title: `Mon compte : ${session.user.displayName || session.user.email}`,
                },
              },
              {
                iconId: 'fr-icon-logout-box-r-line',
                text: 'Se déconnecter',
                buttonProps: { onClick: onLogout, disabled: logout.isPending, type: 'button' },
              },
            ]
          : [
              // A visitor is often a person holding a pass: the places come first.
              {
                iconId: 'fr-icon-map-pin-2-line',
                text: 'Trouver un lieu',
                linkProps: { href: '/annuaire' },
              },
              {
                iconId: 'fr-icon-lock-line',
                text: 'Se connecter',
                linkProps: { href: '/connexion' },
              },
            ]
      }
    />
  );
}
