import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { FormEvent, ReactNode, Ref } from 'react';

const ID = 'champ-code';
const HINT_ID = `${ID}-aide`;

interface Props {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  onSubmit: () => void;
  checking: boolean;
  inputRef: Ref<HTMLInputElement>;
  /** further fields checked with the code (the session's date) */
  children?: ReactNode;
  /** What the button does (the desk checks the pass: « Vérifier »). */
  submitLabel?: string;
}

/**
 * One big field: the code is read off paper, often by someone who is not used to
 * keyboards, so large letters and no automatic correction from the phone's keyboard. At a
 * place's desk and on a beneficiary's page alike.
 */
export function CodeForm(p: Props) {
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    p.onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate className={fr.cx('fr-mb-4w')}>
      <Input
        // The hint at the body's size: read by older people on a phone, and at a busy desk.
        className="pn-narrow pn-hint--body"
        label="Code du pass"
        // As in TextField: the hint is the field's description, not part of its name.
        hintText={
          <span id={HINT_ID} aria-hidden="true">
            14 caractères écrits sous le QR code. Majuscules, minuscules, espaces et tirets sont acceptés.
          </span>
        }
        state={p.error ? 'error' : 'default'}
        stateRelatedMessage={p.error}
        classes={{ message: p.error ? 'fr-error-text' : undefined }}
        nativeInputProps={{
          id: ID,
          ref: p.inputRef,
          name: 'code',
          value: p.value,
          onChange: (e) => p.onChange(e.target.value),
          autoComplete: 'off',
          inputMode: 'text',
          autoCapitalize: 'characters',
          autoCorrect: 'off',
          spellCheck: false,
          required: true,
          'aria-invalid': p.error ? true : undefined,
          'aria-describedby': HINT_ID,
          style: { fontSize: '1.5rem', letterSpacing: '0.08em' },
        }}
      />
      {p.children}
      <Button type="submit" size="large" disabled={p.checking}>
        {p.submitLabel ?? 'Vérifier'}
      </Button>
    </form>
  );
}
