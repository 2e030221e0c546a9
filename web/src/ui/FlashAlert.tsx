import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useState } from 'react';
import { useFlash } from './flash';

export function FlashAlert() {
  const message = useFlash();
  const [closed, setClosed] = useState(false);
  if (!message) return null;
  return (
    <Alert
      severity="success"
      small
      role="status"
      description={message}
      closable
      isClosed={closed}
      onClose={() => setClosed(true)}
      className="fr-mb-4w"
    />
  );
}
