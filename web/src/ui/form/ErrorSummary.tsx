import { fr } from '@codegouvfr/react-dsfr';
import { useEffect, useRef } from 'react';
import { fieldLabel } from '../../lib/labels';
import { inPageOrder, labelled, summaryOf } from './summary';
import { type FormProblem, fieldId } from './useForm';

interface Props {
  problem: FormProblem | null;
  /** changes on each failed submit, to move the focus here again */
  attempt: number;
  /** labels of this form's fields by name, for the list of links */
  labels: Record<string, string>;
}

/**
 * Where each field comes on the page: every field's element carries `fieldId(name)`, and
 * the DOM gives them in the page's order, whatever the order of the checks or of the labels.
 */
function rankOnPage(): (field: string) => number {
  const ids = Array.from(document.querySelectorAll(`[id^="${fieldId('')}"]`), (e) => e.id);
  return (field) => ids.indexOf(fieldId(field));
}

/**
 * RGAA 11.10: on a failed submit, say what went wrong at the top of the form, take the
 * focus there, and link each error to its field.
 */
export function ErrorSummary({ problem, attempt, labels }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem && attempt > 0) ref.current?.focus();
  }, [attempt, problem]);
  if (!problem) return null;
  const shown = summaryOf(problem);
  if (shown.items.length === 0) {
    // A message without a list (wrong password, server down) needs no heading.
    return (
      <div
        ref={ref}
        tabIndex={-1}
        role="alert"
        className={fr.cx('fr-alert', 'fr-alert--error', 'fr-alert--sm', 'fr-mb-4w')}
      >
        <p>{shown.message}</p>
      </div>
    );
  }
  return (
    <div ref={ref} tabIndex={-1} role="alert" className={fr.cx('fr-alert', 'fr-alert--error', 'fr-mb-4w')}>
      <h2 className={fr.cx('fr-alert__title')}>{shown.message}</h2>
      <ul>
        {inPageOrder(shown.items, rankOnPage()).map((item) => {
          const text = labelled(labels[item.field] ?? fieldLabel(item.field), item.message);
          return (
            <li key={`${item.field}:${item.message}`}>
              {item.onForm ? <a href={`#${fieldId(item.field)}`}>{text}</a> : text}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
