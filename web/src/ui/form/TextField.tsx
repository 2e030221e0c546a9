import { Input } from '@codegouvfr/react-dsfr/Input';
import { type HTMLInputTypeAttribute, type ReactNode, useState } from 'react';
import { fieldId } from './useForm';

interface Props {
  name: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  type?: HTMLInputTypeAttribute;
  required?: boolean;
  textArea?: boolean;
  rows?: number;
  inputMode?: 'numeric' | 'decimal' | 'email' | 'text';
  autoComplete?: string;
  /**
   * For codes typed letter by letter (an IBAN, a BIC): a phone's keyboard in capitals, and no
   * correction or spelling check turning « FR76 » or « AGRIFRPP » into words.
   */
  autoCapitalize?: 'off' | 'characters' | 'words' | 'sentences';
  autoCorrect?: 'on' | 'off';
  spellCheck?: boolean;
  min?: string;
  max?: string;
  className?: string;
  disabled?: boolean;
  readOnly?: boolean;
  /** id of a help text placed outside the label, so the field's accessible name stays exactly its label */
  describedBy?: string;
  /**
   * What Enter does in this one-line field instead of sending the form: a scanner types a
   * code then Enter, and a form sent half-filled greets the agent with a list of errors.
   */
  onEnter?: () => void;
}

/**
 * A DSFR input whose error (client check or API field error) is shown inline,
 * linked by aria-describedby and flagged aria-invalid.
 */
export function TextField(p: Props) {
  const id = fieldId(p.name);
  // A date the browser cannot read (31/02/2027, a year half typed) reaches the form as '', which
  // the form calls missing (« Renseignez le champ »): the field says what is wrong instead. Set
  // on leaving the field, not while typing; cleared as soon as the date reads.
  const [unreadableDate, setUnreadableDate] = useState(false);
  const error = p.type === 'date' && unreadableDate && p.value === '' ? UNREADABLE_DATE : p.error;
  // The hint stays inside the DSFR label visually, but out of the accessible name
  // (which is then exactly the label) and read as the field's description instead.
  const hintId = `${id}-aide`;
  const hintText = p.hint ? (
    <span id={hintId} aria-hidden="true">
      {p.hint}
    </span>
  ) : undefined;
  const describedBy = [p.hint ? hintId : undefined, p.describedBy].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: p.name,
    value: p.value,
    required: p.required,
    'aria-invalid': error ? true : undefined,
    autoComplete: p.autoComplete,
    autoCapitalize: p.autoCapitalize,
    autoCorrect: p.autoCorrect,
    spellCheck: p.spellCheck,
    readOnly: p.readOnly,
    'aria-describedby': describedBy,
  } as const;
  const state = error ? ('error' as const) : ('default' as const);
  // react-dsfr's Select marks its error with `fr-error-text`, its Input with `fr-message--error`:
  // give inputs both, so every field error on a page is found by one class (tests, styles).
  const classes = { message: error ? 'fr-error-text' : undefined };
  if (p.textArea) {
    return (
      <Input
        className={p.className}
        label={p.label}
        hintText={hintText}
        state={state}
        stateRelatedMessage={error}
        classes={classes}
        disabled={p.disabled}
        textArea
        nativeTextAreaProps={{ ...common, rows: p.rows ?? 4, onChange: (e) => p.onChange(e.target.value) }}
      />
    );
  }
  return (
    <Input
      className={p.className}
      label={p.label}
      hintText={hintText}
      state={state}
      stateRelatedMessage={error}
      classes={classes}
      disabled={p.disabled}
      nativeInputProps={{
        ...common,
        type: p.type ?? 'text',
        inputMode: p.inputMode,
        min: p.min,
        max: p.max,
        onChange: (e) => {
          if (!e.target.validity.badInput) setUnreadableDate(false);
          p.onChange(e.target.value);
        },
        onBlur: p.type === 'date' ? (e) => setUnreadableDate(e.target.validity.badInput) : undefined,
        onKeyDown: p.onEnter
          ? (e) => {
              if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
              e.preventDefault();
              p.onEnter?.();
            }
          : undefined,
      }}
    />
  );
}

const UNREADABLE_DATE =
  'Cette date n’existe pas ou est incomplète : vérifiez le jour, le mois et l’année (jj/mm/aaaa).';
