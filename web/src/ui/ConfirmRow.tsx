import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef } from 'react';

interface Props {
  /** the table's column count: the question spans the whole row */
  colSpan: number;
  question: string;
  confirmLabel: string;
  keepLabel: string;
  onConfirm: () => void;
  onKeep: () => void;
  pending: boolean;
}

/**
 * A confirmation as a table row right under the row it is about: no modal to trap the
 * focus on an old browser, a phone user sees the question where they tapped, and the
 * full width keeps both answers readable. The question takes the focus so a screen
 * reader reads it before the two answers.
 */
export function ConfirmRow({
  colSpan,
  question,
  confirmLabel,
  keepLabel,
  onConfirm,
  onKeep,
  pending,
}: Props) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <tr data-testid="confirm-row">
      <td colSpan={colSpan}>
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
      </td>
    </tr>
  );
}
