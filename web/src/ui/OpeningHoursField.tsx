import { fr } from '@codegouvfr/react-dsfr';
import { useState } from 'react';
import {
  copyFrom,
  emptyWeek,
  MAX_RANGES_PER_DAY,
  osmToWeek,
  type TimeRange,
  WEEKDAY_LABELS,
  WEEKDAYS,
  type Week,
  type Weekday,
  weekProblems,
  weekToOsm,
} from '../../../src/core/opening-hours';
import { Fieldset } from './form/Fieldset';
import { fieldId } from './form/useForm';

interface Props {
  /** the API field ('openingHours'): the fieldset's id and the key of its error */
  name: string;
  legend?: string;
  /** the hours in OpenStreetMap syntax, or '' when none */
  value: string;
  /** the new hours in OpenStreetMap syntax ('' when closed every day) */
  onChange: (osm: string) => void;
  error?: string;
}

const MORNING: TimeRange = { from: '09:00', to: '12:00' };
const AFTERNOON: TimeRange = { from: '14:00', to: '17:00' };

/**
 * Opening hours set day by day (closed, one or two time ranges, "same as Monday"), written
 * in OpenStreetMap's `opening_hours` syntax for the national standard: nobody types the
 * syntax. A value the form cannot show (public holidays, seasons…) is kept until the person
 * sets hours here, which then replace it.
 */
export function OpeningHoursField({ name, legend = 'Horaires d’ouverture', value, onChange, error }: Props) {
  const [initial] = useState(() => osmToWeek(value));
  const [week, setWeek] = useState<Week>(() => initial ?? emptyWeek());
  const id = fieldId(name);
  const problems = weekProblems(week);

  const update = (next: Week) => {
    setWeek(next);
    onChange(weekToOsm(next) ?? '');
  };
  const setDay = (day: Weekday, ranges: TimeRange[]) => update({ ...week, [day]: ranges });
  const setTime = (day: Weekday, i: number, key: keyof TimeRange, time: string) =>
    setDay(
      day,
      week[day].map((r, j) => (j === i ? { ...r, [key]: time } : r)),
    );

  return (
    <Fieldset
      name={name}
      legend={legend}
      hint="Pour chaque jour : fermé, ou une à deux plages horaires (matin et après-midi)."
      error={error}
    >
      {initial === null && value && (
        <p className={fr.cx('fr-fieldset__element', 'fr-text--sm')}>
          Horaires actuels, enregistrés dans un format que ce formulaire ne sait pas afficher : « {value} ».
          Ils sont conservés tant que vous ne changez pas les jours ci-dessous.
        </p>
      )}
      {WEEKDAYS.map((day) => {
        const ranges = week[day];
        const label = WEEKDAY_LABELS[day];
        const source = copyFrom(week, day);
        const dayProblems = problems.filter((p) => p.day === day);
        return (
          <div key={day} className={fr.cx('fr-fieldset__element')}>
            <fieldset
              className="pn-hours-day"
              aria-describedby={dayProblems.length ? `${id}-${day}-probleme` : undefined}
            >
              <legend className={fr.cx('fr-text--bold', 'fr-mb-1w')}>{label}</legend>
              <div className={fr.cx('fr-checkbox-group', 'fr-checkbox-group--sm')}>
                <input
                  type="checkbox"
                  id={`${id}-${day}-ouvert`}
                  checked={ranges.length > 0}
                  onChange={(e) => setDay(day, e.target.checked ? [{ ...MORNING }] : [])}
                />
                <label className={fr.cx('fr-label')} htmlFor={`${id}-${day}-ouvert`}>
                  Ouvert le {label.toLowerCase()}
                </label>
              </div>
              {ranges.map((r, i) => (
                <div key={i} className="pn-hours-range">
                  <label className={fr.cx('fr-label')} htmlFor={`${id}-${day}-${i}-de`}>
                    <span className={fr.cx('fr-sr-only')}>{label}, </span>
                    {`plage ${i + 1} : de`}
                  </label>
                  <input
                    className={fr.cx('fr-input')}
                    type="time"
                    id={`${id}-${day}-${i}-de`}
                    value={r.from}
                    onChange={(e) => setTime(day, i, 'from', e.target.value)}
                  />
                  <label className={fr.cx('fr-label')} htmlFor={`${id}-${day}-${i}-a`}>
                    <span className={fr.cx('fr-sr-only')}>{`${label}, plage ${i + 1} : `}</span>à
                  </label>
                  <input
                    className={fr.cx('fr-input')}
                    type="time"
                    id={`${id}-${day}-${i}-a`}
                    value={r.to}
                    onChange={(e) => setTime(day, i, 'to', e.target.value)}
                  />
                </div>
              ))}
              <ul
                className={fr.cx(
                  'fr-btns-group',
                  'fr-btns-group--inline-sm',
                  'fr-btns-group--sm',
                  'fr-mt-1w',
                )}
              >
                {ranges.length > 0 && ranges.length < MAX_RANGES_PER_DAY && (
                  <li>
                    <button
                      type="button"
                      className={fr.cx('fr-btn', 'fr-btn--tertiary')}
                      onClick={() => setDay(day, [...ranges, { ...AFTERNOON }])}
                    >
                      Ajouter une plage le {label.toLowerCase()}
                    </button>
                  </li>
                )}
                {ranges.length > 1 && (
                  <li>
                    <button
                      type="button"
                      className={fr.cx('fr-btn', 'fr-btn--tertiary')}
                      onClick={() => setDay(day, ranges.slice(0, 1))}
                    >
                      Retirer la seconde plage du {label.toLowerCase()}
                    </button>
                  </li>
                )}
                {source && (
                  <li>
                    <button
                      type="button"
                      className={fr.cx('fr-btn', 'fr-btn--tertiary')}
                      onClick={() =>
                        setDay(
                          day,
                          week[source].map((x) => ({ ...x })),
                        )
                      }
                    >
                      {label} : comme le {WEEKDAY_LABELS[source].toLowerCase()}
                    </button>
                  </li>
                )}
              </ul>
              {dayProblems.length > 0 && (
                <p id={`${id}-${day}-probleme`} className={fr.cx('fr-message', 'fr-message--error')}>
                  {dayProblems.map((p) => p.message).join(' ')}
                </p>
              )}
            </fieldset>
          </div>
        );
      })}
    </Fieldset>
  );
}
