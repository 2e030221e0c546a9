import { fr } from '@codegouvfr/react-dsfr';
import { type FormEvent, useState } from 'react';
import { useUpdateFunderSettings } from '../../../api/funders';
import type { FunderSettings } from '../../../api/types';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { TextField } from '../../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';
import { Saved } from './Saved';

const LABELS = {
  'placeContact.email': 'Adresse électronique pour les lieux',
  'placeContact.phone': 'Téléphone pour les lieux (facultatif)',
};
const check = (v: { email: string; phone: string }): FieldErrors =>
  v.phone.trim() && !v.email.trim()
    ? { 'placeContact.email': 'Indiquez l’adresse électronique : le téléphone l’accompagne.' }
    : {};

/**
 * Whom the funder's places write to about their statements and payments: their statements page
 * gives it, and tells them to write there about a statement approved. Without it, the page
 * cannot tell them where to write (the e-mails say not to reply).
 */
export function PlaceContactForm({ settings, admin }: { settings: FunderSettings; admin: boolean }) {
  const form = useForm(
    { email: settings.placeContact?.email ?? '', phone: settings.placeContact?.phone ?? '' },
    check,
  );
  const update = useUpdateFunderSettings(settings.funderId);
  const [saved, setSaved] = useState<string | null>(null);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setSaved(null);
    if (!form.check()) return;
    const email = form.values.email.trim();
    const placeContact = email ? { email, phone: form.values.phone.trim() || null } : null;
    update.mutate(
      { placeContact },
      {
        onSuccess: (s) =>
          setSaved(
            s.placeContact
              ? 'Contact enregistré : la page des relevés de vos lieux l’indique.'
              : 'Contact retiré : la page des relevés de vos lieux n’indique plus où vous écrire.',
          ),
        onError: (e) => form.showApiError(e),
      },
    );
  };

  return (
    <section aria-labelledby="contact-lieux" className={fr.cx('fr-mt-6w')}>
      <h2 id="contact-lieux">Contact pour les lieux</h2>
      <p>
        À qui vos lieux écrivent au sujet de leurs relevés et de leurs paiements, par exemple après
        l’approbation d’un relevé, qui ne se conteste plus sur la plateforme. La page des relevés de chaque
        lieu l’indique.
      </p>
      {saved && <Saved message={saved} />}
      {admin ? (
        <>
          <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
          <form onSubmit={onSubmit} noValidate className="pn-narrow">
            <TextField
              name="placeContact.email"
              type="email"
              label={LABELS['placeContact.email']}
              hint="Laissez vide pour retirer le contact."
              value={form.values.email}
              onChange={form.set('email')}
              error={form.errors['placeContact.email']}
            />
            <TextField
              name="placeContact.phone"
              type="tel"
              label={LABELS['placeContact.phone']}
              hint="Exemple : 03 74 27 00 00"
              value={form.values.phone}
              onChange={form.set('phone')}
              error={form.errors['placeContact.phone']}
            />
            <SubmitButton pending={update.isPending}>Enregistrer le contact des lieux</SubmitButton>
          </form>
        </>
      ) : (
        <p>
          <strong>Contact :</strong>{' '}
          {settings.placeContact
            ? `${settings.placeContact.email}${settings.placeContact.phone ? `, ${settings.placeContact.phone}` : ''}`
            : 'non renseigné'}
          .
        </p>
      )}
    </section>
  );
}
