import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import type { AuditFilters } from '../../../api/types';
import { SelectField } from '../../../ui/form/SelectField';
import { TextField } from '../../../ui/form/TextField';
import { actionOptions, type Journal } from './actionOptions';

const EMPTY = { who: '', action: '', from: '', to: '' };

/**
 * Who (a person's name or address, author or account concerned), what (an action, by its label),
 * when (a range of days). A place's journal has no « Personne »: its team is a handful of people.
 */
export function AuditFiltersForm({
  journal,
  onApply,
}: {
  journal: Journal;
  onApply: (filters: AuditFilters) => void;
}) {
  const [v, setV] = useState(EMPTY);
  const [error, setError] = useState<string | undefined>();
  const set = (k: keyof typeof EMPTY) => (value: string) => setV((old) => ({ ...old, [k]: value }));

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (v.from && v.to && v.from > v.to) {
      setError('La date de fin doit suivre la date de début.');
      return;
    }
    setError(undefined);
    const filters: AuditFilters = {};
    if (v.who.trim()) filters.who = v.who.trim();
    if (v.action) filters.action = v.action;
    if (v.from) filters.from = v.from;
    if (v.to) filters.to = v.to;
    onApply(filters);
  };

  const reset = () => {
    setV(EMPTY);
    setError(undefined);
    onApply({});
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="filtres-journal" className={fr.cx('fr-mb-4w')}>
      <h2 id="filtres-journal" className={fr.cx('fr-h6')}>
        Filtrer le journal
      </h2>
      <div className="pn-filters">
        {/* One field for a person, as the helpdesk asks « everything about this account »: what
            they did, and what befell their account (failed sign-ins and locks have no author). */}
        {journal !== 'place' && (
          <TextField
            name="who"
            label="Personne"
            hint="Auteur de l’action ou compte concerné : nom ou adresse électronique, même partiels."
            autoComplete="off"
            value={v.who}
            onChange={set('who')}
          />
        )}
        <SelectField
          name="action"
          label="Action"
          placeholder="Toutes les actions"
          options={actionOptions(journal)}
          value={v.action}
          onChange={set('action')}
        />
        <TextField name="from" label="Du" type="date" value={v.from} onChange={set('from')} />
        <TextField name="to" label="Au" type="date" value={v.to} onChange={set('to')} error={error} />
      </div>
      <div className="pn-actions">
        <Button type="submit">Filtrer</Button>
        <Button type="button" priority="tertiary" onClick={reset}>
          Effacer les filtres
        </Button>
      </div>
    </form>
  );
}
