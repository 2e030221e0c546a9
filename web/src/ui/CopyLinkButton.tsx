import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';

/**
 * "Copier le lien d'invitation", and its announcement to screen readers: invitation links are
 * handed over by hand when no e-mail goes out (no SMTP), from the admin's, team's and prescribers' pages.
 */
export function CopyLinkButton({
  url,
  size,
  label = 'Copier le lien d’invitation',
}: {
  url: string;
  size?: 'small';
  /** What the link is, when it is not an invitation (a password link). */
  label?: string;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <>
      <Button
        type="button"
        priority="secondary"
        size={size}
        iconId="fr-icon-clipboard-line"
        onClick={() => void copy()}
      >
        {label}
      </Button>{' '}
      <span role="status">{copied ? 'Lien copié.' : ''}</span>
    </>
  );
}
