import { fr } from '@codegouvfr/react-dsfr';
import type { ReactNode } from 'react';
import { Fieldset } from './Fieldset';
import { fieldId } from './useForm';

interface Props {
  /** the API field; the fieldset gets id champ-<name>, target of the error summary's link */
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  error?: string;
  inline?: boolean;
}

/**
 * DSFR radio buttons inside the form Fieldset rather than react-dsfr's RadioButtons, so
 * the group can take the focus from the error summary and shows its error like the others.
 */
export function RadioField(p: Props) {
  const id = fieldId(p.name);
  return (
    <Fieldset name={p.name} legend={p.legend} hint={p.hint} error={p.error}>
      {p.options.map((o, i) => (
        <div
          key={o.value}
          className={fr.cx('fr-fieldset__element', p.inline && 'fr-fieldset__element--inline')}
        >
          <div className={fr.cx('fr-radio-group')}>
            <input
              type="radio"
              id={`${id}-${i}`}
              name={p.name}
              value={o.value}
              checked={p.value === o.value}
              onChange={() => p.onChange(o.value)}
            />
            <label className={fr.cx('fr-label')} htmlFor={`${id}-${i}`}>
              {o.label}
            </label>
          </div>
        </div>
      ))}
    </Fieldset>
  );
}
