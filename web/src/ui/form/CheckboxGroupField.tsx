import { fr } from '@codegouvfr/react-dsfr';
import type { ReactNode } from 'react';
import { Fieldset } from './Fieldset';
import { fieldId } from './useForm';

interface Props {
  /** the API field; the fieldset gets id champ-<name>, target of the error summary's link */
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  /** the chosen values joined by commas (form values are strings), in the options' order */
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  error?: string;
  inline?: boolean;
}

/**
 * DSFR checkboxes for a list chosen from known values (publics, booklet sizes): a person
 * ticks labels, never types a code. Inside the form Fieldset, like RadioField, so the group
 * takes the focus from the error summary and shows its error like the other fields.
 */
export function CheckboxGroupField(p: Props) {
  const id = fieldId(p.name);
  const chosen = new Set(p.value.split(',').filter(Boolean));
  const toggle = (v: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(v);
    else next.delete(v);
    p.onChange(
      p.options
        .map((o) => o.value)
        .filter((x) => next.has(x))
        .join(','),
    );
  };
  return (
    <Fieldset name={p.name} legend={p.legend} hint={p.hint} error={p.error}>
      {p.options.map((o, i) => (
        <div
          key={o.value}
          className={fr.cx('fr-fieldset__element', p.inline && 'fr-fieldset__element--inline')}
        >
          <div className={fr.cx('fr-checkbox-group')}>
            <input
              type="checkbox"
              id={`${id}-${i}`}
              name={p.name}
              value={o.value}
              checked={chosen.has(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
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
