import { useState } from 'react';
import { ApiError } from '../../api/client';
import { errorCount } from './summary';

/**
 * Form state keyed by the API's field paths ('legal.number', 'changes.plannedPasses'),
 * so a problem+json `errors[].field` lands on the input that produced it without a mapping table.
 */
export type FieldErrors = Record<string, string>;

export interface FormProblem {
  /** a sentence for the whole form (API detail, or "N erreurs") */
  message: string;
  /** errors listed in the summary, linked to their field when it is on the form */
  items: { field: string; message: string; onForm: boolean }[];
}

export function fieldId(name: string): string {
  return `champ-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** Which form field an API path belongs to: itself, or the closest enclosing one ('territory.0.code' → 'territory'). */
function placeOf(path: string, names: readonly string[]): string | undefined {
  if (names.includes(path)) return path;
  return names
    .filter((n) => path.startsWith(`${n}.`) || path.startsWith(`${n}[`))
    .sort((a, b) => b.length - a.length)[0];
}

/**
 * @param groups names that are not inputs but can carry an error (a fieldset such as 'changes'),
 *   so API errors on 'changes' or 'changes.calendar' have somewhere to go; a function of the
 *   values when rows come and go (a fieldset per co-funder).
 */
export function useForm<V extends Record<string, string>>(
  initial: V,
  validate: (v: V) => FieldErrors,
  groups: readonly string[] | ((v: V) => readonly string[]) = [],
) {
  const [values, setValues] = useState<V>(initial);
  // What the form opened with: `changed` says whether anything was typed since (useLeaveGuard).
  const [opened] = useState<V>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [apiErrors, setApiErrors] = useState<FieldErrors>({});
  // The summary is a snapshot taken at submit time: announcing it anew on every keystroke would drown screen readers.
  const [problem, setProblem] = useState<FormProblem | null>(null);
  // Bumped on each failed submit so the error summary takes the focus again.
  const [attempt, setAttempt] = useState(0);

  // Client errors are derived, not stored: once the user has tried to submit they follow the typing.
  const clientErrors = submitted ? validate(values) : {};
  const errors: FieldErrors = { ...apiErrors, ...clientErrors };

  const set = (name: keyof V & string) => (value: string) => {
    setValues((prev) => ({ ...prev, [name]: value }));
    // Editing a field settles the API's complaint about it, and about its enclosing group.
    setApiErrors((prev) => {
      const stale = Object.keys(prev).filter((k) => k === name || name.startsWith(`${k}.`));
      if (stale.length === 0) return prev;
      const rest = { ...prev };
      for (const k of stale) delete rest[k];
      return rest;
    });
  };

  /**
   * Changes several values at once (a row added to or removed from a list). The API's complaints
   * about `settles` and what it holds go: rows renumbered, they would point at the wrong one.
   */
  const update = (change: (prev: V) => V, settles: string) => {
    setValues(change);
    setApiErrors((prev) => {
      const rest = { ...prev };
      for (const k of Object.keys(prev)) if (k === settles || k.startsWith(`${settles}.`)) delete rest[k];
      return rest;
    });
  };

  /** Runs the client checks; returns false (and shows the errors) when the form must not be sent. */
  const check = (): boolean => {
    setSubmitted(true);
    setApiErrors({});
    const found = validate(values);
    const items = Object.entries(found).map(([field, message]) => ({ field, message, onForm: true }));
    if (items.length === 0) {
      setProblem(null);
      return true;
    }
    setProblem({ message: errorCount(items.length), items });
    setAttempt((a) => a + 1);
    return false;
  };

  /**
   * Shows an API failure: field errors next to their inputs, and all of them in the summary.
   * `message` replaces the API's detail when the page knows better words for a status.
   */
  const showApiError = (e: unknown, message?: (e: ApiError) => string | undefined) => {
    const names = [...Object.keys(values), ...(typeof groups === 'function' ? groups(values) : groups)];
    if (!(e instanceof ApiError)) {
      setProblem({ message: 'Une erreur inattendue est survenue. Réessayez.', items: [] });
    } else {
      const placed: FieldErrors = {};
      const items: FormProblem['items'] = [];
      for (const issue of e.errors) {
        const at = placeOf(issue.field, names);
        if (at && !placed[at]) placed[at] = issue.message;
        items.push({ field: at ?? issue.field, message: issue.message, onForm: at !== undefined });
      }
      setApiErrors(placed);
      setProblem({ message: message?.(e) ?? e.detail, items });
    }
    setAttempt((a) => a + 1);
  };

  /** Back to a blank form after a success, without flagging the now-empty required fields. */
  const reset = (next: V = initial) => {
    setValues(next);
    setSubmitted(false);
    setApiErrors({});
    setProblem(null);
  };

  const keys = new Set([...Object.keys(opened), ...Object.keys(values)]);
  const changed = [...keys].some((k) => (values[k] ?? '') !== (opened[k] ?? ''));
  return { values, set, update, errors, problem, attempt, check, showApiError, reset, changed };
}
