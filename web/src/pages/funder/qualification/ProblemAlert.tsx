import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ApiError } from '../../../api/client';

/** A refused request, with each field's message: the qualification forms' error box. */
export function ProblemAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  // A refusal whose sentence already gives each reason (« ne peut pas encore être approuvé :
  // … ; … ») lists them once: only what the sentence does not say goes below it.
  const more = e ? e.errors.filter((x) => !e.detail.includes(x.message)) : [];
  // The Alert is the live region itself (role=alert): wrapped in another, it was read twice.
  return (
    <Alert
      severity="error"
      small
      className="fr-mb-2w"
      description={
        <>
          {e?.detail ?? 'Une erreur inattendue est survenue. Réessayez.'}
          {more.length > 0 && (
            <ul>
              {more.map((x) => (
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
