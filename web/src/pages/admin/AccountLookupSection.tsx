import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { type FormEvent, useState } from 'react';
import { type AccountLookup, useAccountLookup } from '../../api/accounts';
import { ApiError } from '../../api/client';
import { formatDateTimeParis } from '../../lib/format';
import { SubmitButton } from '../../ui/form/SubmitButton';
import { TextField } from '../../ui/form/TextField';
import { Loading } from '../../ui/Loading';
import { QueryError } from '../../ui/QueryError';
import { TableFrame } from '../../ui/TableFrame';
import { AccountAccessControl } from './AccountAccessControl';

/**
 * « Je n’arrive pas à me connecter » : the helpdesk types the caller's address and reads, in
 * words, whether an account has it, whether it is locked or disabled, its teams, and the
 * invitations waiting for it, and what the person can do next. The lookup changes nothing;
 * under a found account, the operator may disable it (or enable it again), a separate action
 * journalled on its own (AccountAccessControl).
 */
/**
 * What to do about a forgotten password. Without a mail server « Mot de passe oublié ? » sends
 * nothing, and the outbox masks the link: the operator makes one on the server.
 */
const forgotten = (byEmail: boolean) =>
  byEmail
    ? 'Si le mot de passe est oublié, la personne demande un nouveau lien (« Mot de passe oublié ? »).'
    : 'Si le mot de passe est oublié : aucun courriel ne part de cette plateforme (pas de serveur de messagerie configuré), « Mot de passe oublié ? » n’envoie donc rien. Créez un lien de réinitialisation sur le serveur (commande « password link », voir le guide d’exploitation) et transmettez-le à la personne.';

export function AccountLookupSection() {
  const [typed, setTyped] = useState('');
  const [asked, setAsked] = useState('');
  const [missing, setMissing] = useState<string>();
  const [done, setDone] = useState<string>();
  const lookup = useAccountLookup(asked);
  const refused = lookup.error instanceof ApiError && lookup.error.status === 422 ? lookup.error : null;

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    const email = typed.trim();
    setMissing(email ? undefined : 'Saisissez l’adresse électronique de la personne.');
    setDone(undefined);
    if (email) setAsked(email);
  };

  return (
    <section aria-labelledby="trouver-compte" className={fr.cx('fr-mt-6w')}>
      <h2 id="trouver-compte">Trouver un compte</h2>
      <p>
        Pour une personne qui n’arrive pas à se connecter : son compte, s’il est verrouillé ou désactivé, ses
        équipes et les invitations qui l’attendent. La consultation est inscrite au journal de la plateforme.
      </p>
      <form onSubmit={onSubmit} noValidate className="pn-narrow">
        <TextField
          name="email"
          label="Adresse électronique de la personne"
          type="email"
          inputMode="email"
          autoComplete="off"
          required
          value={typed}
          onChange={setTyped}
          error={missing ?? refused?.errors[0]?.message}
        />
        <SubmitButton pending={lookup.isFetching}>Chercher le compte</SubmitButton>
      </form>
      <div role="status" data-testid="account-access-notice">
        {done && (
          <Alert role={undefined} small severity="success" description={done} className={fr.cx('fr-mt-3w')} />
        )}
      </div>
      <div aria-live="polite">
        {lookup.isFetching && <Loading what="Recherche du compte…" />}
        {lookup.error && !refused && <QueryError error={lookup.error} what="La recherche du compte" />}
        {lookup.data && !lookup.isFetching && <LookupResult found={lookup.data} onDone={setDone} />}
      </div>
    </section>
  );
}

/** What the invitations say when no account has the address: one waits, or they all expired. */
function invitationsState(invitations: AccountLookup['invitations']) {
  if (invitations.length === 0) return '.';
  if (invitations.some((i) => !i.expired)) return ' : une invitation l’attend.';
  return ' : son invitation a expiré. Demandez à l’équipe qui l’avait invitée de l’inviter à nouveau (« Renvoyer » dans ses invitations).';
}

function LookupResult({ found, onDone }: { found: AccountLookup; onDone: (notice: string) => void }) {
  const a = found.account;
  return (
    <div data-testid="account-lookup" className={fr.cx('fr-mt-4w')}>
      <h3 className={fr.cx('fr-h5')}>{found.email}</h3>
      {a ? (
        <>
          <p>
            <strong>{a.displayName}</strong>, compte créé le {formatDateTimeParis(a.createdAt)}.{' '}
            {a.lastSessionAt
              ? `Dernière connexion enregistrée le ${formatDateTimeParis(a.lastSessionAt)}.`
              : 'Aucune connexion enregistrée.'}
          </p>
          <p data-testid="account-state">
            {a.disabled
              ? `Compte désactivé${a.disabledAt ? ` depuis le ${formatDateTimeParis(a.disabledAt)}` : ''} : la personne ne peut plus se connecter.`
              : a.lock
                ? `Verrouillé après 5 essais manqués depuis ${a.lock.addresses} ${a.lock.addresses > 1 ? 'adresses' : 'adresse'} de connexion, jusqu’au ${formatDateTimeParis(a.lock.until)} : le verrou se lève seul. ${forgotten(found.resetByEmail)}`
                : `Compte ouvert : ni verrouillé, ni désactivé. ${forgotten(found.resetByEmail)}`}
          </p>
          <AccountAccessControl email={found.email} disabledAt={a.disabledAt} onDone={onDone} />
          {a.roles.length === 0 ? (
            <p>Ce compte n’a plus aucun rôle : il ne donne accès à aucun espace.</p>
          ) : (
            <TableFrame caption="Rôles du compte">
              <thead>
                <tr>
                  <th scope="col">Rôle</th>
                  <th scope="col">Équipe</th>
                  <th scope="col">Depuis le</th>
                </tr>
              </thead>
              <tbody>
                {a.roles.map((r) => (
                  <tr key={`${r.role} ${r.where} ${r.since}`}>
                    <th scope="row">{r.roleLabel}</th>
                    <td>{r.where}</td>
                    <td className="pn-nowrap">{formatDateTimeParis(r.since)}</td>
                  </tr>
                ))}
              </tbody>
            </TableFrame>
          )}
        </>
      ) : (
        <p data-testid="account-state">Aucun compte n’a cette adresse{invitationsState(found.invitations)}</p>
      )}
      {found.invitations.length > 0 && (
        <TableFrame caption="Invitations pour cette adresse (en attente ou expirées)">
          <thead>
            <tr>
              <th scope="col">Rôle</th>
              <th scope="col">Équipe</th>
              <th scope="col">Envoyée le</th>
              <th scope="col">Validité</th>
            </tr>
          </thead>
          <tbody>
            {found.invitations.map((i) => (
              <tr key={`${i.role} ${i.where} ${i.createdAt}`} data-testid="lookup-invitation">
                <th scope="row">{i.roleLabel}</th>
                <td>{i.where}</td>
                <td className="pn-nowrap">{formatDateTimeParis(i.createdAt)}</td>
                <td>
                  {i.expired
                    ? `Expirée le ${formatDateTimeParis(i.expiresAt)} : l’équipe peut la renvoyer`
                    : `Valable jusqu’au ${formatDateTimeParis(i.expiresAt)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
    </div>
  );
}
