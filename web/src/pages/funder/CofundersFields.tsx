import { fr } from '@codegouvfr/react-dsfr';
import { Fieldset, FieldsetElement } from '../../ui/form/Fieldset';
import { MoneyField } from '../../ui/form/MoneyField';
import { TextField } from '../../ui/form/TextField';
import { type FieldErrors, fieldId } from '../../ui/form/useForm';
import { addCofunder, cofunderCount, cofunderLabels, MAX_COFUNDERS, removeCofunder } from './cofundersForm';

type Values = Record<string, string>;

interface Props<V extends Values> {
  /** 'state.budget.cofunders' or 'changes.budget.cofunders' */
  list: string;
  values: V;
  errors: FieldErrors;
  set: (name: string) => (value: string) => void;
  update: (change: (prev: V) => V, settles: string) => void;
  hint?: string;
}

/** Focus moves to the row added, or to the list once a row is gone, so keyboard users are not lost. */
const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

/**
 * The co-funders of a budget, one fieldset per co-funder: its name, its part (an amount in euros
 * or a percentage of the budget) and, optionally, the share of the value of the passes used that
 * its convention makes it pay. « Ajouter un cofinanceur » and « Retirer » change the rows.
 */
export function CofundersFields<V extends Values>({ list, values, errors, set, update, hint }: Props<V>) {
  const n = cofunderCount(values, list);
  const labels = cofunderLabels(list, n);
  const field = (i: number, part: string, hintText?: string, percent = false) => {
    const name = `${list}.${i}.${part}`;
    const common = {
      name,
      label: labels[name],
      value: values[name] ?? '',
      onChange: set(name),
      error: errors[name],
      hint: hintText,
    };
    return percent ? (
      <TextField {...common} className="pn-narrow" inputMode="decimal" autoComplete="off" />
    ) : part === 'amountCents' ? (
      <MoneyField {...common} />
    ) : (
      <TextField {...common} autoComplete="off" />
    );
  };
  return (
    <Fieldset name={list} legend="Cofinanceurs" hint={hint} error={errors[list]}>
      {n === 0 && (
        <FieldsetElement>
          <p className={fr.cx('fr-mb-0')}>Aucun cofinanceur : le financeur paie seul.</p>
        </FieldsetElement>
      )}
      {Array.from({ length: n }, (_, i) => (
        // Index keys: the inputs are controlled, a removed row's values move up with their rows.
        <FieldsetElement key={i}>
          <Fieldset
            name={`${list}.${i}`}
            legend={labels[`${list}.${i}`]}
            hint="Sa part : soit un montant en euros, soit un pourcentage du budget."
            error={errors[`${list}.${i}`]}
          >
            <FieldsetElement>{field(i, 'name', 'Par exemple « CAF de la Somme ».')}</FieldsetElement>
            <FieldsetElement inline>{field(i, 'amountCents', 'Par exemple 5 000,00.')}</FieldsetElement>
            <FieldsetElement inline>{field(i, 'shareBps', 'Ou, par exemple, 20 %.', true)}</FieldsetElement>
            <FieldsetElement>
              {field(
                i,
                'usedShareBps',
                'Facultatif. Par exemple 50 % : il paie la moitié de la valeur des pass utilisés, dans la limite de sa part du budget ; vide : il doit sa part du budget.',
                true,
              )}
            </FieldsetElement>
            <FieldsetElement>
              <button
                type="button"
                className={fr.cx('fr-btn', 'fr-btn--tertiary', 'fr-btn--sm')}
                onClick={() => {
                  update((v) => removeCofunder(v, list, i), list);
                  focusLater(fieldId(list));
                }}
              >
                Retirer<span className={fr.cx('fr-sr-only')}> le cofinanceur {i + 1}</span>
              </button>
            </FieldsetElement>
          </Fieldset>
        </FieldsetElement>
      ))}
      {n < MAX_COFUNDERS && (
        <FieldsetElement>
          <button
            type="button"
            className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-icon-add-line', 'fr-btn--icon-left')}
            onClick={() => {
              update((v) => addCofunder(v, list), list);
              focusLater(fieldId(`${list}.${n}.name`));
            }}
          >
            Ajouter un cofinanceur
          </button>
        </FieldsetElement>
      )}
    </Fieldset>
  );
}
