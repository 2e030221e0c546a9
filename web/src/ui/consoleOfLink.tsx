import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { QueryClient } from '@tanstack/react-query';
import { Outlet, redirect } from '@tanstack/react-router';
import { CONSOLE_LINK_PARAMS } from '../../../src/core/console-link';
import { keys } from '../api/keys';
import { useSession } from '../api/session';
import type { Session } from '../api/types';
import { type Console, chooseFor, chosenFor } from './chosenOrganisation';
import { consoleOrganisation, consoleOrganisations } from './roles';
import { useDocumentTitle } from './useDocumentTitle';

type LinkSearch<C extends Console> = Partial<Record<(typeof CONSOLE_LINK_PARAMS)[C], string>>;

/**
 * The organisation a link names (`?financeur=`, `?lieu=`, `?structure=`, core/console-link.ts),
 * as the console's routes keep it.
 */
export function consoleOfLinkSearch<C extends Console>(console: C) {
  const param = CONSOLE_LINK_PARAMS[console];
  return (s: Record<string, unknown>): LinkSearch<C> => {
    const id = s[param];
    return (
      typeof id === 'string' && id.length > 0 && id.length <= 100 ? { [param]: id } : {}
    ) as LinkSearch<C>;
  };
}

/**
 * A link from an e-mail, or a page of one funder's programme, names the organisation it is
 * about: the console switches to it when the person belongs to it. True when it did, or worked
 * for it already; false when it cannot, the person not being of that organisation or the
 * browser keeping no choice, and the page then says so rather than show another's data.
 */
export function followConsoleLink(
  queryClient: QueryClient,
  session: Session,
  console: Console,
  id: string,
): boolean {
  if (!consoleOrganisations(session, console).some((o) => o.id === id)) return false;
  if (consoleOrganisation(session, console)?.id === id) return true;
  chooseFor(console, id);
  if (chosenFor(console) !== id) return false;
  // The same session, a new object: a console already open reads the choice again.
  queryClient.setQueryData(keys.session, { ...session });
  return true;
}

/** The address without the console's parameter, once followed: a reload keeps the choice. */
export function addressWithout(console: Console, pathname: string, searchStr: string): string {
  const rest = new URLSearchParams(searchStr);
  rest.delete(CONSOLE_LINK_PARAMS[console]);
  const query = rest.toString();
  return `${pathname}${query ? `?${query}` : ''}`;
}

/**
 * A console's routes, on arrival by a link that names an organisation (`named`): switches to
 * it and reloads the address without the parameter. True when it could not: the route then
 * shows ConsoleOfLink's notice, whatever the person's memberships, never another's pages.
 */
export function arrivedByLink(
  console: Console,
  named: string | undefined,
  context: { queryClient: QueryClient; session: Session },
  location: { pathname: string; searchStr: string },
): boolean {
  if (!named) return false;
  if (!followConsoleLink(context.queryClient, context.session, console, named)) return true;
  throw redirect({ href: addressWithout(console, location.pathname, location.searchStr), replace: true });
}

/** What the notice says, in each console's words. */
const WORDS: Record<
  Console,
  {
    title: string;
    notMember: string;
    noAccess: (email: string) => string;
    cannotSwitch: (name: string) => string;
    noStorage: string;
    yours: string;
    /** Where « Aller aux pages de … » leads: an address naming another's record leads home. */
    back: (path: string) => string;
  }
> = {
  place: {
    title: 'Lien vers les pages d’un lieu',
    notMember: 'Ce lien concerne un lieu dont vous n’êtes pas membre',
    noAccess: (email) =>
      `Le lien suivi mène aux pages d’un lieu auquel votre compte (${email}) n’a pas accès : elles ne sont pas affichées. Si vous avez un autre compte pour ce lieu, connectez-vous avec lui ; sinon, demandez à l’administrateur du lieu de vous inviter.`,
    cannotSwitch: (name) => `Impossible de passer au lieu ${name}`,
    noStorage:
      'Ce lien mène aux pages de l’un de vos lieux, mais votre navigateur ne retient pas le lieu choisi (stockage du site refusé, en navigation privée par exemple) : autorisez-le pour ce site, puis rouvrez le lien.',
    yours: 'votre lieu',
    back: (path) => path,
  },
  funder: {
    title: 'Lien vers les pages d’un financeur',
    notMember: 'Ce lien concerne un financeur dont vous n’êtes pas membre',
    noAccess: (email) =>
      `Le lien suivi mène aux pages d’un financeur auquel votre compte (${email}) n’a pas accès : elles ne sont pas affichées. Si vous avez un autre compte pour ce financeur, connectez-vous avec lui ; sinon, demandez à l’un de ses administrateurs de vous inviter.`,
    cannotSwitch: (name) => `Impossible de passer au financeur ${name}`,
    noStorage:
      'Ce lien mène aux pages de l’un de vos financeurs, mais votre navigateur ne retient pas le financeur choisi (stockage du site refusé, en navigation privée par exemple) : autorisez-le pour ce site, puis rouvrez le lien.',
    yours: 'votre financeur',
    // A programme is one funder's: another's would not be found.
    back: (path) => (path.startsWith('/financeur/programmes/') ? '/financeur' : path),
  },
  prescriber: {
    title: 'Lien vers les pages d’une structure',
    notMember: 'Ce lien concerne une structure dont vous n’êtes pas membre',
    noAccess: (email) =>
      `Le lien suivi mène aux pages d’une structure à laquelle votre compte (${email}) n’a pas accès : elles ne sont pas affichées. Si vous avez un autre compte pour cette structure, connectez-vous avec lui ; sinon, demandez au financeur qui l’a enregistrée de vous inviter.`,
    cannotSwitch: (name) => `Impossible de passer à la structure ${name}`,
    noStorage:
      'Ce lien mène aux pages de l’une de vos structures, mais votre navigateur ne retient pas la structure choisie (stockage du site refusé, en navigation privée par exemple) : autorisez-le pour ce site, puis rouvrez le lien.',
    yours: 'votre structure',
    back: (path) => path,
  },
};

/** The console's pages, or why the organisation a link names is not shown (see arrivedByLink). */
export function ConsoleOfLink({
  console,
  id,
  path,
}: {
  console: Console;
  id: string | undefined;
  path: string;
}) {
  const { data: session } = useSession();
  if (!id || !session) return <Outlet />;
  return <OtherOrganisationNotice console={console} session={session} id={id} path={path} />;
}

function OtherOrganisationNotice({
  console,
  session,
  id,
  path,
}: {
  console: Console;
  session: Session;
  id: string;
  path: string;
}) {
  const words = WORDS[console];
  useDocumentTitle(words.title);
  const named = consoleOrganisations(session, console).find((o) => o.id === id);
  const current = consoleOrganisation(session, console);
  return (
    <>
      <h1>{words.title}</h1>
      {named ? (
        <Alert
          severity="warning"
          as="h2"
          title={words.cannotSwitch(named.name ?? '').trim()}
          description={words.noStorage}
        />
      ) : (
        <Alert
          severity="warning"
          as="h2"
          title={words.notMember}
          description={words.noAccess(session.user.email)}
        />
      )}
      {current && (
        <p className={fr.cx('fr-mt-4w')}>
          <a href={words.back(path)}>Aller aux pages de {current.name ?? words.yours}</a>
        </p>
      )}
    </>
  );
}
