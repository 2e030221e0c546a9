import { fr } from '@codegouvfr/react-dsfr';
import { Link } from '@tanstack/react-router';
import { useMessage } from '../../api/messages';
import { formatDateTimeParis } from '../../lib/format';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { StatusTag } from './MessagesPage';

/** A withdrawn message: the change that made its link useless (or the link's expiry) stopped it. */
const NEVER_SENT =
  'jamais : retiré avant l’envoi, car le lien qu’il portait ne servait plus (invitation retirée ou déjà acceptée, lien remplacé ou expiré)';

/**
 * One message of the outbox as its recipient reads it: what the platform wrote to whom, for
 * the platform admin who is asked « did I get a message? ». Its one-time link stays masked.
 */
export function MessagePage({ messageId }: { messageId: string }) {
  useDocumentTitle('Message électronique');
  const message = useMessage(messageId);
  const back = (
    <p>
      <Link
        to="/admin/messages"
        className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}
      >
        Tous les messages
      </Link>
    </p>
  );
  if (message.isPending) return <Loading />;
  if (message.isError)
    return (
      <>
        {back}
        <QueryError error={message.error} what="Le message" />
      </>
    );
  const m = message.data;
  return (
    <>
      {back}
      <h1>{m.templateLabel}</h1>
      <dl>
        <dt>Destinataire</dt>
        <dd>{m.recipient}</dd>
        <dt>État</dt>
        <dd>
          <StatusTag status={m.status} />
        </dd>
        <dt>Créé le</dt>
        <dd>{formatDateTimeParis(m.createdAt)}</dd>
        <dt>Envoyé le</dt>
        <dd>
          {m.sentAt
            ? formatDateTimeParis(m.sentAt)
            : m.status === 'withdrawn'
              ? NEVER_SENT
              : 'pas encore envoyé'}
        </dd>
      </dl>
      <h2>Objet : {m.subject}</h2>
      {/* The plain text as sent: its line breaks are the message's own. */}
      <div
        data-testid="message-text"
        style={{ whiteSpace: 'pre-wrap' }}
        className={fr.cx('fr-p-3w', 'fr-mb-4w')}
      >
        {m.text}
      </div>
    </>
  );
}
