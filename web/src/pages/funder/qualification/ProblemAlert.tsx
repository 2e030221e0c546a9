import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ApiError } from '../../../api/client';

/** A refused request, with each field's message: the qualification forms' error box. */
export function ProblemAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  // The Alert is the live region itself (role=alert): wrapped in another, it was read twice.
  return (
    <Alert
      severity="error"
      small
      className="fr-mb-2w"
      description={
        <>
          {e?.detail ?? 'Une erreur inattendue est survenue. Réessayez.'}
          {e && e.errors.length > 0 && (
            <ul>
              {e.errors.map((x) => (
                <li key={`${x.field}-${x.message}`}>{x.message}</li>
              ))}
            </ul>
          )}
        </>
      }
    />
  );
}

/** The API's message for one field of a refused request, to show beside the field. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.errors.find((e) => e.field === field)?.message : undefined;
}
