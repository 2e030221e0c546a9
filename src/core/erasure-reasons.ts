/**
 * Why a beneficiary's data was erased before the end of its retention period, chosen from a
 * list: the audit trail keeps the reason, and a typed reason would carry the very names the
 * erasure removes (the journal outlives erasure).
 */
export const ERASURE_REASONS = {
  person_request: 'À la demande de la personne',
  recorded_in_error: 'Personne enregistrée par erreur',
  deceased: 'Décès de la personne',
} as const;

export type ErasureReason = keyof typeof ERASURE_REASONS;
