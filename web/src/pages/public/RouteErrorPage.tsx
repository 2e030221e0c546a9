import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { ApiError } from '../../api/client';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

/** Last resort when loading a route fails (API down while checking the session, a bug). */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  useDocumentTitle('Erreur');
  const detail = error instanceof ApiError ? error.detail : 'Une erreur inattendue est survenue.';
  return (
    <>
      <h1>Une erreur est survenue</h1>
      <Alert
        severity="error"
        as="h2"
        title="La page n’a pas pu être affichée"
        description={detail}
        className="fr-mb-4w"
      />
      <Button type="button" onClick={reset}>
        Réessayer
      </Button>
    </>
  );
}
