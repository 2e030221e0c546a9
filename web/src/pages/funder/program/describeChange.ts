import type { Cofunder, ProgramChanges } from '../../../api/types';
import { formatBps, formatCents, formatDate, formatInt } from '../../../lib/format';
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

/** A list of the deliberation in one line, its items separated by « ; ». */
function list<T>(v: unknown, empty: string, item: (x: T) => string): string | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.length === 0 ? empty : (v as T[]).map(item).join(' ; ');
}

/** « État (ANCT) : 50 % du budget, 50 % de la valeur des pass utilisés », or a fixed amount. */
function cofunderText(c: Cofunder): string {
  const part =
    c.amountCents !== undefined ? formatCents(c.amountCents) : `${formatBps(c.shareBps ?? 0)} du budget`;
  const used = c.usedShareBps ? `, ${formatBps(c.usedShareBps)} de la valeur des pass utilisés` : '';
  return `${c.name} : ${part}${used}`;
}

function formatValue(path: string, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (path.startsWith('calendar.')) return v === null ? 'aucune' : formatDate(String(v));
  switch (path) {
    case 'plannedPasses':
      return typeof v === 'number' ? `${formatInt(v)} pass` : undefined;
    case 'faceValueCents':
      return typeof v === 'number' ? formatCents(v) : undefined;
    case 'status':
      return STATUS_LABELS[v as keyof typeof STATUS_LABELS] ?? String(v);
    case 'name':
      return String(v);
    case 'audiences':
      return Array.isArray(v) ? v.map(audienceText).join(', ') || 'aucun' : undefined;
    case 'passesPerBeneficiary':
      return v === null ? 'un carnet' : typeof v === 'number' ? `${formatInt(v)} pass` : undefined;
    case 'lateSessionDays':
      return typeof v === 'number' ? `${formatInt(v)} jours après la fin d’utilisation` : undefined;
    case 'bookletSizes':
      return Array.isArray(v) ? `carnets de ${v.join(' ou ')} pass` : undefined;
    case 'reportingDeadlines':
      return list(
        v,
        'aucune',
        (d: { label: string; dueOn: string }) => `${d.label} : ${formatDate(d.dueOn)}`,
      );
    case 'budget.lines':
      return list(
        v,
        'aucune',
        (l: { label: string; amountCents: number }) => `${l.label} : ${formatCents(l.amountCents)}`,
      );
    case 'budget.cofunders':
      return list(v, 'aucun', cofunderText);
    case 'budget.phasing':
      return list(
        v,
        'aucun',
        (p: { year: number; amountCents: number }) => `${p.year} : ${formatCents(p.amountCents)}`,
      );
    case 'budget.engineeringCeilingBps':
      return v === null ? 'aucun' : typeof v === 'number' ? `${formatBps(v)} du budget` : undefined;
    default:
      return undefined;
  }
}

/**
 * The fields a deliberation changed, in French, with their new values. A whole 'calendar'
 * or 'budget' change is spelt out field by field, since that is what people check.
 */
export function describeChanges(changedFields: string[], changes: ProgramChanges): ChangeLine[] {
  const paths = changedFields.flatMap((f) => {
    const v = valueAt(changes, f);
    if ((f === 'calendar' || f === 'budget') && v && typeof v === 'object')
      return Object.keys(v).map((k) => `${f}.${k}`);
    return [f];
  });
  return [...new Set(paths)].map((path) => ({
    path,
    label: fieldLabel(path),
    value: formatValue(path, valueAt(changes, path)),
  }));
}
