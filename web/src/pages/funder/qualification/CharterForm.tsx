import type { FormEvent } from 'react';
import { type Charter, usePublishCharter } from '../../../api/qualification';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { TextField } from '../../../ui/form/TextField';
import { useForm } from '../../../ui/form/useForm';

const LABELS = { text: 'Texte de la charte' };

// The server says when the text is missing or too long: one wording, one judge.
const noClientChecks = () => ({});

/** A new version of the charter; the server's refusal on the text shows beside it and in the summary. */
export function CharterForm({
  funderId,
  current,
  onPublished,
}: {
  funderId: string;
  current: Charter | null;
  onPublished: (version: number) => void;
}) {
  const publish = usePublishCharter(funderId);
  const form = useForm({ text: current?.text ?? '' }, noClientChecks);
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    form.check();
    publish.mutate(
      { text: form.values.text },
      { onSuccess: (r) => onPublished(r.version), onError: (e) => form.showApiError(e) },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <TextField
        name="text"
        label={LABELS.text}
        textArea
        rows={8}
        value={form.values.text}
        onChange={form.set('text')}
        error={form.errors.text}
      />
      <SubmitButton pending={publish.isPending}>
        Publier {current ? 'une nouvelle version de la' : 'la'} charte
      </SubmitButton>
    </form>
  );
}
