import { useState } from 'react';
import { useTerritoryNames } from '../../api/funders';
import type { TerritoryRef } from '../../api/types';
import { narrowestGroup, residenceArea } from '../../lib/residenceArea';
import { type CommuneChoice, CommunePicker } from '../../ui/form/CommunePicker';

interface Props {
  /** the chosen commune's INSEE code, '' when none */
  value: string;
  onChange: (code: string) => void;
  error?: string;
  /** the field's name, for API errors (defaults to the hand-out form's) */
  name?: string;
  /** the box's label (defaults to the beneficiary's commune of residence) */
  label?: string;
  /** true unless told otherwise (a filter may be left empty) */
  required?: boolean;
  /** the commune chosen, with its postcodes (a place's form fills its postcode in) */
  onChoose?: (commune: CommuneChoice | null) => void;
  /** the commune already chosen, shown in the box (a form being edited) */
  initialCommune?: { code: string; name: string; postcodes?: string[] } | null;
  /** only the communes within every group, and a hint that says so */
  within?: TerritoryRef[][];
  /** told whether the box holds words that are no chosen commune (CommunePicker) */
  onPending?: (pending: boolean) => void;
}

/** The search's own label for a commune known by its code: « Verdun (55100) — commune ». */
function choiceOf(c: NonNullable<Props['initialCommune']>): CommuneChoice {
  const postcode = c.postcodes?.[0];
  return { ...c, label: `${c.name}${postcode ? ` (${postcode})` : ''} — commune` };
}

/**
 * A commune (the beneficiary's, a prescriber's) for forms that keep its INSEE code as a
 * string: the CommunePicker, found by name or postcode, nobody ever types the code. Forms
 * give it a new `key` to empty it after a success.
 */
export function CommuneField({
  value,
  onChange,
  error,
  name = 'beneficiary.communeCode',
  label = 'Commune de résidence',
  onChoose,
  initialCommune = null,
  required = true,
  within,
  onPending,
}: Props) {
  const [choice, setChoice] = useState<CommuneChoice | null>(
    initialCommune ? choiceOf(initialCommune) : null,
  );
  // The territory named (« Somme (80) »): a commune well spelt but outside it is not offered,
  // and « vérifiez l’orthographe » alone sent the agent after a typo.
  const area = residenceArea(within, useTerritoryNames(narrowestGroup(within)));
  return (
    <CommunePicker
      name={name}
      label={label}
      required={required}
      error={error}
      within={within}
      hint={
        area
          ? `Ce carnet est réservé aux habitants de : ${area}. Nom ou code postal de la commune, puis choisissez dans la liste.`
          : within?.length
            ? 'Nom ou code postal de la commune, puis choisissez dans la liste : seules les communes où ce carnet peut être remis sont proposées.'
            : undefined
      }
      noMatch={
        area
          ? `Aucune commune du territoire de ce carnet ne correspond. Vérifiez l’orthographe, ou tapez le code postal. Ce carnet est réservé aux habitants de : ${area} ; une commune hors de ce territoire n’est pas proposée, même bien écrite.`
          : undefined
      }
      onPending={onPending}
      value={choice && choice.code === value ? choice : null}
      onChange={(c) => {
        setChoice(c);
        onChange(c?.code ?? '');
        onChoose?.(c);
      }}
    />
  );
}
