import { fr } from '@codegouvfr/react-dsfr';
import type { ReactNode } from 'react';
import { fieldId } from './useForm';

interface Props {
  /** also the error key: 'changes' gets id champ-changes, target of the summary's link */
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}

/** A DSFR fieldset whose group-level error (e.g. "at least one change") is shown and announced with it. */
export function Fieldset({ name, legend, hint, error, children }: Props) {
  const id = fieldId(name);
  const messageId = `${id}-message`;
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={fr.cx('fr-fieldset', error ? 'fr-fieldset--error' : undefined)}
      aria-labelledby={`${id}-legend ${error ? messageId : ''}`.trim()}
    >
      <legend id={`${id}-legend`} className={fr.cx('fr-fieldset__legend')}>
        {legend}
        {hint && <span className={fr.cx('fr-hint-text')}>{hint}</span>}
      </legend>
      {children}
      <div className={fr.cx('fr-messages-group')} aria-live="polite">
        {error && (
          <p id={messageId} className={fr.cx('fr-message', 'fr-message--error', 'fr-error-text')}>
            {error}
          </p>
        )}
      </div>
    </fieldset>
  );
}

/** One cell of a fieldset; `narrow` keeps dates and numbers from stretching across the page. */
export function FieldsetElement({ children, inline }: { children: ReactNode; inline?: boolean }) {
  return (
    <div className={fr.cx('fr-fieldset__element', inline && 'fr-fieldset__element--inline')}>{children}</div>
  );
}
