import { fr } from '@codegouvfr/react-dsfr';
import {
  STANDARD_ACCESS_MODES,
  STANDARD_FEES,
  STANDARD_PUBLICS,
  STANDARD_SPECIFIC_SUPPORT,
  STANDARD_SUPPORT_MODES,
} from '../../../../../src/core/place-standard';
import { STANDARD_SERVICES } from '../../../../../src/core/session';
import type { Commune } from '../../../api/types';
import { CheckboxGroupField } from '../../../ui/form/CheckboxGroupField';
import { TextField } from '../../../ui/form/TextField';
import { OpeningHoursField } from '../../../ui/OpeningHoursField';
import { CommuneField } from '../../prescriber/CommuneField';
import { PROFILE_LABELS as L, type ProfileValues } from './profileForm';

interface Props {
  values: ProfileValues;
  set: (name: keyof ProfileValues & string) => (value: string) => void;
  errors: Record<string, string>;
  /** the registration form, without a session, searches the public list of communes */
  publicSearch?: boolean;
  initialCommune?: Commune | null;
}

const options = (labels: readonly string[]) => labels.map((l) => ({ value: l, label: l }));

/**
 * A place's description in the fields of the national standard: the same fields in the
 * public registration form and on the place's profile page (and for whoever edits a place).
 */
export function PlaceProfileFields({ values: v, set, errors, publicSearch, initialCommune }: Props) {
  return (
    <>
      <fieldset className={fr.cx('fr-fieldset')}>
        <legend className={fr.cx('fr-fieldset__legend', 'fr-h5')}>Adresse</legend>
        <div className={fr.cx('fr-fieldset__element')}>
          <CommuneField
            name="communeCode"
            label={L.communeCode}
            searchLabel="Rechercher la commune du lieu"
            value={v.communeCode}
            onChange={set('communeCode')}
            onChoose={(c) => {
              if (c?.postcodes.length === 1) set('postcode')(c.postcodes[0]!);
            }}
            error={errors.communeCode}
            publicSearch={publicSearch}
            initialCommune={initialCommune}
          />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <TextField
            name="address"
            label={L.address}
            hint="Numéro et voie, par exemple 12 rue des Trois Cailloux."
            required
            value={v.address}
            onChange={set('address')}
            error={errors.address}
            autoComplete="street-address"
          />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <TextField
            name="addressComplement"
            label={L.addressComplement}
            hint="Facultatif : bâtiment, étage…"
            value={v.addressComplement}
            onChange={set('addressComplement')}
            error={errors.addressComplement}
          />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <TextField
            name="postcode"
            label={L.postcode}
            required
            inputMode="numeric"
            autoComplete="postal-code"
            className="pn-narrow"
            value={v.postcode}
            onChange={set('postcode')}
            error={errors.postcode}
          />
        </div>
        <p className={fr.cx('fr-fieldset__element', 'fr-text--sm')} id="coordonnees-aide">
          Facultatif : la position du lieu sur la carte, en degrés décimaux (sur une carte en ligne, un clic
          droit sur le lieu les donne). Sans elle, le lieu figure dans la liste mais pas sur la carte.
        </p>
        <div className={fr.cx('fr-fieldset__element', 'fr-fieldset__element--inline')}>
          <TextField
            name="latitude"
            label={L.latitude}
            hint="Par exemple 49,894"
            inputMode="decimal"
            describedBy="coordonnees-aide"
            value={v.latitude}
            onChange={set('latitude')}
            error={errors.latitude}
          />
        </div>
        <div className={fr.cx('fr-fieldset__element', 'fr-fieldset__element--inline')}>
          <TextField
            name="longitude"
            label={L.longitude}
            hint="Par exemple 2,296"
            inputMode="decimal"
            describedBy="coordonnees-aide"
            value={v.longitude}
            onChange={set('longitude')}
            error={errors.longitude}
          />
        </div>
      </fieldset>

      <OpeningHoursField
        name="openingHours"
        value={v.openingHours}
        onChange={set('openingHours')}
        error={errors.openingHours}
      />

      <CheckboxGroupField
        name="services"
        legend={L.services}
        hint="Au moins un, parmi les neuf services du standard national."
        value={v.services}
        onChange={set('services')}
        options={options(STANDARD_SERVICES)}
        error={errors.services}
      />
      <CheckboxGroupField
        name="publics"
        legend={L.publics}
        hint="Facultatif : les publics que le lieu accueille en particulier."
        value={v.publics}
        onChange={set('publics')}
        options={options(STANDARD_PUBLICS)}
        error={errors.publics}
        inline
      />
      <CheckboxGroupField
        name="specificSupport"
        legend={L.specificSupport}
        hint="Facultatif."
        value={v.specificSupport}
        onChange={set('specificSupport')}
        options={options(STANDARD_SPECIFIC_SUPPORT)}
        error={errors.specificSupport}
      />
      <CheckboxGroupField
        name="accessModes"
        legend={L.accessModes}
        hint="Comment venir : facultatif."
        value={v.accessModes}
        onChange={set('accessModes')}
        options={options(STANDARD_ACCESS_MODES)}
        error={errors.accessModes}
      />
      <CheckboxGroupField
        name="supportModes"
        legend={L.supportModes}
        hint="Facultatif."
        value={v.supportModes}
        onChange={set('supportModes')}
        options={options(STANDARD_SUPPORT_MODES)}
        error={errors.supportModes}
        inline
      />
      <CheckboxGroupField
        name="fees"
        legend={L.fees}
        hint="Facultatif."
        value={v.fees}
        onChange={set('fees')}
        options={options(STANDARD_FEES)}
        error={errors.fees}
        inline
      />

      <fieldset className={fr.cx('fr-fieldset')}>
        <legend className={fr.cx('fr-fieldset__legend', 'fr-h5')}>Contact et accessibilité</legend>
        <div className={fr.cx('fr-fieldset__element')}>
          <TextField
            name="phone"
            label={L.phone}
            hint="Facultatif, par exemple 03 22 00 00 00."
            type="tel"
            autoComplete="tel"
            value={v.phone}
            onChange={set('phone')}
            error={errors.phone}
          />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <TextField
            name="email"
            label={L.email}
            hint="Facultatif : l'adresse que le public peut écrire."
            type="email"
            inputMode="email"
            value={v.email}
            onChange={set('email')}
            error={errors.email}
          />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <TextField
            name="website"
            label={L.website}
            hint="Facultatif, par exemple https://www.exemple.fr"
            type="url"
            value={v.website}
            onChange={set('website')}
            error={errors.website}
          />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <TextField
            name="accessibilityUrl"
            label={L.accessibilityUrl}
            hint="Facultatif : l'adresse de la fiche du lieu sur acceslibre.beta.gouv.fr"
            type="url"
            value={v.accessibilityUrl}
            onChange={set('accessibilityUrl')}
            error={errors.accessibilityUrl}
          />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <TextField
            name="summary"
            label={L.summary}
            hint="Facultatif, 280 caractères au plus : ce que le public lit d'abord."
            value={v.summary}
            onChange={set('summary')}
            error={errors.summary}
          />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <TextField
            name="description"
            label={L.description}
            hint="Facultatif."
            textArea
            rows={4}
            value={v.description}
            onChange={set('description')}
            error={errors.description}
          />
        </div>
      </fieldset>
    </>
  );
}
