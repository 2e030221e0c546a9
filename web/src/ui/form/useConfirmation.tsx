import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { useState } from 'react';
import { isApiError } from '../../api/client';

/**
 * A refusal the person may override once told what it means (a usage end already past, a share
 * cut below what was paid): the server's words beside a checkbox, and the confirmation sent with
 * the next attempt. It holds for the values it was asked for only (`basis`): change them, and
 * the server is asked again.
 */
export function useConfirmation(code: string, basis: string) {
  const [asked, setAsked] = useState<{ detail: string; basis: string } | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const applies = asked !== null && asked.basis === basis;
  return {
    /** The server's explanation, while the values are those it was given for; null otherwise. */
    detail: applies ? asked.detail : null,
    confirmed: applies && confirmed,
    setConfirmed,
    /** After a failed attempt: asks for the confirmation when the refusal is this one. */
    onError(e: unknown) {
      if (!isApiError(e) || e.code !== code) return;
      setAsked({ detail: e.detail, basis });
      setConfirmed(false);
    },
  };
}

export type Confirmation = ReturnType<typeof useConfirmation>;

/** The checkbox of a confirmation, with the server's words as its hint; nothing until asked. */
export function ConfirmCheckbox({ name, label, of }: { name: string; label: string; of: Confirmation }) {
  if (of.detail === null) return null;
  return (
    <Checkbox
      options={[
        {
          label,
          hintText: of.detail,
          nativeInputProps: {
            name,
            checked: of.confirmed,
            onChange: (e) => of.setConfirmed(e.target.checked),
          },
        },
      ]}
    />
  );
}
