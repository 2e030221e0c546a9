import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { BankLine } from '../../../api/payments';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { SetAsideLine } from './SetAsideLine';

/**
 * A bank line the transfer may be recorded paid from (a different amount, a debit above its
 * transfer), beside setting it aside. Recording it pays the place for good, so it is asked
 * first, with the figures, under the button; « Non » gives the focus back to the button.
 */
export function AcceptLine({
  line,
  acceptLabel,
  question,
  confirmLabel,
  keepLabel,
  confirming,
  pending,
  onAsk,
  onConfirm,
  onKeep,
  onSetAside,
}: {
  line: BankLine;
  /** The button's text, naming the amount and the line. */
  acceptLabel: string;
  question: string;
  confirmLabel: string;
  keepLabel: string;
  /** The question is asked (this line's button was pressed). */
  confirming: boolean;
  pending: boolean;
  onAsk: () => void;
  onConfirm: () => void;
  onKeep: () => void;
  onSetAside: (reason: string) => void;
}) {
  const buttonId = `accepter-ligne-${line.id}`;
  if (confirming)
    return (
      <InlineConfirm
        question={question}
        confirmLabel={confirmLabel}
        keepLabel={keepLabel}
        pending={pending}
        onConfirm={onConfirm}
        onKeep={() => {
          onKeep();
          requestAnimationFrame(() => document.getElementById(buttonId)?.focus());
        }}
      />
    );
  return (
    <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
      <Button
        type="button"
        size="small"
        disabled={pending}
        nativeButtonProps={{ id: buttonId }}
        onClick={onAsk}
      >
        {acceptLabel}
      </Button>
      <SetAsideLine line={line} pending={pending} onDecide={onSetAside} />
    </div>
  );
}
