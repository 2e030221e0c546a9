import { frenchDate, isIsoDate } from '../dates.js';
import type { FieldIssue } from '../errors.js';
import type { Amendment } from './types.js';

// Code-unit comparison, not localeCompare: the order must not depend on the runtime's locale data.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The order amendments apply in: (effectiveOn, creation first, legal.decidedOn,
 * legal.number, id). It is total as long as ids are unique, so the state as of a
 * date never depends on the order rows came back from the database.
 */
export function compareAmendments(a: Amendment, b: Amendment): number {
  return (
    compareText(a.effectiveOn, b.effectiveOn) ||
    (a.kind === b.kind ? 0 : a.kind === 'creation' ? -1 : 1) ||
    compareText(a.legal.decidedOn, b.legal.decidedOn) ||
    compareText(a.legal.number, b.legal.number) ||
    compareText(a.id, b.id)
  );
}

export function orderAmendments(amendments: readonly Amendment[]): Amendment[] {
  return [...amendments].sort(compareAmendments);
}

const label = (a: Amendment) => `La délibération n° ${a.legal.number}`;

/**
 * What makes a history unusable: no or several creations, an amendment effective
 * before the creation, invalid dates, a repeated id (which would make the order
 * ambiguous). A service checks the history with the new amendment before storing it.
 */
export function validateHistory(amendments: readonly Amendment[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const a of amendments) {
    if (!isIsoDate(a.effectiveOn)) {
      issues.push({ field: 'effectiveOn', message: `${label(a)} a une date d'effet invalide.` });
    }
    if (!isIsoDate(a.legal.decidedOn)) {
      issues.push({ field: 'legal.decidedOn', message: `${label(a)} a une date de décision invalide.` });
    }
  }
  const ids = new Set<string>();
  for (const a of amendments) {
    if (ids.has(a.id)) issues.push({ field: 'id', message: `${label(a)} a un identifiant déjà utilisé.` });
    ids.add(a.id);
  }
  const creations = amendments.filter((a) => a.kind === 'creation');
  if (creations.length === 0) {
    issues.push({ field: 'kind', message: 'Le dispositif doit avoir une délibération de création.' });
  } else if (creations.length > 1) {
    issues.push({
      field: 'kind',
      message: "Le dispositif ne peut avoir qu'une seule délibération de création.",
    });
  } else {
    const createdOn = (creations[0] as Amendment).effectiveOn;
    for (const a of amendments) {
      if (a.effectiveOn < createdOn) {
        issues.push({
          field: 'effectiveOn',
          message: `${label(a)} ne peut pas prendre effet avant la création du dispositif (${frenchDate(createdOn)}).`,
        });
      }
    }
  }
  return issues;
}
