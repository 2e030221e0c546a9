import { Select } from '@codegouvfr/react-dsfr/Select';
import type { ReactNode } from 'react';
import { fieldId } from './useForm';

interface Props {
  name: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** `disabled`: shown, not chosen (an envelope without stock, say, its label saying why) */
  options: { value: string; label: string; disabled?: boolean }[];
  /** shown first with an empty value, e.g. « Inchangé » */
  placeholder?: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
}

export function SelectField(p: Props) {
  const id = fieldId(p.name);
  const hintId = `${id}-aide`;
  return (
    <Select
      label={p.label}
      // Same as TextField: the hint is a description, not part of the accessible name.
      hint={
        p.hint ? (
          <span id={hintId} aria-hidden="true">
            {p.hint}
          </span>
        ) : undefined
      }
      state={p.error ? 'error' : 'default'}
      stateRelatedMessage={p.error}
      nativeSelectProps={{
        id,
        'aria-describedby': p.hint ? hintId : undefined,
        name: p.name,
        value: p.value,
        required: p.required,
        'aria-invalid': p.error ? true : undefined,
        onChange: (e) => p.onChange(e.target.value),
      }}
    >
      {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
      {p.options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </Select>
  );
}
