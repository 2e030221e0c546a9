import { useState } from 'react';
import { type CommuneChoice, CommunePicker } from '../../ui/form/CommunePicker';

interface Props {
  /** the chosen commune's INSEE code, '' when none */
  value: string;
  onChange: (code: string) => void;
  error?: string;
  /** the field's name, for API errors (defaults to the hand-out form's) */
  name?: string;
  /** the box's label (defaults to the beneficiary's commune of residence) */
  label?: string;
}

/**
 * A commune (the beneficiary's, a prescriber's) for forms that keep its INSEE code as a
 * string: the CommunePicker, found by name or postcode, nobody ever types the code. Forms
 * give it a new `key` to empty it after a success.
 */
export function CommuneField({
  value,
  onChange,
  error,
  name = 'beneficiary.communeCode',
  label = 'Commune de résidence',
}: Props) {
  const [choice, setChoice] = useState<CommuneChoice | null>(null);
  return (
    <CommunePicker
      name={name}
      label={label}
      required
      error={error}
      value={choice && choice.code === value ? choice : null}
      onChange={(c) => {
        setChoice(c);
        onChange(c?.code ?? '');
      }}
    />
  );
}
