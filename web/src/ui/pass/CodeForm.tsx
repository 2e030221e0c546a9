import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import {
  type CSSProperties,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
  useRef,
} from 'react';
import { CODE_INPUT_MAX } from '../../../../src/core/pass-code';
import { FOCUS_ON_ARRIVAL } from '../focusOnArrival';
import { typedAnew } from './readCode';
import { scanBurst } from './scanBurst';

const ID = 'champ-code';
const HINT_ID = `${ID}-aide`;

/**
 * 24 px letters from a 410 px wide screen up; below, letters and their spacing shrink with the
 * screen (18 px at 320 px), so that a code of the alphabet's widest letters (« WMQG-HNDW-CAMQ-GH »)
 * stays whole in the field.
 */
const CODE_STYLE: CSSProperties = {
  fontSize: 'clamp(1rem, 6.8vw - 0.25rem, 1.5rem)',
  letterSpacing: 'clamp(0px, 1vw - 2px, 0.08em)',
  maxWidth: '100%',
};

/** The look of DSFR's disabled button, for one that is only busy. */
const BUSY_STYLE: CSSProperties = {
  color: 'var(--text-disabled-grey)',
  backgroundColor: 'var(--background-disabled-grey)',
  cursor: 'progress',
};

interface Props {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  /** `scanned`: Entrée came at the end of a scanner's burst of keys, not from a person. */
  onSubmit: (how: { fromField: boolean; scanned: boolean }) => void;
  checking: boolean;
  inputRef: Ref<HTMLInputElement>;
  /** further fields checked with the code (the session's date) */
  children?: ReactNode;
  /** What the button does (the desk checks the pass: « Vérifier »). */
  submitLabel?: string;
  /**
   * The field takes the keyboard when the page is reached, instead of its title (ui/Layout):
   * the desk's, where a scanner types.
   */
  focusOnArrival?: boolean;
}

/**
 * One big field: the code is read off paper, often by someone who is not used to
 * keyboards, so large letters and no automatic correction from the phone's keyboard. At a
 * place's desk and on a beneficiary's page alike.
 */
export function CodeForm(p: Props) {
  const burst = useRef(scanBurst());
  const send = (how: { fromField: boolean; scanned: boolean }) => {
    // Entrée pressed again (or a scanner's) while the code is checked: one check is enough.
    if (p.checking) return;
    p.onSubmit(how);
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    send({ fromField: false, scanned: false });
  };
  const onKeyDown = (ev: KeyboardEvent<HTMLInputElement>) => {
    const now = ev.timeStamp;
    if (ev.key.length === 1) burst.current.typed(now);
    else if (ev.key === 'Enter' && !ev.nativeEvent.isComposing) {
      ev.preventDefault();
      send({ fromField: true, scanned: burst.current.ends(now) });
    }
    // A scanner's Tab after the link: the next scan stays in this field (it went into the
    // date's, which read 26/03/1764 and made the desk one of a past day). A person's Tab moves on.
    else if (ev.key === 'Tab' && !ev.shiftKey && burst.current.ends(now)) ev.preventDefault();
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
          ...(p.focusOnArrival ? { [FOCUS_ON_ARRIVAL]: '' } : {}),
          name: 'code',
          value: p.value,
          // Typed into a whole code: a new code (a scan after the previous pass's).
          onChange: (e) => p.onChange(typedAnew(p.value, e.target.value)),
          onKeyDown,
          // What the API takes: a code spaced out, or its QR code's link, fit; two codes typed
          // into one another do not go on for ever (and are said too long from the 15th letter).
          maxLength: CODE_INPUT_MAX,
          autoComplete: 'off',
          inputMode: 'text',
          autoCapitalize: 'characters',
          autoCorrect: 'off',
          spellCheck: false,
          required: true,
          'aria-invalid': p.error ? true : undefined,
          'aria-describedby': HINT_ID,
          // Large letters where there is room, the whole code in sight on a 320 px screen (a
          // 200 % zoom): 24 px letters, spaced, showed half of it; they shrink with the screen.
          style: CODE_STYLE,
        }}
      />
      {p.children}
      {/* Not `disabled` while the code is checked: a disabled button drops the keyboard's focus
          and the form ignores Entrée silently; it says it is busy, and `submit` ignores it. */}
      <Button
        type="submit"
        size="large"
        nativeButtonProps={{ 'aria-disabled': p.checking ? true : undefined }}
        style={p.checking ? BUSY_STYLE : undefined}
      >
        {p.submitLabel ?? 'Vérifier'}
      </Button>
    </form>
  );
}
