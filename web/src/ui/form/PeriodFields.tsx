import { fr } from '@codegouvfr/react-dsfr';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { TextField } from './TextField';

/**
 * A period chosen by two dates side by side (« Séances du … au … »), starting at `initialFrom`
 * and today's `initialTo`: `children` gets the period once its end does not precede its start,
 * and the end's field says so otherwise, so no list is asked for a period that cannot be.
 */
export function PeriodFields({
  name,
  fromLabel,
  initialFrom,
  initialTo,
  children,
}: {
  /** the fields' names: `${name}Du`, `${name}Au` */
  name: string;
  fromLabel: string;
  initialFrom: string;
  initialTo: string;
  children: (from: string, to: string) => ReactNode;
}) {
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const wrongOrder = from > to;
  return (
    <>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <TextField
            name={`${name}Du`}
            type="date"
            label={fromLabel}
            value={from}
            onChange={(v) => v && setFrom(v)}
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <TextField
            name={`${name}Au`}
            type="date"
            label="au"
            value={to}
            error={wrongOrder ? 'La fin de la période ne peut pas précéder son début.' : undefined}
            onChange={(v) => v && setTo(v)}
          />
        </div>
      </div>
      {!wrongOrder && children(from, to)}
    </>
  );
}
