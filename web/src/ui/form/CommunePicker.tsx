import { type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client';
import { TERRITORY_QUERY_MAX, useTerritorySearch } from '../../api/funders';
import type { TerritoryMatch, TerritoryRef } from '../../api/types';
import { Combobox } from './Combobox';

/** A chosen commune: its INSEE code (what the API stores), name and label « Verdun (55100) — commune ». */
export type CommuneChoice = Pick<TerritoryMatch, 'code' | 'name' | 'label' | 'postcodes'>;

const COMMUNE: readonly ['commune'] = ['commune'];

const failureMessage = (error: unknown) =>
  error instanceof ApiError ? error.detail : 'La recherche des communes a échoué : réessayez.';

interface Props {
  /** the API field (e.g. 'communeCode'): the box gets id champ-<name> for the error summary */
  name: string;
  label?: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  /** the chosen commune, null while none is */
  value: CommuneChoice | null;
  onChange: (value: CommuneChoice | null) => void;
  /** only the communes within every group (where a booklet's beneficiary may live) */
  within?: TerritoryRef[][];
  /** what to say when nothing matches (the territory named, say), instead of the default */
  noMatch?: string;
  /** told whether the box holds words that are no chosen commune (typed, not yet chosen) */
  onPending?: (pending: boolean) => void;
}

/**
 * One commune, found by its name or its postcode (« Verdun », « 55100 ») and chosen from the
 * suggestions; the form keeps its INSEE code, which nobody types. Typing again after a choice
 * undoes it, so what the box shows is always what will be sent.
 */
export function CommunePicker({ label = 'Commune', ...p }: Props) {
  const [query, setQuery] = useState(p.value?.label ?? '');
  const search = useTerritorySearch(p.value && query === p.value.label ? '' : query, COMMUNE, 10, p.within);
  return (
    <Combobox<TerritoryMatch>
      name={p.name}
      label={label}
      // No example commune: the same words serve every funder's territory (a commune of the Meuse
      // read oddly in the Hauts-de-France directory).
      hint={p.hint ?? 'Nom ou code postal de la commune, puis choisissez dans la liste.'}
      error={p.error}
      required={p.required}
      query={query}
      chosen={!!p.value && query === p.value.label}
      maxLength={TERRITORY_QUERY_MAX}
      onQueryChange={(q) => {
        setQuery(q);
        if (p.value) p.onChange(null);
        p.onPending?.(q.trim() !== '');
      }}
      options={search.data ?? []}
      optionKey={(c) => c.code}
      optionLabel={(c) => c.label}
      optionName={(c) => c.name}
      mustChoose="Choisissez une commune dans la liste."
      searching={search.isFetching}
      noMatch={
        // A search that failed (no connection) is not a name misspelt.
        (search.isError ? failureMessage(search.error) : undefined) ??
        p.noMatch ??
        (p.within?.length
          ? // Not only a typo: a commune well spelt may lie outside where the booklet goes.
            'Aucune commune du territoire de ce carnet ne correspond : soit le nom est mal écrit (essayez le code postal), soit la commune est hors du territoire où ce carnet peut être remis.'
          : 'Aucune commune ne correspond : vérifiez l’orthographe ou essayez le code postal.')
      }
      onSelect={(c) => {
        setQuery(c.label);
        p.onChange({ code: c.code, name: c.name, label: c.label, postcodes: c.postcodes });
        p.onPending?.(false);
      }}
    />
  );
}
