import { Header } from '@codegouvfr/react-dsfr/Header';
import { MainNavigation } from '@codegouvfr/react-dsfr/MainNavigation';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { useForgetUser, useLogout, useSession } from '../api/session';
import type { Session } from '../api/types';
import { hasNavigation, navigationFor } from './navigation';

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
