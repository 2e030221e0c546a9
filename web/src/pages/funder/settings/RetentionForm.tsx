import { fr } from '@codegouvfr/react-dsfr';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useUpdateFunderSettings } from '../../../api/funders';
import type { FunderSettings, RetentionMonths } from '../../../api/types';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SelectField } from '../../../ui/form/SelectField';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { useOneAtATime } from '../../../ui/useOneAtATime';
import { Saved } from './Saved';

/** The periods the API accepts (its RETENTION_MONTHS), as a person says them. */
export const RETENTION_LABELS: Record<RetentionMonths, string> = {
  6: '6 mois',
  12: '12 mois',
  24: '24 mois (par défaut)',
  36: '36 mois (3 ans)',
  60: '60 mois (5 ans)',
};
const OPTIONS = Object.entries(RETENTION_LABELS).map(([value, label]) => ({ value, label }));
const LABELS = { beneficiaryRetentionMonths: 'Durée de conservation' };
const BUTTON_ID = 'enregistrer-conservation';

const noCheck = (): FieldErrors => ({});

/**
 * How long the beneficiaries' names and birth dates are kept after the closure of their last
 * programme: the funder's choice, one for all its programmes (it answers for one processing).
 * A shorter period is asked again: the hourly job then erases, for good, whoever it has passed.
 */
export function RetentionForm({ settings, admin }: { settings: FunderSettings; admin: boolean }) {
  const current = settings.beneficiaryRetentionMonths;
  const form = useForm({ beneficiaryRetentionMonths: String(current) }, noCheck);
  const update = useUpdateFunderSettings(settings.funderId);
  // A confirmation pressed twice sends once (useOneAtATime).
  const sendUpdate = useOneAtATime(update);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const chosen = Number(form.values.beneficiaryRetentionMonths) as RetentionMonths;
  // « Non »: the focus goes back to the button, once the question is gone.
  const backToButton = useRef(false);
  useEffect(() => {
    if (confirming || !backToButton.current) return;
    backToButton.current = false;
    document.getElementById(BUTTON_ID)?.focus();
  }, [confirming]);

  const save = () =>
    sendUpdate(
      { beneficiaryRetentionMonths: chosen },
      {
        onSuccess: (s) => {
          setConfirming(false);
          setSaved(
            `Durée de conservation enregistrée : ${RETENTION_LABELS[s.beneficiaryRetentionMonths].replace(' (par défaut)', '')} après la clôture du dernier dispositif de chaque personne.`,
          );
        },
        onError: (e) => {
          setConfirming(false);
          form.showApiError(e);
        },
      },
    );
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setSaved(null);
    if (!form.check()) return;
    if (chosen < current) setConfirming(true);
    else save();
  };

  return (
    <section aria-labelledby="donnees-beneficiaires" className={fr.cx('fr-mt-6w')}>
      <h2 id="donnees-beneficiaires">Données des bénéficiaires</h2>
      <p>
        Le nom, le prénom et la date de naissance d’une personne servent à la reconnaître à une prochaine
        remise de carnet. Ils sont effacés automatiquement au terme de cette durée, comptée depuis la clôture
        du dernier dispositif de la personne ; sa commune, son public et ses carnets restent, sans nom, pour
        les statistiques.
      </p>
      {saved && <Saved message={saved} />}
      {admin ? (
        <>
          <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
          <form onSubmit={onSubmit} noValidate className="pn-narrow">
            <SelectField
              name="beneficiaryRetentionMonths"
              label={LABELS.beneficiaryRetentionMonths}
              hint="Après la clôture du dernier dispositif de la personne."
              options={OPTIONS}
              value={form.values.beneficiaryRetentionMonths}
              onChange={(v) => {
                setConfirming(false);
                form.set('beneficiaryRetentionMonths')(v);
              }}
              error={form.errors.beneficiaryRetentionMonths}
            />
            <SubmitButton pending={update.isPending} id={BUTTON_ID}>
              Enregistrer la durée de conservation
            </SubmitButton>
          </form>
          {confirming && (
            <InlineConfirm
              className={fr.cx('fr-mt-2w')}
              question={`Raccourcir la durée de conservation à ${RETENTION_LABELS[chosen]} ? Les personnes dont le dernier dispositif a été clôturé il y a plus longtemps verront leur nom, leur prénom et leur date de naissance effacés dans l’heure, pour de bon.`}
              confirmLabel="Oui, raccourcir"
              keepLabel={`Non, garder ${RETENTION_LABELS[current].replace(' (par défaut)', '')}`}
              pending={update.isPending}
              onConfirm={save}
              onKeep={() => {
                backToButton.current = true;
                setConfirming(false);
              }}
            />
          )}
        </>
      ) : (
        <>
          <p>
            <strong>Durée de conservation :</strong> {RETENTION_LABELS[current]}.
          </p>
          <p className={fr.cx('fr-text--sm')}>Seuls les administrateurs du financeur peuvent la modifier.</p>
        </>
      )}
    </section>
  );
}
