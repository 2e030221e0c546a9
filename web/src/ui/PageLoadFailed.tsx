import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { useDocumentTitle } from './useDocumentTitle';

/**
 * A page whose code could not be fetched because the server cannot be reached (pages/lazy.ts),
 * said in the layout, header and menu kept: the browser's own offline page, which a reload
 * showed, lost the app and what had been typed in it. « Réessayer » fetches the code again.
 */
export function PageLoadFailed({ retry }: { retry: () => Promise<void> }) {
  useDocumentTitle('Page non chargée');
  const [trying, setTrying] = useState(false);
  const [failedAgain, setFailedAgain] = useState(false);
  const tryAgain = () => {
    if (trying) return;
    setTrying(true);
    setFailedAgain(false);
    // Once loaded, the page replaces this one; still out of reach, this one stays and says so.
    void retry().then(() => {
      setTrying(false);
      setFailedAgain(true);
    });
  };
  return (
    <>
      <h1>Impossible de charger cette page</h1>
      <Alert
        severity="error"
        small
        description="Le serveur ne répond pas : vérifiez votre connexion, puis réessayez."
        className="fr-mb-4w"
      />
      {/* As SubmitButton: not disabled while trying, which would throw the focus to the page. */}
      <Button type="button" onClick={tryAgain} nativeButtonProps={{ 'aria-disabled': trying || undefined }}>
        {trying ? 'Nouvel essai…' : 'Réessayer'}
      </Button>
      {/* Present from the start, so that screen readers hear what is put in it. */}
      <p role="status" className="fr-mt-2w">
        {failedAgain ? 'La page n’a toujours pas pu être chargée : vérifiez votre connexion.' : ''}
      </p>
    </>
  );
}
