import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useInviteAgent } from '../../../api/prescribers';
import type { InvitationSent, Prescriber } from '../../../api/types';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { TextField } from '../../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';
import { InvitationDelivery, invitationTitle } from '../../../ui/InvitationDelivery';
import { SuccessPanel } from '../../../ui/SuccessPanel';

const EMPTY = { email: '' };
type Values = typeof EMPTY;

const LABELS: Record<string, string> = {
  email: 'Adresse électronique de l’agent',
  organisationId: 'Structure',
  role: 'Rôle',
};

function validate(v: Values): FieldErrors {
  const e: FieldErrors = {};
  const email = v.email.trim();
  if (!email) e.email = 'Saisissez l’adresse électronique de l’agent.';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) e.email = 'Saisissez une adresse électronique valide.';
  return e;
}

interface Props {
  funderId: string;
  prescriber: Prescriber;
  onClose: () => void;
}

/**
 * An invitation for an agent of one prescriber: sent by e-mail, or (no SMTP) its link shown
 * here, once, for the admin to hand over.
 */
export function InviteAgentForm({ funderId, prescriber, onClose }: Props) {
  const form = useForm(EMPTY, validate);
  const invite = useInviteAgent(funderId);
  const [sent, setSent] = useState<{ email: string; answer: InvitationSent } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from a row of the list (mounted afresh for each prescriber): the focus comes here.
  useEffect(() => heading.current?.focus(), []);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    const email = form.values.email.trim();
    invite.mutate(
      { email, organisationId: prescriber.id },
      {
        onSuccess: (answer) => {
          // The address as recorded, not as typed.
          setSent({ email: answer.email, answer });
          form.reset();
        },
        onError: (e) => form.showApiError(e),
      },
    );
  };

  return (
    <section aria-labelledby="inviter-agent" className={fr.cx('fr-mt-6w')}>
      <h2 id="inviter-agent" ref={heading} tabIndex={-1}>
        Inviter un agent de « {prescriber.name} »
      </h2>
      {sent && (
        <Sent key={`${sent.email} ${sent.answer.invitationUrl}`} email={sent.email} answer={sent.answer} />
      )}
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          name="email"
          label={LABELS.email}
          hint="L’agent recevra un lien pour créer son compte de prescripteur."
          type="email"
          inputMode="email"
          autoComplete="off"
          required
          value={form.values.email}
          onChange={form.set('email')}
          error={form.errors.email}
        />
        <div className="pn-actions">
          <SubmitButton pending={invite.isPending}>Créer l’invitation</SubmitButton>
          <Button type="button" priority="tertiary" onClick={onClose}>
            Fermer
          </Button>
        </div>
      </form>
    </section>
  );
}

function Sent({ email, answer }: { email: string; answer: InvitationSent }) {
  return (
    <SuccessPanel title={invitationTitle(email, answer)} as="h3">
      <InvitationDelivery
        email={email}
        sent={answer}
        handOver="transmettez ce lien à l’agent ; il lui permet de créer son compte :"
      />
    </SuccessPanel>
  );
}
