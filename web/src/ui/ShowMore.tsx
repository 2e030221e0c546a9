import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { formatInt } from '../lib/format';

/**
 * The first rows of a long list, and a button for the next ones: a funder with 5,000 places
 * waited seconds for a table 200,000 pixels tall, its « Ajouter un lieu » form under all of it.
 * The search (useListFilter) finds a row; this keeps the page light while one browses.
 */
export function useShowMore<T>(rows: T[], noun: [string, string], step = 100) {
  const [limit, setLimit] = useState(step);
  const shown = rows.length > limit ? rows.slice(0, limit) : rows;
  const rest = rows.length - shown.length;
  const next = Math.min(step, rest);
  const [one, many] = noun;
  const more =
    rest > 0 ? (
      <Button type="button" priority="secondary" onClick={() => setLimit(limit + step)}>
        Afficher {formatInt(next)} {next > 1 ? many : one} de plus ({formatInt(rest)} non affiché
        {rest > 1 ? 's' : ''})
      </Button>
    ) : null;
  return { shown, more, capped: rest > 0 };
}
