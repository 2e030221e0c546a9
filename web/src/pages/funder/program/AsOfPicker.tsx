import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useState } from 'react';
import { EARLIEST_PLAUSIBLE_DATE } from '../../../../../src/core/program/plausible-dates';
import { isIsoDay } from '../../../lib/format';

interface Props {
  asOf: string;
  today: string;
  onChange: (day: string) => void;
}

/**
 * "Voir le dispositif au": the programme is the fold of its deliberations, so any date
 * shows the programme as it stood then. The field only commits complete dates: while
 * someone types a date digit by digit the browser reports '' and nothing is fetched, and
 * a date before 2000 is a year still being typed.
 */
export function AsOfPicker({ asOf, today, onChange }: Props) {
  const [draft, setDraft] = useState(asOf);
  useEffect(() => setDraft(asOf), [asOf]);
  return (
    <div className={`${fr.cx('fr-mb-4w')} pn-actions`}>
      <div className={`${fr.cx('fr-input-group', 'fr-mb-0')} pn-narrow`}>
        <label className={fr.cx('fr-label')} htmlFor="voir-au">
          Voir le dispositif au
        </label>
        <input
          className={fr.cx('fr-input')}
          id="voir-au"
          name="asOf"
          type="date"
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            // A year typed digit by digit passes through 0002, 0020, 0202: each a valid date,
            // which was fetched and said « pas encore en vigueur le 6 décembre 202 ».
            if (isIsoDay(e.target.value) && e.target.value >= EARLIEST_PLAUSIBLE_DATE)
              onChange(e.target.value);
          }}
        />
      </div>
      {asOf !== today && (
        <Button type="button" priority="tertiary" className="fr-mt-4w" onClick={() => onChange(today)}>
          Revenir à aujourd’hui
        </Button>
      )}
    </div>
  );
}
