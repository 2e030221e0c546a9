import { type FormEvent, useState } from 'react';
import { useUpdateFunderSettings } from '../../../api/funders';
import type { FunderSettings } from '../../../api/types';
import { choiceOf, decodeTerritories, encodeTerritories, territoryRefs } from '../../../lib/territory';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { TerritoryPicker } from '../../../ui/form/TerritoryPicker';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';
import { Saved } from './Saved';

const LABELS = { territory: 'Territoire du financeur' };

function validate(v: { territory: string }): FieldErrors {
  return decodeTerritories(v.territory).length
    ? {}
    : { territory: 'Choisissez au moins un territoire : saisissez le début de son nom, puis choisissez-le.' };
}

/** The funder's territory (its programmes' territory), chosen by name; stored as INSEE codes. */
export function TerritoryForm({ settings }: { settings: FunderSettings }) {
  const form = useForm({ territory: encodeTerritories(settings.territory.map(choiceOf)) }, validate);
  const update = useUpdateFunderSettings(settings.funderId);
  const [saved, setSaved] = useState(false);
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setSaved(false);
    if (!form.check()) return;
    update.mutate(
      { territory: territoryRefs(decodeTerritories(form.values.territory)) },
      {
        onSuccess: () => setSaved(true),
        onError: (e) => form.showApiError(e),
      },
    );
  };
  return (
    <section aria-labelledby="territoire">
      <h2 id="territoire">Territoire</h2>
      <p>
        Les bénéficiaires des dispositifs du financeur résident sur ce territoire : la remise d’un carnet
        vérifie leur commune.
      </p>
      {saved && <Saved message="Le territoire du financeur a été enregistré." />}
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <TerritoryPicker
          name="territory"
          label={LABELS.territory}
          hint="Commune, EPCI, département ou région : saisissez le début de son nom, puis choisissez-le dans la liste."
          required
          value={decodeTerritories(form.values.territory)}
          onChange={(list) => form.set('territory')(encodeTerritories(list))}
          error={form.errors.territory}
        />
        <SubmitButton pending={update.isPending}>Enregistrer le territoire</SubmitButton>
      </form>
    </section>
  );
}
