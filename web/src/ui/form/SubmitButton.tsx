import { Button } from '@codegouvfr/react-dsfr/Button';
import type { MouseEvent, ReactNode } from 'react';

interface Props {
  /** the form's request is on its way */
  pending: boolean;
  /** what the button says meanwhile */
  pendingLabel?: string;
  /** a form that cannot be sent yet (no choice made): the button is disabled outright */
  disabled?: boolean;
  id?: string;
  className?: string;
  children: ReactNode;
}

/**
 * A form's submit button. While the request is on its way it is not `disabled`, which threw the
 * focus back to the page and said nothing (a greyed button on a slow connection): it keeps the
 * focus and says what is under way in its own name, and a second click or Enter sends nothing
 * more. (No status region of its own: the form's outcome has one, where it lands.) The desk's « Confirmer l’encaissement » set this pattern.
 */
export function SubmitButton({
  pending,
  pendingLabel = 'Envoi en cours…',
  disabled,
  id,
  className,
  children,
}: Props) {
  const holdWhilePending = (ev: MouseEvent<HTMLButtonElement>) => {
    // An implicit submission (Enter in a field) clicks the button too: both stop here.
    if (pending) ev.preventDefault();
  };
  return (
    <Button
      type="submit"
      className={className}
      disabled={disabled}
      onClick={holdWhilePending}
      nativeButtonProps={{ id, 'aria-disabled': pending || undefined }}
    >
      {pending ? pendingLabel : children}
    </Button>
  );
}
