import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type FormEvent, useEffect, useState } from 'react';
import { lastFullQuarter, lastFullYear, type Period } from '../../../../../src/core/report-period';
import { formatDate } from '../../../lib/format';
import { TextField } from '../../../ui/form/TextField';

interface Props {
  /** the period on screen (the server's, its defaults resolved) */
  period: Period;
  /** the programme's first day: the start of « Depuis le début du dispositif » */
  startsOn: string;
  /** the programme's closure, when decided: the end of « Depuis le début du dispositif » once past */
  closesOn: string | null;
  today: string;
  onChange: (period: Period) => void;
  /** a period refused here, beside its field: the report on screen is not the one asked for */
  onInvalid: () => void;
}

const spanText = (p: Period) => `du ${formatDate(p.from)} au ${formatDate(p.to)}`;

/** « 3e trimestre 2026 », « 1er trimestre 2027 »: how a quarter is named in French reports. */
function quarterName(p: Period) {
  const q = Math.floor((Number(p.from.slice(5, 7)) - 1) / 3) + 1;
  return `${q === 1 ? '1er' : `${q}e`} trimestre ${p.from.slice(0, 4)}`;
}

/**
 * The period of the report: two dates, and the periods a funder reports on most (the last
 * full quarter, for the State agency's quarterly progress; the last calendar year, for a stage
 * report's full year; the whole programme). A period is shown only once both dates are whole
 * and in order: the error says so beside the field, nothing is asked of the server, and the page
 * is told (`onInvalid`) so that it no longer shows the previous period's report under these dates.
 */
export function PeriodPicker({ period, startsOn, closesOn, today, onChange, onInvalid }: Props) {
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [error, setError] = useState<{ field: 'from' | 'to'; message: string } | null>(null);
  useEffect(() => {
    setFrom(period.from);
    setTo(period.to);
    setError(null);
  }, [period.from, period.to]);

  const refuse = (field: 'from' | 'to', message: string) => {
    setError({ field, message });
    onInvalid();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!from) return refuse('from', 'Indiquez le premier jour de la période.');
    if (!to) return refuse('to', 'Indiquez le dernier jour de la période.');
    if (to > today)
      return refuse(
        'to',
        `La fin de la période doit être aujourd’hui (${formatDate(today)}) au plus tard : les chiffres des jours à venir ne sont pas encore connus.`,
      );
    if (from > to) return refuse('to', `La fin de la période doit être le ${formatDate(from)} ou après.`);
    setError(null);
    onChange({ from, to });
  };
  const quarter = lastFullQuarter(today);
  const year = lastFullYear(today);
  const last = closesOn && closesOn < today ? closesOn : today;
  // A quarter or a year the programme did not run in would report nothing but zeros.
  const ran = (p: Period) => p.to >= startsOn && p.from <= last;
  const choices = [
    { label: `Dernier trimestre complet (${quarterName(quarter)})`, period: quarter },
    { label: `Dernière année civile (${year.from.slice(0, 4)})`, period: year },
  ]
    .filter((c) => ran(c.period))
    .concat({ label: 'Depuis le début du dispositif', period: { from: startsOn, to: last } });
  return (
    <section aria-labelledby="periode" className={fr.cx('fr-mb-4w')}>
      <h2 id="periode" className={fr.cx('fr-h4')}>
        Période
      </h2>
      <form onSubmit={submit} noValidate className="pn-actions pn-period">
        <TextField
          name="from"
          type="date"
          label="Du"
          max={today}
          value={from}
          onChange={setFrom}
          error={error?.field === 'from' ? error.message : undefined}
          className="fr-mb-0"
        />
        <TextField
          name="to"
          type="date"
          label="Au (inclus)"
          max={today}
          value={to}
          onChange={setTo}
          error={error?.field === 'to' ? error.message : undefined}
          className="fr-mb-0"
        />
        <Button type="submit" className="fr-mt-4w">
          Afficher le bilan de cette période
        </Button>
      </form>
      <ul
        className={`${fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--sm', 'fr-mt-2w')}`}
      >
        {choices.map((c) => (
          <li key={c.label}>
            <Button type="button" priority="secondary" size="small" onClick={() => onChange(c.period)}>
              {c.label}
              <span className={fr.cx('fr-sr-only')}> ({spanText(c.period)})</span>
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
