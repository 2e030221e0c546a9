import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../../api/client';
import { useBookletMovements } from '../../../api/passes';
import { formatInt } from '../../../lib/format';
import { normalizeSerial, serialProblem } from '../../../lib/serial';
import { ErrorSummary } from '../../../ui/form/ErrorSummary';
import { TextField } from '../../../ui/form/TextField';
import { type FieldErrors, useForm } from '../../../ui/form/useForm';
import { QueryError } from '../../../ui/QueryError';
import { MovementsTable } from './MovementsTable';

// 'serial', not 'serials': the move form on the same page has a field of that id.
const EMPTY = { serial: '' };
type Values = typeof EMPTY;

const LABELS: Record<keyof Values, string> = { serial: 'Numéro du carnet' };

function validate(v: Values): FieldErrors {
  const problem = serialProblem(v.serial);
  return problem ? { serial: problem } : {};
}

interface Props {
  funderId: string;
  names: ReadonlyMap<string, string>;
}

/** Look a booklet up by its serial and list its movements. */
export function HistoryLookup({ funderId, names }: Props) {
  const form = useForm(EMPTY, validate);
  // The serial whose history is asked for, normalised; null until the first search.
  const [shown, setShown] = useState<string | null>(null);
  const history = useBookletMovements(funderId, shown);
  // 404: not this funder's booklet, or one never allocated (no movement yet): said at the field.
  const notFound = history.error instanceof ApiError && history.error.status === 404;

  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!form.check()) return;
    const serial = normalizeSerial(form.values.serial);
    form.set('serial')(serial);
    if (serial === shown) void history.refetch();
    else setShown(serial);
  };

  const onChange = (value: string) => {
    form.set('serial')(value);
    // The "no movement" message belongs to the serial searched, not to the one being typed.
    if (notFound) setShown(null);
  };

  const error =
    form.errors.serial ??
    (notFound
      ? `Aucun mouvement pour le carnet ${shown} : vérifiez le numéro. Un carnet jamais confié à un prescripteur n’a pas encore de mouvement.`
      : undefined);

  const status = history.isFetching
    ? 'Chargement de l’historique…'
    : history.isSuccess && shown
      ? `${formatInt(history.data.length)} mouvement${history.data.length > 1 ? 's' : ''} pour le carnet ${shown}.`
      : '';

  return (
    <>
      <ErrorSummary problem={form.problem} attempt={form.attempt} labels={LABELS} />
      <form onSubmit={onSubmit} noValidate>
        <TextField
          name="serial"
          label={LABELS.serial}
          hint="Espaces et tirets facultatifs."
          autoComplete="off"
          className="pn-narrow"
          required
          value={form.values.serial}
          onChange={onChange}
          error={error}
        />
        <Button type="submit" priority="secondary" disabled={history.isFetching}>
          Afficher l’historique
        </Button>
      </form>
      {/* Always in the page, so each new answer is announced; the table itself is not read out. */}
      <p role="status" className={fr.cx('fr-mt-4w', history.isFetching ? undefined : 'fr-sr-only')}>
        {status}
      </p>
      {shown && history.isError && !notFound && (
        <QueryError error={history.error} what="L’historique de ce carnet" />
      )}
      {shown && history.isSuccess && <MovementsTable serial={shown} movements={history.data} names={names} />}
    </>
  );
}
