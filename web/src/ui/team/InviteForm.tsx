import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { InvitationSent } from '../../api/types';
import { ErrorSummary } from '../form/ErrorSummary';
import { RadioField } from '../form/RadioField';
import { SubmitButton } from '../form/SubmitButton';
import { TextField } from '../form/TextField';
import { type FieldErrors, useForm } from '../form/useForm';
import { InvitationDelivery, invitationTitle } from '../InvitationDelivery';

const EMPTY = { email: '', role: '' };
type Values = typeof EMPTY;

const LABELS: Record<keyof Values, string> = {
  email: 'Adresse électronique de la personne invitée',
  role: 'Ce qu’elle pourra faire',
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

/** A role offered to the invitee: its words in the form, and in the sentence that hands the link over. */
export interface RoleOffer<R extends string> {
  value: R;
  label: string;
  short: string;
}

interface Props<R extends string> {
  roles: RoleOffer<R>[];
  /** Who is invited, in the heading and the introduction: « un collègue », « un bénévole ou un collègue ». */
  whom: string;
  invite: (input: { email: string; role: R }) => Promise<InvitationSent>;
}

interface Sent {
  email: string;
  short: string;
  answer: InvitationSent;
}

/**
 * Invites someone to a team: the platform e-mails them a one-time link, valid 14 days (without
 * SMTP the link is shown once, to hand over). A funder's and a place's team pages use it.
 */
export function InviteForm<R extends string>({ roles, whom, invite }: Props<R>) {
  const form = useForm(EMPTY, validate);
  const [pending, setPending] = useState(false);
  // Sent by e-mail, or (no SMTP) its link shown once, to be handed over.
  const [sent, setSent] = useState<Sent | null>(null);

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    const email = form.values.email.trim();
    const role = roles.find((r) => r.value === form.values.role)!;
    // The last link shown is another person's: kept above a refusal, it read as this one's.
    setSent(null);
    setPending(true);
    try {
      const answer = await invite({ email, role: role.value });
      // The address as the platform recorded it, not as typed (« Marie.Dupont@Exemple.FR »).
      setSent({ email: answer.email, short: role.short, answer });
      form.reset();
    } catch (e) {
      form.showApiError(e);
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      {sent && <LatestLink key={`${sent.email} ${sent.answer.invitationUrl}`} sent={sent} />}
      <section aria-labelledby="inviter" className={fr.cx('fr-mt-6w')}>
        <h2 id="inviter">Inviter {whom}</h2>
        <p>
          La plateforme envoie par e-mail un lien d’invitation, valable 14 jours et utilisable une seule fois
          (sans serveur d’envoi, le lien s’affiche ici pour que vous le transmettiez). En l’ouvrant, la
          personne choisit son mot de passe ; si elle a déjà un compte, elle se connecte puis accepte.
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
            options={roles.map(({ value, label }) => ({ value, label }))}
            value={form.values.role}
            onChange={form.set('role')}
            error={form.errors.role}
          />
          <SubmitButton pending={pending}>Créer l’invitation</SubmitButton>
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
    <div ref={ref} tabIndex={-1} className={fr.cx('fr-mt-4w')}>
      <Alert
        severity="success"
        as="h2"
        title={invitationTitle(sent.email, sent.answer)}
        description={
          <InvitationDelivery
            email={`${sent.email} (${sent.short})`}
            sent={sent.answer}
            handOver={`transmettez-lui ce lien (${sent.short}) :`}
            testId="team-invitation-url"
          />
        }
      />
    </div>
  );
}
