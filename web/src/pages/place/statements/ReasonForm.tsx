import { Button } from '@codegouvfr/react-dsfr/Button';
import type { FormEvent } from 'react';
import { useStatementStep } from '../../../api/statements';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { TextField } from '../../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';

type Values = { reason: string };

/** What an empty or too short text is told: the place gives a reason, the funder an answer. */
const TOO_SHORT: Record<'contest' | 'answer', string> = {
  contest: 'Expliquez le motif en quelques mots (5 caractères au moins).',
  answer: 'Écrivez votre réponse en quelques mots (5 caractères au moins).',
};

/** As the server's rule (statements/schemas.ts ReasonBody), said before sending. */
const MAX = 2000;

const validateFor =
  (step: 'contest' | 'answer') =>
  (v: Values): FieldErrors =>
    v.reason.trim().length < 5
      ? { reason: TOO_SHORT[step] }
      : v.reason.trim().length > MAX
        ? { reason: 'Ce texte tient en 2 000 caractères au plus.' }
        : {};

/** The reason of a contest (the place) or of the funder's answer, sent with the step. */
export function ReasonForm({
  statementId,
  step,
  label,
  submit,
  onDone,
  onCancel,
}: {
  statementId: string;
  step: 'contest' | 'answer';
  label: string;
  submit: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const form = useForm<Values>({ reason: '' }, validateFor(step));
  const mutation = useStatementStep(step);
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    mutation.mutate(
      { statementId, reason: form.values.reason.trim() },
      { onSuccess: onDone, onError: (e) => form.showApiError(e) },
    );
  };
  return (
    <>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={{ reason: label }} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          name="reason"
          label={label}
          textArea
          rows={3}
          required
          hint="De 5 à 2 000 caractères."
          value={form.values.reason}
          onChange={form.set('reason')}
          error={form.errors.reason}
        />
        <SubmitButton pending={mutation.isPending}>{submit}</SubmitButton>{' '}
        <Button type="button" priority="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </form>
    </>
  );
}
