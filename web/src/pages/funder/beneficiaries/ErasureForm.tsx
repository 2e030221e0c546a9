import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ERASURE_REASONS, type ErasureReason } from '../../../../../src/core/erasure-reasons';
import { useEraseBeneficiary } from '../../../api/beneficiaries';
import type { BeneficiarySummary } from '../../../api/types';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { RadioField } from '../../../ui/form/RadioField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { useOneAtATime } from '../../../ui/useOneAtATime';

const LABELS = { erasureReason: 'Motif de l’effacement' };
const REASONS = Object.entries(ERASURE_REASONS).map(([value, label]) => ({ value, label }));
const BUTTON_ID = 'effacer-donnees';

function validate(v: { erasureReason: string }): FieldErrors {
  return v.erasureReason ? {} : { erasureReason: 'Choisissez le motif de l’effacement.' };
}

/**
 * Erasing a person's names and birth date, at their request or for another reason chosen from
 * the list (the journal keeps it: a reason typed could carry the very names erased). What it
 * changes is said before, and asked again right under the button: it cannot be undone.
 */
export function ErasureForm({
  funderId,
  person,
  name,
  onErased,
}: {
  funderId: string;
  person: BeneficiarySummary;
  /** « Jeannine Dupont », said in the question */
  name: string;
  onErased: () => void;
}) {
  const form = useForm({ erasureReason: '' }, validate);
  const erase = useEraseBeneficiary(funderId, person.id);
  // A confirmation pressed twice sends once (useOneAtATime).
  const sendErase = useOneAtATime(erase);
  const [confirming, setConfirming] = useState(false);
  // « Non »: the focus goes back to the button that asked, once the question is gone.
  const backToButton = useRef(false);
  useEffect(() => {
    if (confirming || !backToButton.current) return;
    backToButton.current = false;
    document.getElementById(BUTTON_ID)?.focus();
  }, [confirming]);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (form.check()) setConfirming(true);
  };
  // Not mutate's callbacks: erased, the person has no name and this form is gone by the time
  // they would run (they run only while it is there); the page says the outcome.
  const confirm = () =>
    sendErase(form.values.erasureReason as ErasureReason)?.then(onErased, (e) => {
      setConfirming(false);
      form.showApiError(e);
    });

  return (
    <section aria-labelledby="effacer" className={`fr-no-print ${fr.cx('fr-mt-6w')}`}>
      <h2 id="effacer">Effacer ses données</h2>
      <p>
        À la demande de la personne, ou si elle a été enregistrée par erreur, effacez son nom, son prénom et
        sa date de naissance. Le motif choisi est inscrit au journal des actions.
      </p>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <RadioField
          name="erasureReason"
          legend={LABELS.erasureReason}
          options={REASONS}
          value={form.values.erasureReason}
          onChange={form.set('erasureReason')}
          error={form.errors.erasureReason}
        />
        <div className={fr.cx('fr-alert', 'fr-alert--warning', 'fr-mb-3w')}>
          <h3 className={fr.cx('fr-alert__title')}>Ce que l’effacement change</h3>
          <ul>
            <li>Le nom, le prénom et la date de naissance de la personne sont effacés pour de bon.</li>
            <li>Ses carnets restent valables : les pass qui lui restent s’utilisent comme avant.</li>
            <li>
              À une prochaine remise de carnet, la personne ne sera plus reconnue : elle sera enregistrée
              comme une nouvelle personne, sans compter les carnets déjà reçus.
            </li>
            <li>
              Sa commune, son public, ses carnets et ses séances restent, sans nom, pour les statistiques et
              les paiements des lieux.
            </li>
          </ul>
        </div>
        <Button type="submit" priority="secondary" nativeButtonProps={{ id: BUTTON_ID }}>
          Effacer ses données
        </Button>
        {confirming && (
          <InlineConfirm
            className={fr.cx('fr-mt-2w')}
            question={`Effacer pour de bon le nom, le prénom et la date de naissance de ${name} ?`}
            confirmLabel="Oui, effacer ses données"
            keepLabel="Non, ne rien effacer"
            pending={erase.isPending}
            onConfirm={confirm}
            onKeep={() => {
              backToButton.current = true;
              setConfirming(false);
            }}
          />
        )}
      </form>
    </section>
  );
}
