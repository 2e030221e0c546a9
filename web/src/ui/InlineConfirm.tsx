import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef } from 'react';

export interface InlineConfirmProps {
  question: string;
  confirmLabel: string;
  keepLabel: string;
  onConfirm: () => void;
  onKeep: () => void;
  pending: boolean;
  /** spacing around it, where it stands among other blocks */
  className?: string;
}

/**
 * A confirmation right under the button it is about (in a table: ConfirmRow), no modal; the
 * question takes the focus so a screen reader reads it before the two answers.
 */
export function InlineConfirm({
  question,
  confirmLabel,
  keepLabel,
  onConfirm,
  onKeep,
  pending,
  className,
}: InlineConfirmProps) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className={className}>
      <p ref={ref} tabIndex={-1} className={fr.cx('fr-mb-1w')}>
        <strong>{question}</strong>
      </p>
      <div className="pn-actions">
        <Button type="button" size="small" onClick={onConfirm} disabled={pending}>
          {confirmLabel}
        </Button>
        <Button type="button" size="small" priority="secondary" onClick={onKeep} disabled={pending}>
          {keepLabel}
        </Button>
      </div>
    </div>
  );
}
