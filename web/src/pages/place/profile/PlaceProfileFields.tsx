import { fr } from '@codegouvfr/react-dsfr';
import type { ComponentProps } from 'react';
import {
  STANDARD_ACCESS_MODES,
  STANDARD_FEES,
  STANDARD_PUBLICS,
  STANDARD_SPECIFIC_SUPPORT,
  STANDARD_SUPPORT_MODES,
} from '../../../../../src/core/place-standard';
import { STANDARD_SERVICES } from '../../../../../src/core/session';
import type { Commune } from '../../../api/types';
import { typographic } from '../../../lib/format';
import { CheckboxGroupField } from '../../../ui/form/CheckboxGroupField';
import { TextField } from '../../../ui/form/TextField';
import { OpeningHoursField } from '../../../ui/OpeningHoursField';
import { CommuneField } from '../../prescriber/CommuneField';
import { PROFILE_LABELS as L, type ProfileValues } from './profileForm';

type Name = keyof ProfileValues & string;

interface Props {
  values: ProfileValues;
  set: (name: Name) => (value: string) => void;
  errors: Record<string, string>;
  /** the commune the place has, listed before any search (the profile page) */
  initialCommune?: Commune | null;
}

/**
 * A place's description in the fields of the national standard: the same fields in the
 * public registration form and on the place's profile page. Lists are ticked among the
 * standard's labels, hours set day by day, the commune found by name: nothing typed as a code.
 */
export function PlaceProfileFields({ values: v, set, errors, initialCommune }: Props) {
  const text = (name: Name, extra: Partial<ComponentProps<typeof TextField>> = {}, inline = false) => (
    <div className={fr.cx('fr-fieldset__element', inline && 'fr-fieldset__element--inline')}>
      <TextField
        name={name}
        label={L[name] ?? name}
        value={v[name] ?? ''}
        onChange={set(name)}
        error={errors[name]}
        {...extra}
      />
    </div>
  );
  const choices = (name: Name, labels: readonly string[], hint: string, inline = false) => (
    <CheckboxGroupField
      name={name}
      legend={L[name] ?? name}
      hint={hint}
      value={v[name] ?? ''}
      onChange={set(name)}
      // The standard's values as it spells them; shown with the app's apostrophe.
      options={labels.map((l) => ({ value: l, label: typographic(l) }))}
      error={errors[name]}
      inline={inline}
    />
  );
  return (
    <>
      <fieldset className={fr.cx('fr-fieldset')}>
        <legend className={fr.cx('fr-fieldset__legend', 'fr-h5')}>Adresse</legend>
        <div className={fr.cx('fr-fieldset__element')}>
          <CommuneField
            name="communeCode"
            label={L.communeCode}
            value={v.communeCode}
            onChange={set('communeCode')}
            onChoose={(c) => {
              if (c?.postcodes?.length === 1) set('postcode')(c.postcodes[0]!);
            }}
            error={errors.communeCode}
            initialCommune={initialCommune}
          />
        </div>
        {text('address', {
          hint: 'Numéro et voie, par exemple 12 rue des Trois Cailloux.',
          required: true,
          autoComplete: 'street-address',
        })}
        {text('addressComplement', { hint: 'Facultatif : bâtiment, étage…' })}
        {text('postcode', {
          required: true,
          inputMode: 'numeric',
          autoComplete: 'postal-code',
          className: 'pn-narrow',
        })}
        <p className={fr.cx('fr-fieldset__element', 'fr-text--sm')} id="coordonnees-aide">
          Facultatif : la position du lieu sur la carte, en degrés décimaux (sur une carte en ligne, un clic
          droit sur le lieu les donne). Sans elle, le lieu figure dans la liste mais pas sur la carte.
        </p>
        {text(
          'latitude',
          { hint: 'Par exemple 49,894', inputMode: 'decimal', describedBy: 'coordonnees-aide' },
          true,
        )}
        {text(
          'longitude',
          { hint: 'Par exemple 2,296', inputMode: 'decimal', describedBy: 'coordonnees-aide' },
          true,
        )}
      </fieldset>

      <OpeningHoursField
        name="openingHours"
        value={v.openingHours}
        onChange={set('openingHours')}
        error={errors.openingHours}
      />

      {choices('services', STANDARD_SERVICES, 'Au moins un, parmi les neuf services du standard national.')}
      {choices(
        'publics',
        STANDARD_PUBLICS,
        'Facultatif : les publics que le lieu accueille en particulier.',
        true,
      )}
      {choices('specificSupport', STANDARD_SPECIFIC_SUPPORT, 'Facultatif.')}
      {choices('accessModes', STANDARD_ACCESS_MODES, 'Comment venir : facultatif.')}
      {choices('supportModes', STANDARD_SUPPORT_MODES, 'Facultatif.', true)}
      {choices('fees', STANDARD_FEES, 'Facultatif.', true)}

      <fieldset className={fr.cx('fr-fieldset')}>
        <legend className={fr.cx('fr-fieldset__legend', 'fr-h5')}>Contact et accessibilité</legend>
        {text('phone', { hint: 'Facultatif, par exemple 03 22 00 00 00.', type: 'tel', autoComplete: 'tel' })}
        {text('email', {
          hint: 'Facultatif : l’adresse que le public peut écrire.',
          type: 'email',
          inputMode: 'email',
        })}
        {text('website', { hint: 'Facultatif, par exemple https://www.exemple.fr', type: 'url' })}
        {text('accessibilityUrl', {
          hint: 'Facultatif : l’adresse de la fiche du lieu sur acceslibre.beta.gouv.fr',
          type: 'url',
        })}
        {text('summary', { hint: 'Facultatif, 280 caractères au plus : ce que le public lit d’abord.' })}
        {text('description', { hint: 'Facultatif, 2 000 caractères au plus.', textArea: true, rows: 4 })}
      </fieldset>
    </>
  );
}
