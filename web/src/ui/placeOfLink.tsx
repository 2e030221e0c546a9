import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { QueryClient } from '@tanstack/react-query';
import { Outlet } from '@tanstack/react-router';
import { PLACE_LINK_PARAM } from '../../../src/core/place-link';
import { keys } from '../api/keys';
import { useSession } from '../api/session';
import type { Session } from '../api/types';
import { chooseFor, chosenFor } from './chosenOrganisation';
import { placeMembership, placeMemberships } from './roles';
import { useDocumentTitle } from './useDocumentTitle';

/** The place a link names (`?lieu=`, core/place-link.ts), as the place's routes keep it. */
export function placeOfLinkSearch(s: Record<string, unknown>): { [PLACE_LINK_PARAM]?: string } {
  const id = s[PLACE_LINK_PARAM];
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? { [PLACE_LINK_PARAM]: id } : {};
}

/**
 * A link from an e-mail names the place it is about: the console switches to it when the person
 * belongs to it. True when it did (the caller then drops the parameter from the address); false
 * when it cannot, the person not being of that place or the browser keeping no choice, and the
 * page then says so rather than show another place's statements.
 */
export function followPlaceLink(queryClient: QueryClient, session: Session, placeId: string): boolean {
  if (!placeMemberships(session).some((m) => m.organisationId === placeId)) return false;
  if (placeMembership(session)?.organisationId === placeId) return true;
  chooseFor('place', placeId);
  if (chosenFor('place') !== placeId) return false;
  // The same session, a new object: a console already open reads the choice again.
  queryClient.setQueryData(keys.session, { ...session });
  return true;
}

/** The place's pages, or why the place a link names is not shown (see followPlaceLink). */
export function PlaceOfLink({ placeId, path }: { placeId: string | undefined; path: string }) {
  const { data: session } = useSession();
  if (!placeId || !session) return <Outlet />;
  return <OtherPlaceNotice session={session} placeId={placeId} path={path} />;
}

function OtherPlaceNotice({ session, placeId, path }: { session: Session; placeId: string; path: string }) {
  useDocumentTitle('Lien vers les pages d’un lieu');
  const named = placeMemberships(session).find((m) => m.organisationId === placeId);
  const current = placeMembership(session);
  return (
    <>
      <h1>Lien vers les pages d’un lieu</h1>
      {named ? (
        <Alert
          severity="warning"
          as="h2"
          title={`Impossible de passer au lieu ${named.organisationName ?? ''}`.trim()}
          description="Ce lien mène aux pages de l’un de vos lieux, mais votre navigateur ne retient pas le lieu choisi (stockage du site refusé, en navigation privée par exemple) : autorisez-le pour ce site, puis rouvrez le lien."
        />
      ) : (
        <Alert
          severity="warning"
          as="h2"
          title="Ce lien concerne un lieu dont vous n’êtes pas membre"
          description={`Le lien suivi mène aux pages d’un lieu auquel votre compte (${session.user.email}) n’a pas accès : elles ne sont pas affichées. Si vous avez un autre compte pour ce lieu, connectez-vous avec lui ; sinon, demandez à l’administrateur du lieu de vous inviter.`}
        />
      )}
      {current && (
        <p className={fr.cx('fr-mt-4w')}>
          <a href={path}>Aller aux pages de {current.organisationName ?? 'votre lieu'}</a>
        </p>
      )}
    </>
  );
}
