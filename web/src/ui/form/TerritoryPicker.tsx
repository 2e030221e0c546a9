import { fr } from '@codegouvfr/react-dsfr';
import { type ReactNode, useState } from 'react';
import { TERRITORY_QUERY_MAX, useTerritorySearch } from '../../api/funders';
import type { TerritoryLevel, TerritoryMatch, TerritoryRef } from '../../api/types';
import type { TerritoryChoice } from '../../lib/territory';
import { Combobox } from './Combobox';
import { fieldId } from './useForm';

export type { TerritoryChoice };

export const ALL_LEVELS: readonly TerritoryLevel[] = ['commune', 'epci', 'departement', 'region'];

interface Props {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  value: TerritoryChoice[];
  onChange: (value: TerritoryChoice[]) => void;
  /** the levels offered; every one by default */
  levels?: readonly TerritoryLevel[];
  /** only the territories lying whole within this one (a funder's, for its envelopes) */
  within?: TerritoryRef[];
}

/**
 * One or several territories (communes, EPCI, départements, régions) found by name and chosen
 * from suggestions; each choice is a tag with its own « Retirer » button. The codes stay hidden.
 */
export function TerritoryPicker({ levels = ALL_LEVELS, ...p }: Props) {
  const [query, setQuery] = useState('');
  const search = useTerritorySearch(query, levels, 10, p.within?.length ? [p.within] : []);
  const chosen = new Set(p.value.map((t) => `${t.level}:${t.code}`));
  const options = (search.data ?? []).filter((t) => !chosen.has(`${t.level}:${t.code}`));
  const listId = `${fieldId(p.name)}-choix`;
  return (
    <div className="pn-territory-picker">
      <Combobox<TerritoryMatch>
        name={p.name}
        label={p.label}
        hint={p.hint ?? 'Saisissez au moins deux lettres du nom, puis choisissez dans la liste.'}
        error={p.error}
        required={p.required}
        query={query}
        maxLength={TERRITORY_QUERY_MAX}
        onQueryChange={setQuery}
        options={options}
        optionKey={(t) => `${t.level}:${t.code}`}
        optionLabel={(t) => t.label}
        optionName={(t) => t.name}
        mustChoose="Choisissez un territoire dans la liste."
        searching={search.isFetching}
        noMatch="Aucun territoire ne correspond : vérifiez l’orthographe."
        onSelect={(t) => {
          p.onChange([...p.value, { level: t.level, code: t.code, label: t.label }]);
          setQuery('');
        }}
      />
      {p.value.length > 0 && (
        <>
          <p className={fr.cx('fr-text--sm', 'fr-mb-1v')} id={listId}>
            {p.value.length > 1 ? `${p.value.length} territoires choisis :` : 'Territoire choisi :'}
          </p>
          <ul className={fr.cx('fr-tags-group')} aria-labelledby={listId}>
            {p.value.map((t) => (
              <li key={`${t.level}:${t.code}`}>
                <button
                  type="button"
                  className={fr.cx('fr-tag', 'fr-tag--dismiss')}
                  aria-label={`Retirer ${t.label}`}
                  onClick={() => p.onChange(p.value.filter((x) => x.level !== t.level || x.code !== t.code))}
                >
                  {t.label}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
