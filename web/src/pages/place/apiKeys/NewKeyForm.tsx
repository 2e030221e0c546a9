import type { FormEvent } from 'react';
import { useCreateApiKey } from '../../../api/apiKeys';
import type { CreatedApiKey } from '../../../api/types';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { TextField } from '../../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';

type Values = { label: string };

const LABELS: Record<keyof Values, string> = { label: 'Nom de la clé' };

const MAX = 100;

function validate(v: Values): FieldErrors {
  const e: FieldErrors = {};
  if (!v.label.trim()) e.label = 'Donnez un nom à la clé, pour la reconnaître plus tard.';
  else if (v.label.trim().length > MAX) e.label = `Le nom ne doit pas dépasser ${MAX} caractères.`;
  return e;
}

/**
 * `shown`: the label of a key created and still shown below. While it is, no other key can be
 * created: the new one would take its place on the page, and it is never shown again.
 */
export function NewKeyForm({
  placeId,
  shown,
  onCreated,
}: {
  placeId: string;
  shown: string | null;
  onCreated: (k: CreatedApiKey) => void;
}) {
  const form = useForm<Values>({ label: '' }, validate);
  const create = useCreateApiKey(placeId);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    create.mutate(
      { label: form.values.label.trim() },
      {
        onSuccess: (created) => {
          form.reset();
          onCreated(created);
        },
        onError: (e) => form.showApiError(e),
      },
    );
  };

  if (shown)
    return (
      <p>
        La clé « {shown} » est affichée plus bas : copiez-la dans votre logiciel, puis masquez-la avant d’en
        créer une autre.
      </p>
    );
  return (
    <>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          name="label"
          label={LABELS.label}
          hint="Pour la reconnaître, par exemple : Logiciel de caisse de l’accueil."
          className="pn-narrow"
          autoComplete="off"
          required
          value={form.values.label}
          onChange={form.set('label')}
          error={form.errors.label}
        />
        <SubmitButton pending={create.isPending}>Créer la clé</SubmitButton>
      </form>
    </>
  );
}
