import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import { useFindHandedOut } from '../../api/passes';
import type { HandedOutMatch } from '../../api/types';
import { renameFields } from '../../lib/apiFields';
import { ErrorSummary } from '../../ui/form/ErrorSummary';
import { TextField } from '../../ui/form/TextField';
import { fieldId, useForm } from '../../ui/form/useForm';
import { HandedOutRows } from './HandedOutTable';
import { API_FIELDS, EMPTY, LABELS, toLookupInput, validateLookup } from './handedOutLookup';

/**
 * The booklets handed out to the person at the desk, found by their names and birth date: the
 * list shows initials only, and three « J. L. » of one day could not be told apart. The server
 * compares the names as a hand-out does (a letter, a part of a compound name) and answers with
 * initials still, and the commune recorded, for the agent to confirm it is them.
 */
export function HandedOutLookup(props: { organisationId: string; onBlock: (serial: string) => void }) {
  // Opened on demand: most lost booklets are found in the list, and the hand-out form above has
  // fields of the same names (a person's first name, name, birth date).
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <p>
        <Button
          type="button"
          priority="secondary"
          iconId="fr-icon-search-line"
          onClick={() => {
            setOpen(true);
            requestAnimationFrame(() => document.getElementById(fieldId('soughtFirstName'))?.focus());
          }}
        >
          Retrouver les carnets d’une personne
        </Button>
      </p>
    );
  return <LookupForm {...props} />;
}

function LookupForm({
  organisationId,
  onBlock,
}: {
  organisationId: string;
  onBlock: (serial: string) => void;
}) {
  const form = useForm(EMPTY, validateLookup);
  const find = useFindHandedOut(organisationId);
  const [found, setFound] = useState<HandedOutMatch[] | null>(null);

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setFound(null);
    if (!form.check()) return;
    find.mutate(toLookupInput(form.values), {
      onSuccess: (r) => setFound(r.booklets),
      onError: (e) => form.showApiError(renameFields(e, API_FIELDS)),
    });
  };

  const text = (name: keyof typeof EMPTY, extra: { type?: string; className?: string } = {}) => (
    <TextField
      name={name}
      label={LABELS[name]}
      autoComplete="off"
      required
      value={form.values[name]}
      onChange={form.set(name)}
      error={form.errors[name]}
      {...extra}
    />
  );

  return (
    <>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate aria-labelledby="remis-recherche">
        <h3 id="remis-recherche" className={fr.cx('fr-h6')}>
          Retrouver les carnets d’une personne
        </h3>
        <p className={fr.cx('fr-text--sm')}>
          Tapez le prénom, le nom et la date de naissance de la personne : tous les champs sont obligatoires.
        </p>
        {text('soughtFirstName')}
        {text('soughtLastName')}
        {text('soughtBirthDate', { type: 'date', className: 'pn-narrow' })}
        <Button type="submit" priority="secondary" disabled={find.isPending}>
          Rechercher
        </Button>
      </form>
      <div role="status" className={fr.cx('fr-mt-2w')}>
        {found &&
          (found.length === 0 ? (
            <p>Aucun carnet remis par votre structure à une personne de ce nom née ce jour-là.</p>
          ) : (
            <HandedOutRows
              booklets={found}
              onBlock={onBlock}
              caption="Carnets remis à cette personne : vérifiez la commune avec elle"
            />
          ))}
      </div>
    </>
  );
}
