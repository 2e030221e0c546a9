import { useState } from 'react';
import { useCommuneSearch } from '../../api/funders';
import type { Commune } from '../../api/types';
import { SelectField } from '../../ui/form/SelectField';
import { TextField } from '../../ui/form/TextField';

interface Props {
  /** the chosen commune's INSEE code, '' when none */
  value: string;
  onChange: (code: string) => void;
  error?: string;
  /** the field's name, for API errors (defaults to the hand-out form's) */
  name?: string;
  /** the list's label (defaults to the beneficiary's commune of residence) */
  label?: string;
  /** the search box's label */
  searchLabel?: string;
  /** the commune chosen, with its postcodes (a place's form fills its postcode in) */
  onChoose?: (commune: Commune | null) => void;
  /** search without a session (the public registration of places) */
  publicSearch?: boolean;
  /** the commune already chosen, shown in the list before any search (a form being edited) */
  initialCommune?: Commune | null;
}

const describe = (c: Commune) => `${c.name} (${c.postcodes.join(', ') || c.departement})`;

/**
 * A commune (the beneficiary's, a prescriber's), found by name or postcode in the official
 * list the server serves, then chosen in a list: nobody ever types an INSEE code.
 */
export function CommuneField({
  value,
  onChange,
  error,
  name = 'beneficiary.communeCode',
  label = 'Commune de résidence',
  searchLabel = 'Rechercher la commune de résidence',
  onChoose,
  publicSearch,
  initialCommune = null,
}: Props) {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Commune | null>(initialCommune);
  const search = useCommuneSearch(query, publicSearch ? '/public/communes' : '/communes');
  const found = search.data ?? [];
  const options = [
    ...(chosen && value === chosen.code && !found.some((c) => c.code === chosen.code) ? [chosen] : []),
    ...found,
  ];
  const typed = query.trim().length >= 2;
  const hint = !typed
    ? 'Saisissez au moins deux lettres du nom ou les premiers chiffres du code postal.'
    : search.isFetching
      ? 'Recherche…'
      : found.length === 0
        ? 'Aucune commune ne correspond : vérifiez l’orthographe ou essayez le code postal.'
        : `${found.length === 20 ? 'Les 20 premières communes' : `${found.length} commune(s)`} : choisissez ci-dessous.`;
  return (
    <>
      <TextField
        name="communeSearch"
        label={searchLabel}
        hint="Nom ou code postal, par exemple Amiens ou 80000."
        value={query}
        onChange={setQuery}
        autoComplete="off"
        className="pn-narrow"
      />
      <SelectField
        name={name}
        label={label}
        hint={hint}
        placeholder={options.length ? 'Choisissez la commune' : '—'}
        required
        options={options.map((c) => ({ value: c.code, label: describe(c) }))}
        value={value}
        onChange={(code) => {
          const commune = options.find((c) => c.code === code) ?? null;
          setChosen(commune);
          onChange(code);
          onChoose?.(commune);
        }}
        error={error}
      />
    </>
  );
}
