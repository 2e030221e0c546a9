import type { ComponentProps } from 'react';
import { formatEurosInput } from '../../lib/parse';
import { TextField } from './TextField';

type Props = Omit<ComponentProps<typeof TextField>, 'type' | 'inputMode' | 'textArea' | 'rows'>;

/**
 * Every amount in euros that a person types: « 1 234,50 », « 1234.5 », « 1 234 € » are all
 * read (lib/parse.ts parseEurosToCents, whose French message the form shows), and the amount
 * is written back the French way when the field is left, so what is sent is what is read.
 */
export function MoneyField(p: Props) {
  return (
    <div
      onBlur={() => {
        const shown = formatEurosInput(p.value);
        if (shown !== p.value) p.onChange(shown);
      }}
    >
      <TextField className="pn-narrow" {...p} inputMode="decimal" autoComplete={p.autoComplete ?? 'off'} />
    </div>
  );
}
