import type { ReactNode } from 'react';
import type { InvitationSent } from '../api/types';
import { CopyLinkButton } from './CopyLinkButton';

/** The title of an invitation's confirmation: sent by e-mail, or created with a link to hand over. */
export const invitationTitle = (email: string, sent: InvitationSent) =>
  sent.invitationUrl ? `Invitation créée pour ${email}` : `Invitation envoyée par e-mail à ${email}`;

/**
 * What became of an invitation, as the server says: sent by e-mail (SMTP configured), or left
 * in the outbox, its link then shown once for the inviter to hand over (`handOver` says to whom).
 */
export function InvitationDelivery(p: {
  email: string;
  sent: InvitationSent;
  handOver: ReactNode;
  testId?: string;
}) {
  const url = p.sent.invitationUrl;
  if (!url)
    return (
      <p>
        Invitation envoyée par e-mail à {p.email}. Le lien qu’elle contient est valable 14 jours et ne sert
        qu’une fois.
      </p>
    );
  return (
    <>
      <p>
        Aucun e-mail ne part de cette plateforme : {p.handOver}
        <br />
        <a href={url} className="pn-break" data-testid={p.testId ?? 'invitation-url'}>
          {url}
        </a>
      </p>
      <p className="fr-mb-0">
        <CopyLinkButton url={url} size="small" />
      </p>
    </>
  );
}
