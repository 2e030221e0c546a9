import { fr } from '@codegouvfr/react-dsfr';
import { type FormEvent, useState } from 'react';
import {
  DEFAULT_UNUSUAL_DAY,
  timesInWords,
  UNUSUAL_DAY_FACTORS,
  type UnusualDayFactor,
} from '../../../../../src/core/unusual-day';
import { useUpdateFunderSettings } from '../../../api/funders';
import type { FunderSettings } from '../../../api/types';
import { formatInt } from '../../../lib/format';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SelectField } from '../../../ui/form/SelectField';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { TextField } from '../../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';
import { useHashTarget } from '../../../ui/useHashTarget';
import { Saved } from './Saved';

const LABELS = {
  'unusualDay.minimum': 'Nombre de pass dans la journée, au moins',
  'unusualDay.factor': 'Par rapport à l’habitude du lieu',
};

/** The factors the API accepts (its UNUSUAL_DAY_FACTORS), as a person says them. */
const OPTIONS = UNUSUAL_DAY_FACTORS.map((n) => ({
  value: String(n),
  label: `plus de ${timesInWords(n)} fois son habitude${n === DEFAULT_UNUSUAL_DAY.factor ? ' (par défaut)' : ''}`,
}));

/** The server's bounds (funders/schemas.ts), checked here first so that the message comes at once. */
function validate(v: { 'unusualDay.minimum': string }): FieldErrors {
  const typed = v['unusualDay.minimum'].trim();
  if (!/^\d+$/.test(typed)) return { 'unusualDay.minimum': 'Indiquez un nombre entier de pass, de 5 à 500.' };
  const n = Number(typed);
  if (n < 5) return { 'unusualDay.minimum': 'Une journée est signalée à partir de 5 pass au moins.' };
  if (n > 500) return { 'unusualDay.minimum': 'Une journée est signalée à partir de 500 pass au plus.' };
  return {};
}

/**
 * When a place's day of redemptions is worth the funder's look (the dashboard's « Journées
 * inhabituelles » and the morning e-mail to the admins): the default suits a mediator's
 * individual sessions; a funder whose places hold large workshops raises it.
 */
export function UnusualDayForm({ settings, admin }: { settings: FunderSettings; admin: boolean }) {
  // The dashboard's unusual days link here.
  useHashTarget('journees-inhabituelles');
  const { minimum, factor } = settings.unusualDay;
  const form = useForm(
    { 'unusualDay.minimum': String(minimum), 'unusualDay.factor': String(factor) },
    validate,
  );
  const update = useUpdateFunderSettings(settings.funderId);
  const [saved, setSaved] = useState<string | null>(null);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setSaved(null);
    if (!form.check()) return;
    update.mutate(
      {
        unusualDay: {
          minimum: Number(form.values['unusualDay.minimum'].trim()),
          factor: Number(form.values['unusualDay.factor']) as UnusualDayFactor,
        },
      },
      {
        onSuccess: (s) =>
          setSaved(
            `Seuil enregistré : ${ruleText(s.unusualDay)}. Le tableau de bord et les messages du matin le suivent.`,
          ),
        onError: (e) => form.showApiError(e),
      },
    );
  };

  return (
    <section aria-labelledby="journees-inhabituelles" className={fr.cx('fr-mt-6w')}>
      <h2 id="journees-inhabituelles">Journées inhabituelles</h2>
      <p>
        Le tableau de bord de chaque dispositif montre, et un message dit chaque matin aux administrateurs,
        les jours où un lieu a encaissé bien plus de pass que d’habitude (sa moyenne des jours où il en a
        encaissé, les quatre semaines d’avant). Rien n’est refusé : c’est à regarder. Si vos lieux animent des
        ateliers collectifs nombreux, relevez le seuil.
      </p>
      {saved && <Saved message={saved} />}
      {admin ? (
        <>
          <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
          <form onSubmit={onSubmit} noValidate className="pn-narrow">
            <TextField
              name="unusualDay.minimum"
              label={LABELS['unusualDay.minimum']}
              hint="De 5 à 500 pass d’un même dispositif. Par défaut : 20."
              inputMode="numeric"
              value={form.values['unusualDay.minimum']}
              onChange={form.set('unusualDay.minimum')}
              error={form.errors['unusualDay.minimum']}
            />
            <SelectField
              name="unusualDay.factor"
              label={LABELS['unusualDay.factor']}
              options={OPTIONS}
              value={form.values['unusualDay.factor']}
              onChange={form.set('unusualDay.factor')}
              error={form.errors['unusualDay.factor']}
            />
            <SubmitButton pending={update.isPending}>Enregistrer le seuil</SubmitButton>
          </form>
        </>
      ) : (
        <>
          <p>
            <strong>Seuil :</strong> {ruleText(settings.unusualDay)}.
          </p>
          <p className={fr.cx('fr-text--sm')}>Seuls les administrateurs du financeur peuvent le modifier.</p>
        </>
      )}
    </section>
  );
}

const ruleText = (r: FunderSettings['unusualDay']) =>
  `au moins ${formatInt(r.minimum)} pass dans la journée et plus de ${timesInWords(r.factor)} fois l’habitude du lieu`;
