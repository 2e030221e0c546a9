import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useCreateInvitation } from '../../api/invitations';
import { useSession } from '../../api/session';
import type { InvitationRole, InvitationSent } from '../../api/types';
import { FunderBreadcrumb } from '../../ui/FunderBreadcrumb';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { RadioField } from '../../ui/form/RadioField';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../ui/form/useForm';
import { InvitationDelivery, invitationTitle } from '../../ui/InvitationDelivery';
import { funderMembership } from '../../ui/roles';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { AdminOnly } from './AdminOnly';
import { MembersTable } from './team/MembersTable';
import { PendingInvitations } from './team/PendingInvitations';

const TITLE = 'Équipe';

const EMPTY = { email: '', role: '' };
type Values = typeof EMPTY;

const LABELS: Record<keyof Values, string> = {
  email: 'Adresse électronique de la personne invitée',
  role: 'Ce qu’elle pourra faire',
};

const ROLE_OPTIONS: { value: InvitationRole; label: string }[] = [
  {
    value: 'funder_admin',
    label: 'Administrer : créer et modifier les dispositifs, émettre et attribuer les carnets, inviter',
  },
  { value: 'funder_viewer', label: 'Consulter seulement : voir les dispositifs, les carnets, les chiffres' },
];
const ROLE_SHORT: Record<InvitationRole, string> = {
  funder_admin: 'administrateur',
  funder_viewer: 'en consultation seule',
};

function validate(v: Values): FieldErrors {
  const e: FieldErrors = {};
  const email = v.email.trim();
  if (!email) e.email = 'Saisissez l’adresse électronique de la personne à inviter.';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    e.email = 'Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.';
  if (!v.role) e.role = 'Choisissez ce que la personne pourra faire.';
  return e;
}

interface Sent {
  email: string;
  role: InvitationRole;
  answer: InvitationSent;
}

/**
 * A funder admin keeps the team: who has access (a role changed, an access ended), colleagues
 * invited (each invitation a one-time link, valid 14 days), invitations waiting (one withdrawn).
 */
export function TeamPage() {
  useDocumentTitle(TITLE);
  const { data: session } = useSession();
  const membership = funderMembership(session);
  if (!membership) return null;
  return (
    <>
      <FunderBreadcrumb current={TITLE} />
      <h1>
        {TITLE}
        {membership.funderName ? ` de ${membership.funderName}` : ''}
      </h1>
      <AdminOnly
        funderId={membership.funderId}
        description="Seuls les administrateurs du financeur gèrent l’équipe et invitent des collègues. Demandez-leur de vous envoyer une invitation."
      >
        <MembersTable funderId={membership.funderId} />
        <InviteForm funderId={membership.funderId} />
        <PendingInvitations funderId={membership.funderId} />
      </AdminOnly>
    </>
  );
}

function InviteForm({ funderId }: { funderId: string }) {
  const form = useForm(EMPTY, validate);
  const invite = useCreateInvitation(funderId);
  // Sent by e-mail, or (no SMTP) its link shown once, to be handed over.
  const [sent, setSent] = useState<Sent | null>(null);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    const email = form.values.email.trim();
    const role = form.values.role as InvitationRole;
    invite.mutate(
      { email, role },
      {
        onSuccess: (answer) => {
          setSent({ email, role, answer });
          form.reset();
        },
        onError: (e) => form.showApiError(e),
      },
    );
  };

  return (
    <>
      {sent && <LatestLink key={`${sent.email} ${sent.answer.invitationUrl}`} sent={sent} />}
      <section aria-labelledby="inviter" className={fr.cx('fr-mt-6w')}>
        <h2 id="inviter">Inviter un collègue</h2>
        <p>
          Invitez un collègue : la plateforme lui envoie par e-mail un lien d’invitation, valable 14 jours et
          utilisable une seule fois (sans serveur d’envoi, le lien s’affiche ici pour que vous le lui
          transmettiez). En l’ouvrant, il choisit son mot de passe ; s’il a déjà un compte, il se connecte
          puis accepte.
        </p>
        <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
        <form onSubmit={onSubmit} noValidate>
          <TextField
            name="email"
            label={LABELS.email}
            type="email"
            inputMode="email"
            autoComplete="off"
            required
            value={form.values.email}
            onChange={form.set('email')}
            error={form.errors.email}
          />
          <RadioField
            name="role"
            legend={LABELS.role}
            options={ROLE_OPTIONS}
            value={form.values.role}
            onChange={form.set('role')}
            error={form.errors.role}
          />
          <Button type="submit" disabled={invite.isPending}>
            Créer l’invitation
          </Button>
        </form>
      </section>
    </>
  );
}

/** The link just made, announced (it takes the focus) and ready to copy. */
function LatestLink({ sent }: { sent: Sent }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className={fr.cx('fr-mb-4w')}>
      <Alert
        severity="success"
        as="h2"
        title={invitationTitle(sent.email, sent.answer)}
        description={
          <InvitationDelivery
            email={`${sent.email} (${ROLE_SHORT[sent.role]})`}
            sent={sent.answer}
            handOver={`transmettez-lui ce lien (${ROLE_SHORT[sent.role]}) :`}
            testId="team-invitation-url"
          />
        }
      />
    </div>
  );
}
