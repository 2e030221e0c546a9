import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import { useRectifyBeneficiary } from '../../../api/beneficiaries';
import type { BeneficiarySummary } from '../../../api/types';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { TextField } from '../../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';

const LABELS = { firstName: 'Prénom', lastName: 'Nom', birthDate: 'Date de naissance' };
type Values = Record<keyof typeof LABELS, string>;

function validate(v: Values): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, label] of Object.entries(LABELS)) {
    if (!v[field as keyof Values].trim()) errors[field] = `Renseignez le champ « ${label} ».`;
  }
  return errors;
}

/**
 * Correcting a name or a birth date mistyped at the desk, at the person's request or when the
 * admin sees it (RGPD art. 16): the same record, so the person keeps their booklets and
 * allowance. The journal says which fields changed, never their values.
 */
export function RectificationForm({
  funderId,
  person,
}: {
  funderId: string;
  person: BeneficiarySummary & { firstName: string; lastName: string; birthDate: string };
}) {
  const current = { firstName: person.firstName, lastName: person.lastName, birthDate: person.birthDate };
  const form = useForm<Values>(current, validate);
  const rectify = useRectifyBeneficiary(funderId, person.id);
  const [done, setDone] = useState(false);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setDone(false);
    if (!form.check()) return;
    rectify.mutate(form.values, {
      onSuccess: (rectified) => {
        form.reset({
          firstName: rectified.firstName ?? '',
          lastName: rectified.lastName ?? '',
          birthDate: rectified.birthDate ?? '',
        });
        setDone(true);
      },
      onError: (e) => form.showApiError(e),
    });
  };
  const field = (name: keyof Values, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      name={name}
      label={LABELS[name]}
      required
      value={form.values[name]}
      onChange={form.set(name)}
      error={form.errors[name]}
      autoComplete="off"
      {...extra}
    />
  );

  return (
    <section aria-labelledby="rectifier" className={`fr-no-print ${fr.cx('fr-mt-6w')}`}>
      <h2 id="rectifier">Rectifier son identité</h2>
      <p>
        Un nom, un prénom ou une date de naissance mal saisis se corrigent ici : la personne garde ses
        carnets, ses séances et son droit. Le journal des actions indique les champs rectifiés, jamais leur
        valeur.
      </p>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      {done && (
        <div className={fr.cx('fr-alert', 'fr-alert--success', 'fr-alert--sm', 'fr-mb-3w')} role="status">
          <p>Identité rectifiée.</p>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate>
        {field('firstName')}
        {field('lastName')}
        {field('birthDate', { type: 'date', className: 'pn-narrow', min: '1900-01-01' })}
        <Button type="submit" priority="secondary" disabled={rectify.isPending}>
          Rectifier l’identité
        </Button>
      </form>
    </section>
  );
}
