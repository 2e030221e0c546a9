import { fr } from '@codegouvfr/react-dsfr';
import { type FormEvent, useState } from 'react';
import { useUpdateFunderSettings } from '../../../api/funders';
import type { FunderSettings } from '../../../api/types';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { TextField } from '../../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';
import { Saved } from './Saved';

const LABELS = { privacyContact: 'Contact pour les données personnelles' };
const noCheck = (): FieldErrors => ({});

/**
 * Whom a person writes to about their data (the funder's data protection officer, or its
 * service): told in the information notice the desk gives at every hand-out.
 */
export function PrivacyContactForm({ settings, admin }: { settings: FunderSettings; admin: boolean }) {
  const form = useForm({ privacyContact: settings.privacyContact ?? '' }, noCheck);
  const update = useUpdateFunderSettings(settings.funderId);
  const [saved, setSaved] = useState<string | null>(null);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setSaved(null);
    const privacyContact = form.values.privacyContact.trim() || null;
    update.mutate(
      { privacyContact },
      {
        onSuccess: (s) =>
          setSaved(
            s.privacyContact
              ? 'Contact enregistré : la notice d’information remise aux personnes l’indique.'
              : 'Contact retiré : la notice d’information renvoie au financeur.',
          ),
        onError: (e) => form.showApiError(e),
      },
    );
  };

  return (
    <section aria-labelledby="contact-donnees" className={fr.cx('fr-mt-6w')}>
      <h2 id="contact-donnees">Contact pour les données personnelles</h2>
      <p>
        À qui une personne écrit pour consulter, rectifier ou effacer ses données : votre délégué à la
        protection des données, ou le service qui répond. La notice d’information remise à chaque personne
        lors de la remise d’un carnet l’indique.
      </p>
      {saved && <Saved message={saved} />}
      {admin ? (
        <>
          <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
          <form onSubmit={onSubmit} noValidate className="pn-narrow">
            <TextField
              name="privacyContact"
              label={LABELS.privacyContact}
              hint="Une adresse électronique ou postale, 300 caractères au plus. Laissez vide pour la retirer."
              value={form.values.privacyContact}
              onChange={form.set('privacyContact')}
              error={form.errors.privacyContact}
            />
            <SubmitButton pending={update.isPending}>Enregistrer le contact</SubmitButton>
          </form>
        </>
      ) : (
        <p>
          <strong>Contact :</strong> {settings.privacyContact ?? 'non renseigné'}.
        </p>
      )}
    </section>
  );
}
