import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ApiError } from '../api/client';

/** A failed load, in words a user can act on. 404 means "not yours or gone" (tenancy hides the difference). */
export function QueryError({ error, what }: { error: unknown; what: string }) {
  const status = error instanceof ApiError ? error.status : 0;
  const description =
    status === 404
      ? `${what} est introuvable, ou vous n’y avez pas accès.`
      : status === 403
        ? 'Vous n’avez pas les droits nécessaires pour consulter cette page.'
        : error instanceof ApiError
          ? // What is wrong, as the server says it field by field, rather than « un champ est à corriger ».
            error.errors.length > 0
            ? error.errors.map((e) => e.message).join(' ')
            : error.detail
          : 'Une erreur inattendue est survenue. Rechargez la page.';
  return (
    <Alert
      severity="error"
      title="Chargement impossible"
      description={description}
      className="fr-my-4w"
      as="h2"
    />
  );
}
