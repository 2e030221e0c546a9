import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import { useAccountAccess } from '../../api/accounts';
import { isApiError } from '../../api/client';
import { formatDateTimeParis } from '../../lib/format';
import { TextField } from '../../ui/form/TextField';
import { InlineConfirm } from '../../ui/InlineConfirm';
import { useOneAtATime } from '../../ui/useOneAtATime';

interface Props {
  email: string;
  disabledAt: string | null;
  /** What the operator is told once done, shown above the refreshed lookup. */
  onDone: (notice: string) => void;
}

/**
 * The account's state, and the operator's way to cut it off (with the reason, which the journal
 * keeps) or to give it back. A separate action from the lookup, journalled on its own.
 */
export function AccountAccessControl({ email, disabledAt, onDone }: Props) {
  const [opened, setOpened] = useState(false);
  return (
    <div data-testid="account-access" className={fr.cx('fr-mb-3w')}>
      <p className={fr.cx('fr-mb-1w')}>
        {disabledAt ? (
          <Badge as="span" small severity="error">
            Compte désactivé depuis le {formatDateTimeParis(disabledAt)}
          </Badge>
        ) : (
          <Badge as="span" small severity="success">
            Compte actif
          </Badge>
        )}
      </p>
      {disabledAt ? (
        opened ? (
          <EnableConfirm email={email} onClose={() => setOpened(false)} onDone={onDone} />
        ) : (
          <Button type="button" size="small" priority="secondary" onClick={() => setOpened(true)}>
            Réactiver ce compte
          </Button>
        )
      ) : opened ? (
        <DisableForm email={email} onClose={() => setOpened(false)} onDone={onDone} />
      ) : (
        <Button type="button" size="small" priority="secondary" onClick={() => setOpened(true)}>
          Désactiver ce compte
        </Button>
      )}
    </div>
  );
}

/** The server's French sentence (the API client turns a lost connection into one as well). */
/** « , 2 invitations qu’il avait envoyées retirées », or nothing when there were none. */
const withdrawnSaid = (n: number) =>
  n === 0
    ? ''
    : n === 1
      ? ', 1 invitation qu’il avait envoyée retirée'
      : `, ${n} invitations qu’il avait envoyées retirées`;

const detailOf = (e: unknown) => (isApiError(e) ? e.detail : 'La demande n’a pas abouti. Réessayez.');

function DisableForm({
  email,
  onClose,
  onDone,
}: { email: string } & Pick<Props, 'onDone'> & { onClose: () => void }) {
  const { disable } = useAccountAccess();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<string>();
  const failed = disable.error;
  const reasonError =
    missing ?? (isApiError(failed) ? failed.errors.find((e) => e.field === 'reason')?.message : undefined);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    const typed = reason.trim();
    setMissing(typed ? undefined : 'Motif : indiquez pourquoi le compte est désactivé.');
    if (!typed) return;
    // Awaited, not mutate's callbacks: the lookup read again unmounts this form before they run.
    disable
      .mutateAsync({ email, reason: typed })
      .then((done) =>
        onDone(
          `Le compte ${done.email} est désactivé : ${done.endedSessions} session(s) fermée(s)${withdrawnSaid(done.withdrawnInvitations)}, il ne peut plus se connecter. Le motif est inscrit au journal de la plateforme.`,
        ),
      )
      .catch(() => {}); // shown by the form, from the mutation's error
  };

  return (
    <form onSubmit={onSubmit} noValidate className="pn-narrow" aria-labelledby="desactiver-titre">
      <p id="desactiver-titre" className={fr.cx('fr-mb-1w')}>
        <strong>Désactiver le compte {email} ?</strong>
      </p>
      <p className={fr.cx('fr-text--sm')}>
        Ses sessions sont fermées tout de suite ; il ne pourra plus se connecter ni recevoir de lien de mot de
        passe. Les invitations qu’il a envoyées et que personne n’a encore acceptées sont retirées. Ses rôles
        dans les équipes ne changent pas.
      </p>
      <TextField
        name="reason"
        label="Motif"
        hint="Inscrit au journal de la plateforme (500 caractères au plus)."
        required
        value={reason}
        onChange={setReason}
        error={reasonError}
      />
      {failed && !reasonError && <p className={fr.cx('fr-error-text')}>{detailOf(failed)}</p>}
      <div className="pn-actions">
        <Button type="submit" size="small" disabled={disable.isPending}>
          Désactiver le compte
        </Button>
        <Button
          type="button"
          size="small"
          priority="secondary"
          onClick={onClose}
          disabled={disable.isPending}
        >
          Annuler
        </Button>
      </div>
    </form>
  );
}

function EnableConfirm({
  email,
  onClose,
  onDone,
}: { email: string } & Pick<Props, 'onDone'> & { onClose: () => void }) {
  const { enable } = useAccountAccess();
  // A confirmation pressed twice sends once (useOneAtATime).
  const sendEnable = useOneAtATime(enable);
  return (
    <>
      <InlineConfirm
        question={`Réactiver le compte ${email} ? La personne pourra de nouveau se connecter.`}
        confirmLabel="Réactiver le compte"
        keepLabel="Annuler"
        pending={enable.isPending}
        onKeep={onClose}
        onConfirm={() =>
          sendEnable(email)
            ?.then((done) =>
              onDone(`Le compte ${done.email} est réactivé : la personne peut de nouveau se connecter.`),
            )
            .catch(() => {})
        }
      />
      {enable.error && <p className={fr.cx('fr-error-text')}>{detailOf(enable.error)}</p>}
    </>
  );
}
