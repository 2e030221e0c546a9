import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useState } from 'react';
import { useFlash } from './flash';

export function FlashAlert() {
  const flash = useFlash();
  const [closed, setClosed] = useState(false);
  if (!flash) return null;
  return (
    <Alert
      severity={flash.severity}
      small
      role="status"
      description={flash.message}
      closable
      isClosed={closed}
      onClose={() => setClosed(true)}
      className="fr-mb-4w"
    />
  );
}
