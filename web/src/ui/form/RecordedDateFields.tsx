import { todayInParis } from '../../lib/format';
import { BACKDATE_REASON, BACKDATE_REASON_LABEL } from '../../lib/recordedDate';
import { TextField } from './TextField';

interface Props {
  name: string;
  label: string;
  date: string;
  reason: string;
  onDate: (value: string) => void;
  onReason: (value: string) => void;
  errors: Record<string, string | undefined>;
}

/** A date that defaults to today, cannot be in the future, and asks why when it is in the past. */
export function RecordedDateFields(p: Props) {
  const today = todayInParis();
  return (
    <>
      <TextField
        name={p.name}
        label={p.label}
        hint="Aujourd’hui par défaut. Une date passée demande un motif ; une date future est refusée."
        type="date"
        className="pn-narrow"
        required
        max={today}
        value={p.date}
        onChange={p.onDate}
        error={p.errors[p.name]}
      />
      {p.date !== '' && p.date < today && (
        <TextField
          name={BACKDATE_REASON}
          label={BACKDATE_REASON_LABEL}
          hint="Par exemple : « avis de virement reçu après coup ». Il est gardé au journal d’audit."
          required
          autoComplete="off"
          value={p.reason}
          onChange={p.onReason}
          error={p.errors[BACKDATE_REASON]}
        />
      )}
    </>
  );
}
