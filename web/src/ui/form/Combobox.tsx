import { fr } from '@codegouvfr/react-dsfr';
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { fieldId } from './useForm';

export interface ComboboxProps<T> {
  /** the API field: the input gets id champ-<name>, target of the error summary's link */
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  /** what is typed in the box */
  query: string;
  onQueryChange: (query: string) => void;
  /** the suggestions for the query (the caller searches) */
  options: T[];
  optionKey: (option: T) => string;
  optionLabel: (option: T) => string;
  /** what a person types for an option (a commune's name): Entrée takes the one so named */
  optionName?: (option: T) => string;
  onSelect: (option: T) => void;
  /** a search is running: said to screen readers instead of the count */
  searching?: boolean;
  /** fewer characters than this: no suggestion, a hint instead */
  minLength?: number;
  /** what to say when nothing matches */
  noMatch?: string;
  /** what Entrée says when what is typed names no single suggestion */
  mustChoose?: string;
  /** the query is the label of the option chosen: nothing to search, nothing to say */
  chosen?: boolean;
  /** the most characters the search takes (beyond, the API refuses the request) */
  maxLength?: number;
  className?: string;
}

/**
 * A text box that suggests as one types, after the WAI-ARIA combobox pattern (list popup,
 * `aria-activedescendant`): the focus stays in the box, ↓/↑ move in the list, Entrée chooses,
 * Échap closes; the number of suggestions is announced in a polite live region. The DSFR has no
 * such component, so it takes the DSFR input's look and a list styled in app.css (`.pn-combobox`).
 * TerritoryPicker and CommunePicker are built on it; a person never types a code.
 */
export function Combobox<T>(p: ComboboxProps<T>) {
  const id = fieldId(p.name);
  const uid = useId();
  const listId = `${id}-liste`;
  const hintId = `${id}-aide`;
  const errorId = `${id}-erreur`;
  const statusId = `${uid}-etat`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // Entrée pressed while the search ran: it is settled on the search's answer.
  const [pending, setPending] = useState(false);
  // Entrée found no single suggestion: said until the next key.
  const [notice, setNotice] = useState('');
  const closing = useRef<ReturnType<typeof setTimeout>>(undefined);
  const min = p.minLength ?? 2;
  const typed = !p.chosen && p.query.trim().length >= min;
  const shown = open && typed && p.options.length > 0;
  const optionId = (i: number) => `${id}-option-${i}`;

  const choose = (option: T) => {
    p.onSelect(option);
    setOpen(false);
    setActive(-1);
  };

  // Entrée without a suggestion highlighted: « Amiens » typed in full means Amiens, and a list of
  // one means that one; anything else is said, not silently left unapplied.
  const settle = () => {
    const option = typedOption(p.query, p.options, p.optionName ?? p.optionLabel);
    if (option) choose(option);
    else if (p.options.length > 0) setNotice(p.mustChoose ?? 'Choisissez dans la liste.');
  };
  // No dependency list: it settles with the props of the render where the search has answered.
  useEffect(() => {
    if (!pending || p.searching) return;
    setPending(false);
    settle();
  });

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const n = p.options.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!typed || n === 0) return;
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a < 0 ? (step === 1 ? 0 : n - 1) : (a + step + n) % n));
    } else if (e.key === 'Enter') {
      // Something typed and not chosen yet: Entrée settles it rather than submit the form by
      // surprise. Otherwise (a choice made, the list closed by Échap) it is the form's.
      if (!typed || !open) return;
      e.preventDefault();
      const option = shown && active >= 0 ? p.options[active] : undefined;
      if (option) choose(option);
      else if (p.searching) setPending(true);
      else settle();
    } else if (e.key === 'Escape') {
      if (shown) e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  // Nothing matches, or Entrée found nothing to choose: shown under the box, not only announced
  // (a misspelt commune left a sighted person with the unfiltered list and no word why).
  const warning =
    !typed || p.searching ? '' : notice || (p.options.length === 0 ? (p.noMatch ?? 'Aucun résultat.') : '');
  const status = !typed
    ? ''
    : p.searching
      ? 'Recherche en cours…'
      : `${p.options.length} suggestion${p.options.length > 1 ? 's' : ''} : flèches haut et bas pour parcourir, Entrée pour choisir.`;

  return (
    <div
      className={[fr.cx('fr-input-group', { 'fr-input-group--error': !!p.error }), 'pn-combobox', p.className]
        .filter(Boolean)
        .join(' ')}
    >
      <label className={fr.cx('fr-label')} htmlFor={id}>
        {p.label}
        {p.hint && (
          <span className={fr.cx('fr-hint-text')} id={hintId} aria-hidden="true">
            {p.hint}
          </span>
        )}
      </label>
      <div className="pn-combobox__box">
        <input
          id={id}
          name={p.name}
          className={fr.cx('fr-input', { 'fr-input--error': !!p.error })}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={listId}
          aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
          aria-describedby={[p.hint ? hintId : '', statusId, p.error ? errorId : '']
            .filter(Boolean)
            .join(' ')}
          aria-invalid={p.error ? true : undefined}
          aria-required={p.required || undefined}
          autoComplete="off"
          spellCheck={false}
          maxLength={p.maxLength}
          value={p.query}
          onChange={(e) => {
            p.onQueryChange(e.target.value);
            setOpen(true);
            setActive(-1);
            setPending(false);
            setNotice('');
          }}
          onKeyDown={onKeyDown}
          onFocus={() => {
            // Back in the box before the blur's delay ran out: it must not close the list now.
            clearTimeout(closing.current);
            setOpen(true);
          }}
          // A click in the list fires after the blur: let it land before closing.
          onBlur={() => {
            closing.current = setTimeout(() => setOpen(false), 150);
          }}
        />
        <ul id={listId} role="listbox" aria-label="Suggestions" className="pn-combobox__list" hidden={!shown}>
          {shown &&
            p.options.map((o, i) => (
              <li
                key={p.optionKey(o)}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={
                  i === active ? 'pn-combobox__option pn-combobox__option--active' : 'pn-combobox__option'
                }
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(o)}
                onMouseEnter={() => setActive(i)}
              >
                {p.optionLabel(o)}
              </li>
            ))}
        </ul>
      </div>
      {/* One live region, in sight when it warns: the warning is announced once, not twice. */}
      <p
        id={statusId}
        className={warning ? fr.cx('fr-message', 'fr-message--info', 'fr-mt-1w') : 'fr-sr-only'}
        aria-live="polite"
        aria-atomic="true"
      >
        {warning || (open ? status : '')}
      </p>
      {p.error && (
        <p id={errorId} className="fr-error-text fr-message--error">
          {p.error}
        </p>
      )}
    </div>
  );
}

/** Case, accents, hyphens and apostrophes aside: « saint quentin » is « Saint-Quentin ». */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s'’-]+/g, ' ')
    .trim()
    .toLowerCase();

/** The suggestion that what is typed names: the only one so named, or the only one offered. */
function typedOption<T>(query: string, options: T[], name: (option: T) => string): T | undefined {
  const named = options.filter((o) => fold(name(o)) === fold(query));
  if (named.length === 1) return named[0];
  return named.length === 0 && options.length === 1 ? options[0] : undefined;
}
