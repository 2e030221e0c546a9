import {
  ACTION_LABELS,
  FUNDER_JOURNAL_ACTIONS,
  PLATFORM_JOURNAL_ACTIONS,
} from '../../../../../src/core/audit-labels';

/**
 * The « Action » list, sorted by French label as a person looks for them: exactly the actions
 * that can land in the journal read (the platform's, or a funder's), from the lists the
 * server's test checks against where each action is recorded.
 */
export function actionOptions(platform: boolean): { value: string; label: string }[] {
  const offered = platform ? PLATFORM_JOURNAL_ACTIONS : FUNDER_JOURNAL_ACTIONS;
  return Object.entries(ACTION_LABELS)
    .filter(([code]) => offered.includes(code))
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
}
