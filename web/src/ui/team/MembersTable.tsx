import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Fragment, useEffect, useRef, useState } from 'react';
import {
  type TeamRef,
  useChangeRole,
  useCreatePasswordLink,
  useEndMembership,
  useMembers,
} from '../../api/members';
import type { Member, PasswordLinkIssued } from '../../api/types';
import { formatDate, formatMoment, todayInParis } from '../../lib/format';
import { ActionNotice, useActionNotice } from '../ActionNotice';
import { ConfirmRow } from '../ConfirmRow';
import { CopyLinkButton } from '../CopyLinkButton';
import { Loading } from '../Loading';
import { QueryError } from '../QueryError';
import { TableFrame } from '../TableFrame';
import { useOneAtATime } from '../useOneAtATime';
import { TEAM_ROLE_NAMES } from './roleNames';

type Asked = { member: Member; action: 'role' | 'end' | 'link' };

const ROLE_NAMES = TEAM_ROLE_NAMES as Record<Member['role'], string>;
const OTHER_ROLE: Record<Member['role'], Member['role']> = {
  funder_admin: 'funder_viewer',
  funder_viewer: 'funder_admin',
  place_admin: 'place_agent',
  place_agent: 'place_admin',
};
/** The button that gives this role. */
const ROLE_ACTION: Record<Member['role'], string> = {
  funder_admin: 'Rendre administrateur',
  funder_viewer: 'Passer en consultation seule',
  place_admin: 'Rendre administrateur du lieu',
  place_agent: 'Passer à l’accueil seul',
};
/** What the role lets one do, in the question before giving it. */
const ROLE_MEANS: Record<Member['role'], string> = {
  funder_admin:
    'pourra modifier les dispositifs, attribuer des carnets, approuver les paiements et gérer l’équipe',
  funder_viewer: 'ne pourra plus modifier les dispositifs, attribuer des carnets, payer ni inviter',
  place_admin: 'pourra gérer la fiche du lieu, ses clés d’API, son compte bancaire et son équipe',
  place_agent: 'pourra seulement accueillir et encaisser des pass',
};

/** « ; 1 invitation qu’elle avait envoyée est retirée », or nothing when there were none. */
function withdrawnText(n: number): string {
  if (n === 0) return '';
  return n === 1
    ? ' ; 1 invitation qu’elle avait envoyée est retirée'
    : ` ; ${n} invitations qu’elle avait envoyées sont retirées`;
}

const ADMIN_ROLES: readonly Member['role'][] = ['funder_admin', 'place_admin'];
/** An admin who loses the role loses the invitations she sent, which only an admin may send. */
const INVITATIONS_GO =
  ' Les invitations qu’elle a envoyées et que personne n’a encore acceptées sont retirées.';

function question({ member, action }: Asked, where: string): string {
  if (action === 'link')
    return `Créer un lien pour que ${member.displayName} choisisse un nouveau mot de passe ? Il ne servira qu’une fois, pendant une heure, et les liens qu’elle a reçus avant ne fonctionneront plus. Il ne s’affichera qu’une fois : remettez-le-lui en personne ou dictez-le par téléphone, jamais par une messagerie ou une adresse partagée, car il ouvre son compte.`;
  const wasAdmin = ADMIN_ROLES.includes(member.role);
  if (action === 'end')
    return `Retirer l’accès de ${member.displayName} ? Cette personne ne pourra plus rien voir ni faire pour ${where}, dès maintenant. Ce qu’elle a fait reste enregistré.${wasAdmin ? INVITATIONS_GO : ''}`;
  const next = OTHER_ROLE[member.role];
  return `${ROLE_ACTION[next]} : ${member.displayName} ? Cette personne ${ROLE_MEANS[next]}.${wasAdmin ? INVITATIONS_GO : ''}`;
}

/**
 * The people with access to a funder's space or to a place, one line each. An admin changes a
 * colleague's role or ends their access, each after a question under the row; nobody acts on
 * their own line.
 */
