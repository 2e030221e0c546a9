import { type FormEvent, useState } from 'react';
import { checkBankAccount } from '../../../../../src/core/bank-account';
import { useUpdateFunderSettings } from '../../../api/funders';
import type { FunderSettings } from '../../../api/types';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { TextField } from '../../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';
import { Saved } from './Saved';

const EMPTY = { 'bankAccount.iban': '', 'bankAccount.bic': '', 'bankAccount.holder': '' };
type Values = typeof EMPTY;

const LABELS: Record<keyof Values, string> = {
  'bankAccount.iban': 'IBAN',
  'bankAccount.bic': 'BIC',
  'bankAccount.holder': 'Titulaire du compte',
};

const HINTS = {
  iban: 'Tel qu’il figure sur le relevé d’identité bancaire, espaces permis, par exemple FR76 3000 6000 0112 3456 7890 189.',
  bic: '8 ou 11 caractères, par exemple AGRIFRPP.',
  holder: 'Le nom du titulaire, tel que la banque le connaît.',
};

const accountOf = (v: Values) => ({
  iban: v['bankAccount.iban'],
  bic: v['bankAccount.bic'],
  holder: v['bankAccount.holder'],
});

/** The same checks as the server's (core/bank-account.ts, ibantools), so the messages match. */
function validate(v: Values): FieldErrors {
  const r = checkBankAccount(accountOf(v));
  return r.ok ? {} : Object.fromEntries(r.issues.map((i) => [i.field, i.message]));
}

/** A new version of the funder's bank account; the earlier ones stay in the history below. */
export function BankAccountForm({ settings }: { settings: FunderSettings }) {
  const form = useForm(EMPTY, validate);
  const update = useUpdateFunderSettings(settings.funderId);
  const [saved, setSaved] = useState(false);
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setSaved(false);
    if (!form.check()) return;
    update.mutate(
      { bankAccount: accountOf(form.values) },
      {
        onSuccess: () => {
          setSaved(true);
          form.reset();
        },
        onError: (e) => form.showApiError(e),
      },
    );
  };
  const field = (name: keyof Values, hint: string, className?: string) => (
    <TextField
      name={name}
      label={LABELS[name]}
      hint={hint}
      autoComplete="off"
      className={className}
      required
      value={form.values[name]}
      onChange={form.set(name)}
      error={form.errors[name]}
    />
  );
  return (
    <section aria-labelledby="nouveau-compte">
      <h3 id="nouveau-compte">
        {settings.bankAccount ? 'Changer de compte bancaire' : 'Indiquer le compte bancaire'}
      </h3>
      {saved && (
        <Saved message="Le compte bancaire a été enregistré. Un message en prévient les administrateurs du financeur." />
      )}
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <p className="fr-text--sm">Tous les champs sont obligatoires.</p>
        {field('bankAccount.iban', HINTS.iban)}
        {field('bankAccount.bic', HINTS.bic, 'pn-narrow')}
        {field('bankAccount.holder', HINTS.holder)}
        <SubmitButton pending={update.isPending}>Enregistrer le compte bancaire</SubmitButton>
      </form>
    </section>
  );
}
