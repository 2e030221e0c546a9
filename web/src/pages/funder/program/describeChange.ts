import type { ProgramChanges } from '../../../api/types';
import { formatCents, formatDate, formatInt } from '../../../lib/format';
import { audienceText, fieldLabel, STATUS_LABELS } from '../../../lib/labels';

export interface ChangeLine {
  path: string;
  label: string;
  /** the new value in words, when it reads well in one line */
  value?: string;
}

function valueAt(changes: ProgramChanges, path: string): unknown {
  let cur: unknown = changes;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function formatValue(path: string, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (path.startsWith('calendar.')) return v === null ? 'aucune' : formatDate(String(v));
  switch (path) {
    case 'plannedPasses':
      return typeof v === 'number' ? `${formatInt(v)} passes` : undefined;
    case 'faceValueCents':
      return typeof v === 'number' ? formatCents(v) : undefined;
    case 'status':
      return STATUS_LABELS[v as keyof typeof STATUS_LABELS] ?? String(v);
    case 'name':
      return String(v);
    case 'audiences':
      return Array.isArray(v) ? v.map(audienceText).join(', ') || 'aucun' : undefined;
    case 'passesPerBeneficiary':
      return v === null ? 'un carnet' : typeof v === 'number' ? `${formatInt(v)} passes` : undefined;
    case 'lateSessionDays':
      return typeof v === 'number' ? `${formatInt(v)} jours après la fin d’utilisation` : undefined;
    case 'bookletSizes':
      return Array.isArray(v) ? `carnets de ${v.join(' ou ')} pass` : undefined;
    default:
      return undefined;
  }
}

/**
 * The fields a deliberation changed, in French, with their new values. A whole
 * 'calendar' change is spelt out date by date, since that is what people check.
 */
export function describeChanges(changedFields: string[], changes: ProgramChanges): ChangeLine[] {
  const paths = changedFields.flatMap((f) => {
    const v = valueAt(changes, f);
    if (f === 'calendar' && v && typeof v === 'object') return Object.keys(v).map((k) => `calendar.${k}`);
    return [f];
  });
  return [...new Set(paths)].map((path) => ({
    path,
    label: fieldLabel(path),
    value: formatValue(path, valueAt(changes, path)),
  }));
}
