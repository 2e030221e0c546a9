import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { formatInt } from '../../lib/format';
import { matchesWords, wordsOf } from '../ListFilter';
import { Combobox } from './Combobox';
import { SelectField } from './SelectField';

/** Past this many options, a list is searched as one types instead of scrolled. */
export const LONG_LIST = 40;

/** Suggestions shown at once: more would be scrolled again; typing another word narrows them. */
const SHOWN = 12;

interface Props {
  name: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string; disabled?: boolean }[];
  /** the empty choice (« Tous », « Choisissez… »): the box left empty in a long list */
  placeholder?: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  /** what the list holds, for the hint of a long one: [one, many] */
  noun: [string, string];
}

/**
 * A choice among a list the page already holds. A short list is a native select, which a
 * keyboard and a phone handle best. A long one (a Region's 300 prescribers, a national
 * operator's 5,000 places) is a box that suggests as one types, every word starting a word of
 * the name, as the lists' search does: nobody scrolls 300 names on a laptop.
 */
export function ChoiceField(p: Props) {
  if (p.options.length <= LONG_LIST) return <SelectField {...p} />;
  return <LongChoice {...p} />;
}

function LongChoice(p: Props) {
  const chosen = p.options.find((o) => o.value === p.value);
  const [query, setQuery] = useState(chosen?.label ?? '');
  // A choice made or reset by the page (after a submission, say) shows in the box; the
  // field's own changes do not touch what is being typed.
  const own = useRef(p.value);
  useEffect(() => {
    if (p.value === own.current) return;
    own.current = p.value;
    setQuery(chosen?.label ?? '');
  }, [p.value, chosen?.label]);
  const change = (value: string) => {
    own.current = value;
    p.onChange(value);
  };
  const choosable = useMemo(() => p.options.filter((o) => !o.disabled), [p.options]);
  const words = wordsOf(query);
  const matches = words.length ? choosable.filter((o) => matchesWords(o.label, words)) : [];
  const [one, many] = p.noun;
  return (
    <Combobox
      name={p.name}
      label={p.label}
      hint={
        p.hint ?? (
          <>
            Tapez le début du nom, puis choisissez dans la liste ({formatInt(choosable.length)} {many})
            {p.placeholder && !p.required ? ` ; laissez vide : ${p.placeholder.toLowerCase()}` : ''}.
          </>
        )
      }
      error={p.error}
      required={p.required}
      query={query}
      chosen={!!chosen && query === chosen.label}
      onQueryChange={(q) => {
        setQuery(q);
        // What is typed is not a choice until one is picked: the page must not keep the old one.
        if (p.value) change('');
      }}
      options={matches.slice(0, SHOWN)}
      optionKey={(o) => o.value}
      optionLabel={(o) => o.label}
      onSelect={(o) => {
        change(o.value);
        setQuery(o.label);
      }}
      minLength={1}
      noMatch={`Aucun ${one} de ce nom.`}
    />
  );
}
