import { parseNonNegativeInt } from '../../../lib/parse';
import { serialProblem } from '../../../lib/serial';
import type { FieldErrors } from '../../../ui/form/useForm';
import { serialListProblem } from '../booklets/serialList';

/** The four ways of choosing booklets, as the service takes them (stock/service.ts, allocate). */
export const WAYS = [
  { value: 'oldest', label: 'Les plus anciens du stock' },
  { value: 'envelope', label: 'Les carnets d’une enveloppe' },
  { value: 'range', label: 'Une plage de numéros' },
  { value: 'chosen', label: 'Des carnets choisis' },
] as const;

export const EMPTY = {
  prescriberId: '',
  way: 'oldest',
  envelopeId: '',
  count: '',
  firstSerial: '',
  lastSerial: '',
  serials: '',
};
export type AllocationValues = typeof EMPTY;

export const LABELS: Record<keyof AllocationValues, string> = {
  prescriberId: 'Prescripteur',
  way: 'Quels carnets confier ?',
  envelopeId: 'Enveloppe',
  count: 'Nombre de carnets',
  firstSerial: 'Premier carnet de la plage',
  lastSerial: 'Dernier carnet de la plage',
  serials: 'Numéros des carnets',
};

function countProblem(raw: string): string | undefined {
  const count = parseNonNegativeInt(raw);
  if (!raw.trim()) return 'Indiquez le nombre de carnets à confier.';
  if (!count.ok) return count.error;
  if (count.value < 1) return 'Confiez au moins 1 carnet.';
  if (count.value > 100_000) return 'Au plus 100 000 carnets à la fois.';
  return undefined;
}

/** The checks of the fields the chosen way uses; the others are ignored. */
export const validate =
  (hasEnvelopes: boolean) =>
  (v: AllocationValues): FieldErrors => {
    const e: FieldErrors = {};
    if (!v.prescriberId) e.prescriberId = 'Choisissez le prescripteur qui recevra les carnets.';
    if (!WAYS.some((w) => w.value === v.way) || (v.way === 'envelope' && !hasEnvelopes))
      e.way = 'Choisissez comment désigner les carnets.';
    if (v.way === 'oldest' || v.way === 'envelope') {
      const count = countProblem(v.count);
      if (count) e.count = count;
    }
    if (v.way === 'envelope' && !v.envelopeId) e.envelopeId = 'Choisissez l’enveloppe.';
    if (v.way === 'range') {
      const first = serialProblem(v.firstSerial, 'Indiquez le premier carnet.');
      const last = serialProblem(v.lastSerial, 'Indiquez le dernier carnet.');
      if (first) e.firstSerial = first;
      if (last) e.lastSerial = last;
    }
    if (v.way === 'chosen') {
      const list = serialListProblem(v.serials);
      if (list) e.serials = list;
    }
    return e;
  };
