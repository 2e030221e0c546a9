import { fr } from '@codegouvfr/react-dsfr';
import { type FormEvent, useState } from 'react';
import {
  useBeneficiarySearch,
  useLastBeneficiarySearch,
  useRunBeneficiarySearch,
} from '../../../api/beneficiaries';
import { counted } from '../../../lib/format';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { SubmitButton } from '../../../ui/form/SubmitButton';
import { TextField } from '../../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';
import { QueryError } from '../../../ui/QueryError';
import { PeopleTable } from './PeopleTable';

const LABELS = { q: 'Nom, prénom ou numéro de carnet' };

function validate(v: { q: string }): FieldErrors {
  return v.q.trim() ? {} : { q: 'Tapez un nom, un prénom ou le numéro d’un carnet.' };
}

/**
 * The search of a person, run when the form is sent and not at each key: every search reads
 * personal data, and an admin looks for the one person who asked. The API judges the words
 * (two letters at least, a serial's check digit): its refusal is shown at the field.
 */
export function PeopleSearch({ funderId }: { funderId: string }) {
  const last = useLastBeneficiarySearch(funderId);
  const form = useForm({ q: last ?? '' }, validate);
  const run = useRunBeneficiarySearch(funderId);
  // The words whose answer is shown: the latest search that succeeded.
  const [shown, setShown] = useState<string | null>(last);
  const [searching, setSearching] = useState(false);
  const found = useBeneficiarySearch(funderId, shown);

  const onSubmit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    const q = form.values.q.trim();
    setSearching(true);
    try {
      await run(q);
      setShown(q);
    } catch (e) {
      // The list below answered other words: it goes with the refusal.
      setShown(null);
      form.showApiError(e);
    } finally {
      setSearching(false);
    }
  };

  const status = searching
    ? 'Recherche en cours…'
    : found.isSuccess && shown !== null
      ? `${counted(found.data.people.length, 'personne trouvée', 'personnes trouvées')}${found.data.more ? ', et d’autres encore' : ''}.`
      : '';

  return (
    <section aria-labelledby="rechercher" className={fr.cx('fr-mt-4w')}>
      <h2 id="rechercher">Retrouver une personne</h2>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          name="q"
          label={LABELS.q}
          hint="Le début de son nom et de son prénom, dans l’ordre que vous voulez, majuscules et accents indifférents ; ou le numéro d’un de ses carnets, par exemple C00001-0000001-8, ou le code d’un de ses pass."
          autoComplete="off"
          className="pn-narrow"
          required
          value={form.values.q}
          onChange={form.set('q')}
          error={form.errors.q}
        />
        <SubmitButton pending={searching}>Rechercher</SubmitButton>
      </form>
      {/* Always in the page, so that each answer is announced; the table itself is not read out. */}
      <p role="status" className={fr.cx('fr-mt-2w', 'fr-mb-0', searching ? undefined : 'fr-sr-only')}>
        {status}
      </p>
      <div className={fr.cx('fr-mt-4w')}>
        {shown !== null && found.isError && <QueryError error={found.error} what="Cette recherche" />}
        {shown !== null && found.isSuccess && <PeopleTable q={shown} result={found.data} />}
      </div>
    </section>
  );
}
