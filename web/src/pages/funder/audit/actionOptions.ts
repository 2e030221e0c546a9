import {
  ACTION_LABELS,
  FUNDER_JOURNAL_ACTIONS,
  PLACE_JOURNAL_ACTIONS,
  PLATFORM_JOURNAL_ACTIONS,
} from '../../../../../src/core/audit-labels';

/** Which journal is read: the platform's, a funder's, or a place's own. */
export type Journal = 'platform' | 'funder' | 'place';

const OFFERED: Record<Journal, readonly string[]> = {
  platform: PLATFORM_JOURNAL_ACTIONS,
  funder: FUNDER_JOURNAL_ACTIONS,
  place: PLACE_JOURNAL_ACTIONS,
};

/**
 * The « Action » list, sorted by French label as a person looks for them: exactly the actions
 * that can land in the journal read (the platform's, a funder's, a place's), from the lists the
 * server checks (its tests, and a place's filter refuses any other).
 */
export function actionOptions(journal: Journal): { value: string; label: string }[] {
  const offered = OFFERED[journal];
  return Object.entries(ACTION_LABELS)
    .filter(([code]) => offered.includes(code))
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
}