export function MembersTable({ team }: { team: TeamRef }) {
  const atFunder = 'funderId' in team;
  const where = atFunder ? 'ce financeur' : 'ce lieu';
  const members = useMembers(team);
  const changeRole = useChangeRole(team);
  const end = useEndMembership(team);
  // A confirmation pressed twice sends once (useOneAtATime).
  const sendEnd = useOneAtATime(end);
  const sendChangeRole = useOneAtATime(changeRole);
  const passwordLink = useCreatePasswordLink(team);
  const sendPasswordLink = useOneAtATime(passwordLink);
  const [asked, setAsked] = useState<Asked | null>(null);
  // The link prepared, shown here once: the server keeps only its hash.
  const [issued, setIssued] = useState<{ member: Member; link: PasswordLinkIssued } | null>(null);
  const { notice, show, failed, headingRef } = useActionNotice();
  const keep = (a: Asked) => {
    setAsked(null);
    requestAnimationFrame(() => document.getElementById(`${a.action}-${a.member.membershipId}`)?.focus());
  };
  const confirm = (a: Asked) => {
    const { member } = a;
    // Another person's link, left above, would read as this one's.
    setIssued(null);
    if (a.action === 'link')
      sendPasswordLink(member.membershipId, {
        onSettled: () => setAsked(null),
        onSuccess: (link) => setIssued({ member, link }),
        onError: failed,
      });
    else if (a.action === 'end')
      sendEnd(member.membershipId, {
        onSettled: () => setAsked(null),
        onSuccess: (done) =>
          show({
            severity: 'success',
            text: `L’accès de ${member.displayName} est retiré${withdrawnText(done.withdrawnInvitations)}.`,
          }),
        onError: failed,
      });
    else
      sendChangeRole(
        { membershipId: member.membershipId, role: OTHER_ROLE[member.role] },
        {
          onSettled: () => setAsked(null),
          onSuccess: (m) =>
            show({
              severity: 'success',
              text: `${member.displayName} a maintenant le rôle « ${ROLE_NAMES[m.role]} »${withdrawnText(m.withdrawnInvitations)}.`,
            }),
          onError: failed,
        },
      );
  };

  return (
    <section aria-labelledby="membres" className={fr.cx('fr-mt-6w')}>
      <h2 id="membres" ref={headingRef} tabIndex={-1}>
        Qui a accès
      </h2>
      <ActionNotice notice={notice} />
      {issued && <IssuedLink key={issued.link.url} name={issued.member.displayName} link={issued.link} />}
      {members.isPending ? (
        <Loading what="Chargement de l’équipe…" />
      ) : members.isError ? (
        <QueryError error={members.error} what="La liste de l’équipe" />
      ) : members.data.length === 0 ? (
        // A funder the operator just created, its first admin not joined yet: a table of
        // headers only under « 0 personne a accès » read as a page that failed to load.
        <p>Personne n’a encore accès à {where} : invitez son premier administrateur ci-dessous.</p>
      ) : (
        <TableFrame
          stacked
          caption={`${members.data.length} personne${members.data.length > 1 ? 's' : ''} ${members.data.length > 1 ? 'ont' : 'a'} accès ${atFunder ? 'à l’espace du financeur' : 'au lieu'}`}
        >
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse</th>
              <th scope="col">Rôle</th>
              <th scope="col">Depuis le</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {members.data.map((m) => (
              <Fragment key={m.membershipId}>
                <tr data-testid="member-row">
                  <th scope="row" data-label="Nom">
                    {m.displayName}
                    {m.you && ' (vous)'}
                  </th>
                  <td data-label="Adresse">{m.email}</td>
                  <td data-label="Rôle">
                    {ROLE_NAMES[m.role]}
                    {m.disabledAt && (
                      // Her role stays until the team ends it: an admin listed with no sign she
                      // can no longer sign in read as one who could still approve a payment run.
                      <>
                        {' '}
                        <Badge as="span" small severity="error">
                          Compte désactivé
                        </Badge>
                      </>
                    )}
                  </td>
                  <td className="pn-nowrap" data-label="Depuis le">
                    {formatDate(todayInParis(new Date(m.since)))}
                  </td>
                  <td>
                    {!m.you && asked?.member.membershipId !== m.membershipId && (
                      <div className="pn-actions">
                        <Button
                          type="button"
                          size="small"
                          priority="secondary"
                          nativeButtonProps={{ id: `role-${m.membershipId}` }}
                          onClick={() => setAsked({ member: m, action: 'role' })}
                        >
                          {ROLE_ACTION[OTHER_ROLE[m.role]]}
                          <span className={fr.cx('fr-sr-only')}> : {m.displayName}</span>
                        </Button>
                        <Button
                          type="button"
                          size="small"
                          priority="tertiary"
                          nativeButtonProps={{ id: `end-${m.membershipId}` }}
                          onClick={() => setAsked({ member: m, action: 'end' })}
                        >
                          Retirer l’accès<span className={fr.cx('fr-sr-only')}> de {m.displayName}</span>
                        </Button>
                        {m.passwordLink && (
                          <Button
                            type="button"
                            size="small"
                            priority="tertiary"
                            nativeButtonProps={{ id: `link-${m.membershipId}` }}
                            onClick={() => setAsked({ member: m, action: 'link' })}
                          >
                            Créer un lien de mot de passe
                            <span className={fr.cx('fr-sr-only')}> pour {m.displayName}</span>
                          </Button>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
                {asked?.member.membershipId === m.membershipId && (
                  <ConfirmRow
                    colSpan={5}
                    question={question(asked, where)}
                    confirmLabel={
                      asked.action === 'link'
                        ? 'Oui, créer le lien'
                        : asked.action === 'end'
                          ? 'Oui, retirer l’accès'
                          : `Oui, ${ROLE_ACTION[OTHER_ROLE[m.role]].toLowerCase()}`
                    }
                    keepLabel="Non, ne rien changer"
                    onConfirm={() => confirm(asked)}
                    onKeep={() => keep(asked)}
                    pending={end.isPending || changeRole.isPending || passwordLink.isPending}
                  />
                )}
              </Fragment>
            ))}
          </tbody>
        </TableFrame>
      )}
    </section>
  );
}

/**
 * The password link just prepared, announced (it takes the focus), with how to hand it over and
 * until when it works: it is shown this once, the server keeps only its hash.
 */
function IssuedLink({ name, link }: { name: string; link: PasswordLinkIssued }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className={fr.cx('fr-mb-4w')}>
      <Alert
        severity="success"
        as="h3"
        title={`Lien de mot de passe créé pour ${name}`}
        description={
          <>
            <p>
              Remettez ce lien à {name} en personne ou dictez-le par téléphone, pas par une messagerie ou une
              adresse partagée : il ouvre son compte.
              <br />
              <a href={link.url} className="pn-break" data-testid="password-link-url">
                {link.url}
              </a>
            </p>
            <p>
              <CopyLinkButton url={link.url} size="small" label="Copier le lien de mot de passe" />
            </p>
            <p className={link.ownerEmailed ? undefined : 'fr-mb-0'} data-testid="password-link-expiry">
              Il est valable une heure, jusqu’au {formatMoment(link.expiresAt)}, et ne sert qu’une fois. Il ne
              sera plus affiché : s’il est perdu, créez-en un autre (celui-ci cessera de fonctionner).
            </p>
            {link.ownerEmailed && (
              <p className="fr-mb-0">
                {name} est prévenu par e-mail qu’un lien a été créé ; l’e-mail ne contient pas le lien.
              </p>
            )}
          </>
        }
      />
    </div>
  );
}
