import { fold } from '../../../../src/core/french';
import type { AudienceInput } from '../../../../src/core/program/audiences';
import { parseNonNegativeInt } from '../../lib/parse';
import type { FieldErrors } from '../../ui/form/useForm';

/*
 * Publics a deliberation names that the platform's standard list lacks (« Habitants des
 * quartiers prioritaires »), as rows of a form: `${prefix}.0.label`, `.minAge`, `.maxAge`, under
 * OTHER in the new programme's form and AMENDED_OTHER in an amendment's. The person writes the
 * public as the deliberation does; the code the beneficiaries' records keep is made from it,
 * never typed.
 */
export const OTHER = 'state.otherAudiences';
export const AMENDED_OTHER = 'changes.otherAudiences';
export const OTHER_PARTS = ['label', 'minAge', 'maxAge'] as const;
/** Enough for what deliberations name beside the standard publics. */
export const MAX_OTHERS = 10;
const MAX_AGE = 120;

type Values = Record<string, string>;
const at = (prefix: string, i: number, part: (typeof OTHER_PARTS)[number]) => `${prefix}.${i}.${part}`;

export function otherCount(v: Values, prefix = OTHER): number {
  let n = 0;
  while (at(prefix, n, 'label') in v) n++;
  return n;
}

export function addOther<V extends Values>(v: V, prefix = OTHER): V {
  const n = otherCount(v, prefix);
  const next: Values = { ...v };
  for (const part of OTHER_PARTS) next[at(prefix, n, part)] = '';
  return next as V;
}

/** Row i goes, the rows after it move up one place. */
export function removeOther<V extends Values>(v: V, i: number, prefix = OTHER): V {
  const n = otherCount(v, prefix);
  const next: Values = { ...v };
  for (let k = i; k < n - 1; k++)
    for (const part of OTHER_PARTS) next[at(prefix, k, part)] = v[at(prefix, k + 1, part)] ?? '';
  for (const part of OTHER_PARTS) delete next[at(prefix, n - 1, part)];
  return next as V;
}

export function otherLabels(n: number, prefix = OTHER): Record<string, string> {
  const labels: Record<string, string> = { [prefix]: 'Autres publics' };
  for (let i = 0; i < n; i++) {
    labels[`${prefix}.${i}`] = `Autre public ${i + 1}`;
    labels[at(prefix, i, 'label')] = `Intitulé de l’autre public ${i + 1}`;
    labels[at(prefix, i, 'minAge')] = `Âge minimum de l’autre public ${i + 1}, en années`;
    labels[at(prefix, i, 'maxAge')] = `Âge maximum de l’autre public ${i + 1}, en années`;
  }
  return labels;
}

export const otherGroups = (n: number, prefix = OTHER): string[] => [
  prefix,
  ...Array.from({ length: n }, (_, i) => `${prefix}.${i}`),
];

/** The code a public's records keep, made from its label: « autre_habitants_des_quartiers… ». */
export const codeOf = (label: string) =>
  `autre_${fold(label)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')}`.slice(0, 80);

const age = (s: string) => (s.trim() ? parseNonNegativeInt(s) : null);

export function validateOthers(v: Values, standardLabels: string[], prefix = OTHER): FieldErrors {
  const e: FieldErrors = {};
  const seen = new Set(standardLabels.map((l) => codeOf(l)));
  for (let i = 0; i < otherCount(v, prefix); i++) {
    const label = (v[at(prefix, i, 'label')] ?? '').trim();
    if (!label) e[at(prefix, i, 'label')] = `Écrivez l’intitulé de l’autre public ${i + 1}, ou retirez-le.`;
    else if (label.length > 200) e[at(prefix, i, 'label')] = 'L’intitulé tient en 200 caractères au plus.';
    else if (seen.has(codeOf(label)))
      e[at(prefix, i, 'label')] = `« ${label} » figure déjà parmi les publics.`;
    seen.add(codeOf(label));
    for (const part of ['minAge', 'maxAge'] as const) {
      const typed = v[at(prefix, i, part)] ?? '';
      const r = age(typed);
      if (r && (!r.ok || r.value > MAX_AGE))
        e[at(prefix, i, part)] = `Un âge en années entières, de 0 à ${MAX_AGE}, ou rien pour aucune limite.`;
    }
    const min = age(v[at(prefix, i, 'minAge')] ?? '');
    const max = age(v[at(prefix, i, 'maxAge')] ?? '');
    if (!e[at(prefix, i, 'maxAge')] && min?.ok && max?.ok && max.value < min.value)
      e[at(prefix, i, 'maxAge')] = 'L’âge maximum ne peut pas être inférieur à l’âge minimum.';
  }
  return e;
}

/** The rows as the API takes them, each with its label, its bounds and the code made from it. */
export function toOtherAudiences(v: Values, prefix = OTHER): AudienceInput[] {
  return Array.from({ length: otherCount(v, prefix) }, (_, i) => {
    const label = (v[at(prefix, i, 'label')] ?? '').trim();
    const bound = (part: 'minAge' | 'maxAge') => {
      const r = age(v[at(prefix, i, part)] ?? '');
      return r?.ok ? r.value : null;
    };
    return { code: codeOf(label), label, minAge: bound('minAge'), maxAge: bound('maxAge') };
  });
}
