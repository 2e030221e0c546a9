import { createModal } from '@codegouvfr/react-dsfr/Modal';
import type { FormEvent } from 'react';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { TextField } from '../../../ui/form/TextField';
import { useForm } from '../../../ui/form/useForm';
import { useDialogFocusReturn } from '../../../ui/useDialogFocusReturn';

/** The dialog asking the reason of a decision other than an approval. */
export const decisionModal = createModal({ id: 'motif-decision', isOpenedByDefault: false });

const LABELS = { reason: 'Motif de la décision' };

// The server says when a reason is missing (« Indiquez le motif… »): one wording, one judge.
const noClientChecks = () => ({});

/**
 * The dialog and its form. `openings` changes at each opening, so the form starts blank rather
 * than with the last decision's errors; `fallback` takes the focus when the button that opened
 * the dialog is gone with the decision made.
 */
export function DecisionDialog({
  title,
  openings,
  pending,
  submit,
  fallback,
}: {
  title: string;
  openings: number;
  pending: boolean;
  /** sends the decision; `failed` shows the server's refusal in the dialog */
  submit: (reason: string, failed: (e: unknown) => void) => void;
  fallback: () => HTMLElement | null;
}) {
  useDialogFocusReturn(decisionModal.id, fallback);
  return (
    <decisionModal.Component title={title} titleAs="h2">
      <ReasonForm key={openings} pending={pending} submit={submit} />
    </decisionModal.Component>
  );
}

function ReasonForm({
  pending,
  submit,
}: {
  pending: boolean;
  submit: (reason: string, failed: (e: unknown) => void) => void;
}) {
  const form = useForm({ reason: '' }, noClientChecks);
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    form.check();
    submit(form.values.reason.trim(), (e) => form.showApiError(e));
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <TextField
        name="reason"
        label={LABELS.reason}
        hint="Les administrateurs du lieu le recevront par e-mail avec votre décision ; le lieu le lit aussi sur sa page Qualification."
        textArea
        rows={3}
        required
        value={form.values.reason}
        onChange={form.set('reason')}
        error={form.errors.reason}
      />
      <SubmitButton pending={pending}>Confirmer</SubmitButton>
    </form>
  );
}
