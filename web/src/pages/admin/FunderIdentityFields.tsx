import { SelectField } from '../../ui/form/SelectField';
import { TextField } from '../../ui/form/TextField';
import { FUNDER_KIND_OPTIONS } from './funderIdentity';

type Field = 'name' | 'kind' | 'siret';

interface Props {
  /** the form's names of the three fields: two forms of one page need their own (ids are unique) */
  names: Record<Field, string>;
  values: Record<string, string>;
  errors: Record<string, string | undefined>;
  set: (name: string) => (value: string) => void;
  /** shown first in the kinds' list while none is chosen */
  kindPlaceholder?: string;
}

export const IDENTITY_LABELS: Record<Field, string> = {
  name: 'Nom du financeur',
  kind: 'Type de collectivité',
  siret: 'SIRET',
};

/** A funder's name, kind and SIRET, as created and as corrected by the operator. */
export function FunderIdentityFields({ names, values, errors, set, kindPlaceholder }: Props) {
  return (
    <>
      <TextField
        name={names.name}
        label={IDENTITY_LABELS.name}
        required
        value={values[names.name] ?? ''}
        onChange={set(names.name)}
        error={errors[names.name]}
      />
      <SelectField
        name={names.kind}
        label={IDENTITY_LABELS.kind}
        required
        placeholder={kindPlaceholder}
        options={FUNDER_KIND_OPTIONS}
        value={values[names.kind] ?? ''}
        onChange={set(names.kind)}
        error={errors[names.kind]}
      />
      <TextField
        name={names.siret}
        label={IDENTITY_LABELS.siret}
        hint="14 chiffres, par exemple 200 053 742 00012."
        inputMode="numeric"
        className="pn-narrow"
        required
        value={values[names.siret] ?? ''}
        onChange={set(names.siret)}
        error={errors[names.siret]}
      />
    </>
  );
}
