import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Fragment, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import { useChangeRole, useEndMembership, useMembers } from '../../../api/members';
import type { InvitationRole, Member } from '../../../api/types';
import { formatDate, todayInParis } from '../../../lib/format';
import { ConfirmRow } from '../../../ui/ConfirmRow';
import { Loading } from '../../../ui/Loading';
import { QueryError } from '../../../ui/QueryError';
import { TableFrame } from '../../../ui/TableFrame';

type Notice = { severity: 'success' | 'error'; text: string };
type Asked = { member: Member; action: 'role' | 'end' };

const ROLE_NAMES: Record<InvitationRole, string> = {
  funder_admin: 'Administrateur',
  funder_viewer: 'Consultation seule',
};
const OTHER_ROLE = (role: InvitationRole): InvitationRole =>
  role === 'funder_admin' ? 'funder_viewer' : 'funder_admin';
const ROLE_ACTION: Record<InvitationRole, string> = {
  funder_admin: 'Rendre administrateur',
  funder_viewer: 'Passer en consultation seule',
};

function question({ member, action }: Asked): string {
  if (action === 'end')
    return `Retirer l’accès de ${member.displayName} ? Cette personne ne pourra plus rien voir ni faire pour ce financeur, dès maintenant. Ce qu’elle a fait reste dans le journal.`;
  return member.role === 'funder_admin'
    ? `Passer ${member.displayName} en consultation seule ? Cette personne ne pourra plus modifier les dispositifs, attribuer des carnets, payer ni inviter.`
    : `Rendre ${member.displayName} administrateur ? Cette personne pourra modifier les dispositifs, attribuer des carnets, approuver les paiements et inviter.`;
}

/**
 * The people with access to the funder's space. An admin changes a colleague's role or ends
 * their access, each after a question under the row; nobody acts on their own line.
 */
export function MembersTable({ funderId }: { funderId: string }) {
  const members = useMembers(funderId);
  const changeRole = useChangeRole(funderId);
  const end = useEndMembership(funderId);
  const [asked, setAsked] = useState<Asked | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Once answered the row's buttons may be gone: back to the heading, whose live region reads the outcome.
  const show = (n: Notice) => {
    setNotice(n);
    setAsked(null);
    headingRef.current?.focus();
  };
  const failed = (e: unknown) =>
    show({
      severity: 'error',
      text: e instanceof ApiError ? e.detail : 'Une erreur inattendue est survenue. Réessayez.',
    });
  const keep = (a: Asked) => {
    setAsked(null);
    requestAnimationFrame(() => document.getElementById(`${a.action}-${a.member.membershipId}`)?.focus());
  };
  const confirm = (a: Asked) => {
    const { member } = a;
    if (a.action === 'end')
      end.mutate(member.membershipId, {
        onSuccess: () => show({ severity: 'success', text: `L’accès de ${member.displayName} est retiré.` }),
        onError: failed,
      });
    else
      changeRole.mutate(
        { membershipId: member.membershipId, role: OTHER_ROLE(member.role) },
        {
          onSuccess: (m) =>
            show({
              severity: 'success',
              text: `${member.displayName} est maintenant ${m.role === 'funder_admin' ? 'administrateur' : 'en consultation seule'}.`,
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
      <div role="status">
        {notice && <Alert role={undefined} small severity={notice.severity} description={notice.text} />}
      </div>
      {members.isPending ? (
        <Loading what="Chargement de l’équipe…" />
      ) : members.isError ? (
        <QueryError error={members.error} what="La liste de l’équipe" />
      ) : (
        <TableFrame
          stacked
          caption={`${members.data.length} personne${members.data.length > 1 ? 's' : ''} ${members.data.length > 1 ? 'ont' : 'a'} accès à l’espace du financeur`}
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
                  <td data-label="Rôle">{ROLE_NAMES[m.role]}</td>
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
                          {ROLE_ACTION[OTHER_ROLE(m.role)]}
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
                      </div>
                    )}
                  </td>
                </tr>
                {asked?.member.membershipId === m.membershipId && (
                  <ConfirmRow
                    colSpan={5}
                    question={question(asked)}
                    confirmLabel={
                      asked.action === 'end'
                        ? 'Oui, retirer l’accès'
                        : `Oui, ${ROLE_ACTION[OTHER_ROLE(m.role)].toLowerCase()}`
                    }
                    keepLabel="Non, ne rien changer"
                    onConfirm={() => confirm(asked)}
                    onKeep={() => keep(asked)}
                    pending={end.isPending || changeRole.isPending}
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
