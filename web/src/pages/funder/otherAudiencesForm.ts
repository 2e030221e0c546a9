import { fold } from '../../../../src/core/french';
import type { AudienceInput } from '../../../../src/core/program/audiences';
import { parseNonNegativeInt } from '../../lib/parse';
import type { FieldErrors } from '../../ui/form/useForm';

/*
 * Publics a deliberation names that the platform's standard list lacks (« Habitants des
 * quartiers prioritaires »), as rows of the new programme's form: `${OTHER}.0.label`,
 * `.minAge`, `.maxAge`. The person writes the public as the deliberation does; the code the
 * beneficiaries' records keep is made from it, never typed.
 */
export const OTHER = 'state.otherAudiences';
export const OTHER_PARTS = ['label', 'minAge', 'maxAge'] as const;
/** Enough for what deliberations name beside the standard publics. */
export const MAX_OTHERS = 10;
const MAX_AGE = 120;

type Values = Record<string, string>;
const at = (i: number, part: (typeof OTHER_PARTS)[number]) => `${OTHER}.${i}.${part}`;

export function otherCount(v: Values): number {
  let n = 0;
  while (at(n, 'label') in v) n++;
  return n;
}

export function addOther<V extends Values>(v: V): V {
  const n = otherCount(v);
  const next: Values = { ...v };
  for (const part of OTHER_PARTS) next[at(n, part)] = '';
  return next as V;
}

/** Row i goes, the rows after it move up one place. */
export function removeOther<V extends Values>(v: V, i: number): V {
  const n = otherCount(v);
  const next: Values = { ...v };
  for (let k = i; k < n - 1; k++)
    for (const part of OTHER_PARTS) next[at(k, part)] = v[at(k + 1, part)] ?? '';
  for (const part of OTHER_PARTS) delete next[at(n - 1, part)];
  return next as V;
}

export function otherLabels(n: number): Record<string, string> {
  const labels: Record<string, string> = { [OTHER]: 'Autres publics' };
  for (let i = 0; i < n; i++) {
    labels[`${OTHER}.${i}`] = `Autre public ${i + 1}`;
    labels[at(i, 'label')] = `Intitulé de l’autre public ${i + 1}`;
    labels[at(i, 'minAge')] = `Âge minimum de l’autre public ${i + 1}, en années`;
    labels[at(i, 'maxAge')] = `Âge maximum de l’autre public ${i + 1}, en années`;
  }
  return labels;
}

export const otherGroups = (n: number): string[] => [
  OTHER,
  ...Array.from({ length: n }, (_, i) => `${OTHER}.${i}`),
];

/** The code a public's records keep, made from its label: « autre_habitants_des_quartiers… ». */
export const codeOf = (label: string) =>
  `autre_${fold(label)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')}`.slice(0, 80);

const age = (s: string) => (s.trim() ? parseNonNegativeInt(s) : null);

export function validateOthers(v: Values, standardLabels: string[]): FieldErrors {
  const e: FieldErrors = {};
  const seen = new Set(standardLabels.map((l) => codeOf(l)));
  for (let i = 0; i < otherCount(v); i++) {
    const label = (v[at(i, 'label')] ?? '').trim();
    if (!label) e[at(i, 'label')] = `Écrivez l’intitulé de l’autre public ${i + 1}, ou retirez-le.`;
    else if (label.length > 200) e[at(i, 'label')] = 'L’intitulé tient en 200 caractères au plus.';
    else if (seen.has(codeOf(label))) e[at(i, 'label')] = `« ${label} » figure déjà parmi les publics.`;
    seen.add(codeOf(label));
    for (const part of ['minAge', 'maxAge'] as const) {
      const typed = v[at(i, part)] ?? '';
      const r = age(typed);
      if (r && (!r.ok || r.value > MAX_AGE))
        e[at(i, part)] = `Un âge en années entières, de 0 à ${MAX_AGE}, ou rien pour aucune limite.`;
    }
    const min = age(v[at(i, 'minAge')] ?? '');
    const max = age(v[at(i, 'maxAge')] ?? '');
    if (!e[at(i, 'maxAge')] && min?.ok && max?.ok && max.value < min.value)
      e[at(i, 'maxAge')] = 'L’âge maximum ne peut pas être inférieur à l’âge minimum.';
  }
  return e;
}

/** The rows as the API takes them, each with its label, its bounds and the code made from it. */
export function toOtherAudiences(v: Values): AudienceInput[] {
  return Array.from({ length: otherCount(v) }, (_, i) => {
    const label = (v[at(i, 'label')] ?? '').trim();
    const bound = (part: 'minAge' | 'maxAge') => {
      const r = age(v[at(i, part)] ?? '');
      return r?.ok ? r.value : null;
    };
    return { code: codeOf(label), label, minAge: bound('minAge'), maxAge: bound('maxAge') };
  });
}
