import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { Ref } from 'react';
import { formatDate } from '../../../lib/format';
import { earlierDay } from './sessionDay';

const ID = 'champ-sessionOn';
const HINT_ID = `${ID}-aide`;

/** The server's refusals of a session's date: said at this field, not as a verdict on the pass. */
export const SESSION_DATE_REFUSALS = [
  'session_date_in_future',
  'session_after_usage_end',
  'late_session_period_over',
] as const;

interface Props {
  /** as the field gives it: '' while one of its parts is empty */
  value: string;
  /** today, in Paris: the default and the latest day allowed */
  today: string;
  onChange: (value: string) => void;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * The day the session was given (issue 12, point 8). Today unless changed, so the common case
 * asks nothing; a session given before a programme's usage end may be recorded afterwards,
 * within that programme's tolerance period. What is typed stays as typed, a part left empty
 * included: the page judges it when the person asks for the check (sessionDay.ts). It used to
 * put today back at the first Backspace, and the digits typed next then made a wrong date.
 */
export function SessionDateField(p: Props) {
  // An earlier day stays for the next pass (a collective session recorded late, pass after
  // pass): said beside the field, with the way back to today, so that the next person's
  // session of today is not checked, or recorded, on that day unawares.
  const earlier = p.error ? null : earlierDay(p.value, p.today);
  return (
    <>
      <Input
        className="pn-narrow"
        label="Date de la séance"
        hintText={
          <span id={HINT_ID} aria-hidden="true">
            Aujourd’hui par défaut. Une séance donnée avant la fin d’utilisation des pass s’enregistre pendant
            le délai de tolérance du dispositif : indiquez alors son jour.
          </span>
        }
        state={p.error ? 'error' : earlier ? 'info' : 'default'}
        stateRelatedMessage={
          p.error ?? (earlier ? `Séance d’un jour passé : le ${formatDate(earlier)}.` : undefined)
        }
        classes={{ message: p.error ? 'fr-error-text' : undefined }}
        nativeInputProps={{
          id: ID,
          ref: p.inputRef,
          name: 'sessionOn',
          type: 'date',
          value: p.value,
          max: p.today,
          required: true,
          onChange: (e) => p.onChange(e.target.value),
          'aria-invalid': p.error ? true : undefined,
          'aria-describedby': HINT_ID,
        }}
      />
      {earlier && (
        <Button
          type="button"
          priority="tertiary"
          size="small"
          className={fr.cx('fr-mb-2w')}
          onClick={() => p.onChange(p.today)}
        >
          Séance d’aujourd’hui
        </Button>
      )}
    </>
  );
}
