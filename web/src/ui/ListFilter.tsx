import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useMemo, useState } from 'react';
import { fold } from '../../../src/core/french';
import { formatInt } from '../lib/format';

/** The words of a search, folded (case and accents aside). */
export const wordsOf = (query: string) => fold(query).split(' ').filter(Boolean);

/** Whether every word starts a word of a text already folded and led by a space. */
const startsWords = (folded: string, words: string[]) => words.every((w) => folded.includes(` ${w}`));

/** Whether every word of a search (`wordsOf`) starts a word of `text`. */
export const matchesWords = (text: string, words: string[]) => startsWords(` ${fold(text)}`, words);

/**
 * A long list narrowed as one types (a national operator's 80 funders, a Region's 300
 * prescribers): every word typed must start a word of the row's text, case and accents aside
 * (« essai 1 » finds « essai 1 » and « essai 10 », not every SIRET with a 1 in it).
 * Returns the rows kept and the field, which says how many are shown (announced politely).
 */
export function useListFilter<T>(
  rows: T[],
  textOf: (row: T) => string,
  field: { id: string; label: string; hint: string; noun: [string, string] },
) {
  const [query, setQuery] = useState('');
  const folded = useMemo(() => rows.map((row) => ` ${fold(textOf(row))}`), [rows, textOf]);
  const words = wordsOf(query);
  const kept = words.length ? rows.filter((_, i) => startsWords(folded[i]!, words)) : rows;
  const [one, many] = field.noun;
  const count = words.length
    ? `${formatInt(kept.length)} ${kept.length > 1 ? many : one} sur ${formatInt(rows.length)}`
    : `${formatInt(rows.length)} ${rows.length > 1 ? many : one}`;
  const element = (
    <div className={fr.cx('fr-mb-2w')}>
      <Input
        label={field.label}
        hintText={field.hint}
        className={fr.cx('fr-mb-1v')}
        nativeInputProps={{
          id: field.id,
          type: 'search',
          value: query,
          autoComplete: 'off',
          onChange: (e) => setQuery(e.target.value),
        }}
      />
      <p role="status" className={fr.cx('fr-text--sm', 'fr-mb-0')}>
        {count}
      </p>
    </div>
  );
  return { kept, element, filtered: words.length > 0 };
}
