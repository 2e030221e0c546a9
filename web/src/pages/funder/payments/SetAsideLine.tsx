import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, useState } from 'react';
import type { BankLine } from '../../../api/payments';
import { TextField } from '../../../ui/form/TextField';

/**
 * Setting a bank line aside (a different amount rejected, an unknown line dismissed): money
 * that left the account, or came in, with no transfer to show for it. The reason asked under
 * the button goes to the journal; the server refuses the decision without one.
 */
export function SetAsideLine({
  line,
  pending,
  onDecide,
}: {
  line: BankLine;
  pending: boolean;
  onDecide: (reason: string) => void;
}) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const field = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (asking) field.current?.querySelector('textarea')?.focus();
  }, [asking]);
  if (!asking)
    return (
      <Button
        type="button"
        size="small"
        priority="secondary"
        disabled={pending}
        onClick={() => setAsking(true)}
      >
        Écarter la ligne {line.line}
      </Button>
    );
  const submit = () => {
    if (!reason.trim()) return setMissing(true);
    onDecide(reason.trim());
  };
  return (
    <div ref={field}>
      <TextField
        name={`motif-ligne-${line.id}`}
        label={`Motif pour écarter la ligne ${line.line}`}
        hint="Obligatoire : il reste dans le journal (par exemple : virement recrédité par la banque, opération sans rapport)."
        textArea
        rows={2}
        required
        value={reason}
        onChange={(v) => {
          setReason(v);
          setMissing(false);
        }}
        error={missing ? 'Dites pourquoi cette ligne est écartée.' : undefined}
      />
      <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
        <Button type="button" size="small" disabled={pending} onClick={submit}>
          Écarter la ligne {line.line}
        </Button>
        <Button
          type="button"
          size="small"
          priority="secondary"
          disabled={pending}
          onClick={() => setAsking(false)}
        >
          Garder la ligne {line.line}
        </Button>
      </div>
    </div>
  );
}
