import type { BlockReason } from '../../api/types';
import { BLOCK_REASON_LABELS } from '../../lib/labels';
import { normalizeSerial, serialProblem } from '../../lib/serial';
import type { FieldErrors } from '../../ui/form/useForm';

// 'lostSerial', not 'serial': the hand-out form on the same page already has a field of that id.
export const EMPTY = { lostSerial: '', reason: '' };
type Values = typeof EMPTY;

export const LABELS: Record<keyof Values, string> = {
  lostSerial: 'Numéro du carnet perdu ou volé',
  reason: 'Motif',
};

export const isReason = (s: string): s is BlockReason => Object.hasOwn(BLOCK_REASON_LABELS, s);

/** As the server words it when it refuses (blocking/service.ts). */
const ALREADY_BLOCKED = 'Ce carnet est déjà bloqué.';

/**
 * The checks before the confirmation. A booklet the list of those handed out shows as blocked
 * is said to be so at once: asking to confirm first, then refusing, wasted the agent's time.
 */
export const validateBlock =
  (blocked: ReadonlySet<string>) =>
  (v: Values): FieldErrors => {
    const e: FieldErrors = {};
    const serial = serialProblem(v.lostSerial);
    if (serial) e.lostSerial = serial;
    else if (blocked.has(normalizeSerial(v.lostSerial))) e.lostSerial = ALREADY_BLOCKED;
    if (!isReason(v.reason)) e.reason = 'Indiquez si le carnet a été perdu ou volé.';
    return e;
  };
