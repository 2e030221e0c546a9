import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { type MessageStatus, type OutboxMessage, useOutbox, useResendMessage } from '../../api/messages';
import { counted, formatDateTimeParis, formatInt } from '../../lib/format';
import { TextField } from '../../ui/form/TextField';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { TableFrame } from '../../ui/TableFrame';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

const STATUS: Record<MessageStatus, { label: string; severity?: 'new' | 'info' | 'success' | 'error' }> = {
  queued: { label: 'En attente', severity: 'new' },
  sending: { label: 'En cours d’envoi', severity: 'info' },
  sent: { label: 'Envoyé', severity: 'success' },
  failed: { label: 'En échec', severity: 'error' },
  // Its link stopped working before it left (invitation withdrawn, reset link spent): grey, nothing to do.
  withdrawn: { label: 'Retiré avant l’envoi' },
};

/** The outbox's error codes, in words (the code itself stays visible for the operator). */
function errorLabel(code: string | null): string {
  if (!code) return '—';
  if (code === 'interrupted') return 'Envoi interrompu : remise incertaine';
  if (code === 'expired') return 'Lien expiré avant l’envoi';
  if (code === 'accepted') return 'Invitation acceptée avant l’envoi';
  if (code === 'TEMPLATE') return 'Message impossible à rédiger';
  if (/^ECONNREFUSED|^ETIMEDOUT|^ECONNECTION|^ESOCKET|^EDNS/.test(code))
    return `Serveur de messagerie injoignable (${code})`;
  if (/^EAUTH/.test(code)) return `Authentification refusée par le serveur de messagerie (${code})`;
  return `Refusé par le serveur de messagerie (${code})`;
}

export function StatusTag({ status }: { status: MessageStatus }) {
  const s = STATUS[status];
  return (
    <Badge as="span" small noIcon severity={s.severity}>
      {s.label}
    </Badge>
  );
}

function Rows({ messages, resend }: { messages: OutboxMessage[]; resend?: (id: string) => void }) {
  return (
    <>
      {messages.map((m) => (
        <tr key={m.id}>
          <th scope="row">
            <Link to="/admin/messages/$messageId" params={{ messageId: m.id }}>
              {m.templateLabel}
              <span className={fr.cx('fr-sr-only')}> à {m.recipient} : lire le message</span>
            </Link>
          </th>
          <td>{m.recipient}</td>
          <td>
            <StatusTag status={m.status} />
          </td>
          <td>{formatDateTimeParis(m.createdAt)}</td>
          <td>
            {m.sentAt
              ? formatDateTimeParis(m.sentAt)
              : m.status === 'queued' && m.attempts > 0
                ? `nouvel essai ${formatDateTimeParis(m.nextAttemptAt)}`
                : '—'}
          </td>
          <td>{formatInt(m.attempts)}</td>
          <td>{errorLabel(m.lastError)}</td>
          {resend && (
            <td>
              <Button size="small" priority="secondary" onClick={() => resend(m.id)}>
                Renvoyer
                <span className={fr.cx('fr-sr-only')}>
                  {' '}
                  le message « {m.templateLabel} » à {m.recipient}
                </span>
              </Button>
            </td>
          )}
        </tr>
      ))}
    </>
  );
}

function Head({ action }: { action?: boolean }) {
  return (
    <thead>
      <tr>
        <th scope="col">Message</th>
        <th scope="col">Destinataire</th>
        <th scope="col">État</th>
        <th scope="col">Créé le</th>
        <th scope="col">Envoyé le</th>
        <th scope="col">Essais</th>
        <th scope="col">Dernière erreur</th>
        {action && <th scope="col">Action</th>}
      </tr>
    </thead>
  );
}

/** The platform admin reads the e-mail outbox: what waits, what went, and what failed (to send again). */
export function MessagesPage() {
  useDocumentTitle('Messages électroniques');
  // The address searched for: a helpdesk asked « did my invitation go? » among 80 funders' mail.
  const [typed, setTyped] = useState('');
  const [recipient, setRecipient] = useState('');
  const outbox = useOutbox(recipient);
  const resend = useResendMessage();
  const search = (ev: FormEvent) => {
    ev.preventDefault();
    setRecipient(typed.trim());
  };
  const form = (
    <form
      onSubmit={search}
      role="search"
      aria-label="Messages d’un destinataire"
      className={fr.cx('fr-mb-3w')}
    >
      <TextField
        name="destinataire"
        label="Adresse du destinataire"
        hint="Toute l’adresse ou une partie, majuscules ou non ; vide pour tous les messages."
        autoComplete="off"
        value={typed}
        onChange={setTyped}
      />
      <Button type="submit" priority="secondary" disabled={outbox.isFetching}>
        Rechercher
      </Button>
    </form>
  );
  if (outbox.isPending)
    return (
      <>
        <h1>Messages électroniques</h1>
        {form}
        <Loading />
      </>
    );
  if (outbox.isError) return <QueryError error={outbox.error} what="La liste des messages" />;
  const { counts, messages, failed, smtpConfigured } = outbox.data;
  const of = recipient ? ` à une adresse contenant « ${recipient} »` : '';
  return (
    <>
      <h1>Messages électroniques</h1>
      {form}
      <p role="status" className={recipient ? undefined : fr.cx('fr-sr-only')}>
        {recipient
          ? `${formatInt(messages.length + failed.length)} message${messages.length + failed.length > 1 ? 's' : ''}${of}${messages.length === 200 ? ' (les 200 derniers)' : ''}.`
          : ''}
      </p>
      {!smtpConfigured && (
        <Alert
          severity="info"
          small
          className={fr.cx('fr-mb-3w')}
          description="Aucun serveur de messagerie n’est configuré (SMTP_URL) : les messages restent en attente ici, sans être envoyés."
        />
      )}
      <p>
        {formatInt(counts.queued)} en attente, {formatInt(counts.sending)} en cours d’envoi,{' '}
        {counted(counts.sent, 'envoyé', 'envoyés')}, {formatInt(counts.failed)} en échec,{' '}
        {counted(counts.withdrawn, 'retiré', 'retirés')} avant l’envoi (leur lien ne servait plus). Les heures
        sont celles de Paris.
      </p>
      {resend.isSuccess && (
        <Alert
          severity="success"
          small
          className={fr.cx('fr-mb-3w')}
          description="Le message est de nouveau en attente d’envoi."
        />
      )}
      {resend.isError && <QueryError error={resend.error} what="Le message" />}
      <section aria-labelledby="messages-echec">
        <h2 id="messages-echec">Messages en échec</h2>
        {failed.length === 0 ? (
          <p>Aucun message en échec.</p>
        ) : (
          <>
            <p>
              Un message dont l’envoi a été interrompu a peut-être été remis : renvoyé, il garde le même
              identifiant (Message-ID), ce qui permet de reconnaître le doublon.
            </p>
            <TableFrame caption={`Messages en échec${of}`}>
              <Head action />
              <tbody>
                <Rows messages={failed} resend={(id) => resend.mutate(id)} />
              </tbody>
            </TableFrame>
          </>
        )}
      </section>
      <section aria-labelledby="messages-recents" className={fr.cx('fr-mt-4w')}>
        <h2 id="messages-recents">Messages récents</h2>
        {messages.length === 0 ? (
          <p>Aucun message.</p>
        ) : (
          <TableFrame caption={`Messages récents${of} (les 200 derniers)`}>
            <Head />
            <tbody>
              <Rows messages={messages} />
            </tbody>
          </TableFrame>
        )}
      </section>
    </>
  );
}
