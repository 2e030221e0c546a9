import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Fragment, useState } from 'react';
import {
  type TeamRef,
  usePendingInvitations,
  useResendInvitation,
  useWithdrawInvitation,
} from '../../api/members';
import type { InvitationSent, PendingInvitation } from '../../api/types';
import { formatDate, todayInParis } from '../../lib/format';
import { ActionNotice, useActionNotice } from '../ActionNotice';
import { ConfirmRow } from '../ConfirmRow';
import { InvitationDelivery } from '../InvitationDelivery';
import { Loading } from '../Loading';
import { QueryError } from '../QueryError';
import { TableFrame } from '../TableFrame';
import { useOneAtATime } from '../useOneAtATime';
import { TEAM_ROLE_NAMES } from './roleNames';

/**
 * Invitations still waiting: who, as what, until when (the link itself is not kept, only its
 * hash). One sent to the wrong address is withdrawn: its link stops working at once. One whose
 * e-mail never came, or whose link was lost, is sent again under a new link; so is one whose
 * link expired unused, listed too (« Invitation expirée le … »): the person who rings support
 * about it is sent back here.
 */
/** « 2 invitations en attente », and how many expired when some did (« , 1 expirée »). */
function caption(invitations: PendingInvitation[]) {
  const expired = invitations.filter((i) => i.expired).length;
  const waiting = invitations.length - expired;
  const s = (n: number) => (n > 1 ? 's' : '');
  return `${waiting} invitation${s(waiting)} en attente${expired ? `, ${expired} expirée${s(expired)}` : ''}`;
}

export function PendingInvitations({ team }: { team: TeamRef }) {
  const pending = usePendingInvitations(team);
  const withdraw = useWithdrawInvitation(team);
  // A confirmation pressed twice sends once (useOneAtATime).
  const sendWithdraw = useOneAtATime(withdraw);
  const resend = useResendInvitation(team);
  const [resent, setResent] = useState<{ email: string; answer: InvitationSent } | null>(null);
  const [asked, setAsked] = useState<string | null>(null);
  const { notice, show, failed, headingRef } = useActionNotice();

  const keep = (id: string) => {
    setAsked(null);
    requestAnimationFrame(() => document.getElementById(`retirer-${id}`)?.focus());
  };
  const confirm = (i: PendingInvitation) =>
    sendWithdraw(i.id, {
      onSettled: () => setAsked(null),
      onSuccess: () =>
        show({
          severity: 'success',
          text: `L’invitation de ${i.email} est retirée : son lien ne fonctionne plus.`,
        }),
      onError: failed,
    });
  const sendAgain = (i: PendingInvitation) => {
    setResent(null);
    resend.mutate(i.id, {
      onSuccess: (answer) => {
        setResent({ email: i.email, answer });
        show({
          severity: 'success',
          text: answer.invitationUrl
            ? `Nouveau lien créé pour ${i.email} : l’ancien ne fonctionne plus.`
            : `Invitation envoyée à nouveau à ${i.email}, avec un nouveau lien : l’ancien ne fonctionne plus.`,
        });
      },
      onError: failed,
    });
  };

  return (
    <section aria-labelledby="invitations-en-attente" className={fr.cx('fr-mt-6w')}>
      <h2 id="invitations-en-attente" ref={headingRef} tabIndex={-1}>
        Invitations en attente
      </h2>
      <ActionNotice notice={notice} />
      {resent?.answer.invitationUrl && (
        <InvitationDelivery
          email={resent.email}
          sent={resent.answer}
          handOver={`transmettez ce nouveau lien à ${resent.email} :`}
          testId="resent-invitation-url"
        />
      )}
      {pending.isPending ? (
        <Loading what="Chargement des invitations…" />
      ) : pending.isError ? (
        <QueryError error={pending.error} what="La liste des invitations" />
      ) : pending.data.length === 0 ? (
        <p>Aucune invitation en attente.</p>
      ) : (
        <>
          <p className={fr.cx('fr-text--sm')}>
            Un lien perdu ne peut pas être affiché à nouveau : renvoyez l’invitation, avec un nouveau lien
            (l’ancien cesse de fonctionner).
          </p>
          <TableFrame stacked caption={caption(pending.data)}>
            <thead>
              <tr>
                <th scope="col">Adresse</th>
                <th scope="col">Rôle</th>
                <th scope="col">Invitée par</th>
                <th scope="col">Valable jusqu’au</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {pending.data.map((i) => (
                <Fragment key={i.id}>
                  <tr data-testid="invitation-row">
                    <th scope="row" data-label="Adresse">
                      {i.email}
                    </th>
                    <td data-label="Rôle">
                      {TEAM_ROLE_NAMES[i.role] ?? i.role}
                      {i.organisationName ? ` (${i.organisationName})` : ''}
                    </td>
                    <td data-label="Invitée par">{i.invitedBy ?? '—'}</td>
                    <td data-label="Valable jusqu’au">
                      {i.expired ? (
                        <strong>
                          Invitation expirée le {formatDate(todayInParis(new Date(i.expiresAt)))} :
                          renvoyez-la
                        </strong>
                      ) : (
                        <span className="pn-nowrap">{formatDate(todayInParis(new Date(i.expiresAt)))}</span>
                      )}
                    </td>
                    <td>
                      {asked !== i.id && (
                        <Button
                          type="button"
                          size="small"
                          priority="tertiary"
                          className={fr.cx('fr-mr-2v')}
                          disabled={resend.isPending}
                          onClick={() => sendAgain(i)}
                        >
                          Renvoyer<span className={fr.cx('fr-sr-only')}> l’invitation de {i.email}</span>
                        </Button>
                      )}
                      {asked !== i.id && (
                        <Button
                          type="button"
                          size="small"
                          priority="tertiary"
                          nativeButtonProps={{ id: `retirer-${i.id}` }}
                          onClick={() => setAsked(i.id)}
                        >
                          Retirer l’invitation<span className={fr.cx('fr-sr-only')}> de {i.email}</span>
                        </Button>
                      )}
                    </td>
                  </tr>
                  {asked === i.id && (
                    <ConfirmRow
                      colSpan={5}
                      question={`Retirer l’invitation de ${i.email} ? Son lien ne fonctionnera plus.`}
                      confirmLabel="Oui, retirer l’invitation"
                      keepLabel="Non, la garder"
                      onConfirm={() => confirm(i)}
                      onKeep={() => keep(i.id)}
                      pending={withdraw.isPending}
                    />
                  )}
                </Fragment>
              ))}
            </tbody>
          </TableFrame>
        </>
      )}
    </section>
  );
}
