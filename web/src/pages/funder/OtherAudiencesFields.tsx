import { fr } from '@codegouvfr/react-dsfr';
import { Fieldset, FieldsetElement } from '../../ui/form/Fieldset';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, fieldId } from '../../ui/form/useForm';
import { addOther, MAX_OTHERS, OTHER, otherCount, otherLabels, removeOther } from './otherAudiencesForm';

type Values = Record<string, string>;

interface Props<V extends Values> {
  values: V;
  errors: FieldErrors;
  set: (name: string) => (value: string) => void;
  update: (change: (prev: V) => V, settles: string) => void;
  /** where the rows' names start: OTHER in a new programme's form, AMENDED_OTHER in an amendment's */
  prefix?: string;
  hint?: string;
}

/** Focus moves to the row added, or to the list once a row is gone, so keyboard users are not lost. */
const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

/**
 * The publics of the deliberation that the list above lacks: each written as the deliberation
 * does, with the ages it sets if any (checked against the birth date at each hand-out).
 */
export function OtherAudiencesFields<V extends Values>({
  values,
  errors,
  set,
  update,
  prefix = OTHER,
  hint = 'Facultatif. Un public de la délibération absent de la liste ci-dessus, écrit comme elle l’écrit.',
}: Props<V>) {
  const n = otherCount(values, prefix);
  const labels = otherLabels(n, prefix);
  const field = (i: number, part: 'label' | 'minAge' | 'maxAge', hint?: string) => {
    const name = `${prefix}.${i}.${part}`;
    return (
      <TextField
        name={name}
        label={labels[name]}
        hint={hint}
        value={values[name] ?? ''}
        onChange={set(name)}
        error={errors[name]}
        autoComplete="off"
        {...(part === 'label' ? {} : { className: 'pn-narrow', inputMode: 'numeric' as const })}
      />
    );
  };
  return (
    <Fieldset name={prefix} legend="Autres publics" hint={hint} error={errors[prefix]}>
      {Array.from({ length: n }, (_, i) => (
        // Index keys: the inputs are controlled, a removed row's values move up with their rows.
        <FieldsetElement key={i}>
          <Fieldset
            name={`${prefix}.${i}`}
            legend={labels[`${prefix}.${i}`]}
            hint="Les âges sont vérifiés à chaque remise de carnet ; vides : aucune limite."
            error={errors[`${prefix}.${i}`]}
          >
            <FieldsetElement>
              {field(i, 'label', 'Par exemple « Habitants des quartiers prioritaires ».')}
            </FieldsetElement>
            <FieldsetElement inline>{field(i, 'minAge', 'Par exemple 16.')}</FieldsetElement>
            <FieldsetElement inline>{field(i, 'maxAge', 'Par exemple 25.')}</FieldsetElement>
            <FieldsetElement>
              <button
                type="button"
                className={fr.cx('fr-btn', 'fr-btn--tertiary', 'fr-btn--sm')}
                onClick={() => {
                  update((v) => removeOther(v, i, prefix), prefix);
                  focusLater(fieldId(prefix));
                }}
              >
                Retirer<span className={fr.cx('fr-sr-only')}> l’autre public {i + 1}</span>
              </button>
            </FieldsetElement>
          </Fieldset>
        </FieldsetElement>
      ))}
      {n < MAX_OTHERS && (
        <FieldsetElement>
          <button
            type="button"
            className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-icon-add-line', 'fr-btn--icon-left')}
            onClick={() => {
              update((v) => addOther(v, prefix), prefix);
              focusLater(fieldId(`${prefix}.${n}.label`));
            }}
          >
            Ajouter un autre public
          </button>
        </FieldsetElement>
      )}
    </Fieldset>
  );
}
