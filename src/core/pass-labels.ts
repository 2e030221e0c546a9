/**
 * A pass's and a booklet's states in French, one at a time, as the funder's « Retrouver un
 * pass » and the helpdesk's « Trouver un pass » say them; shared by the API's answers in French
 * and the web app, so that both say the same word. (The counts of many passes are the web's
 * PASS_STATUS_LABELS, in the plural.)
 */
export const PASS_STATE_LABELS = {
  issued: 'Émis, pas encore activé (les fonds ne sont pas encore reçus)',
  active: 'Activé, pas encore utilisé',
  redeemed: 'Utilisé',
  expired: 'Expiré',
  cancelled: 'Annulé',
} as const;

/** Where a booklet stands (booklets.status). */
export const BOOKLET_STATUS_LABELS = {
  stock: 'En stock chez le financeur',
  allocated: 'Chez un prescripteur',
  handed_out: 'Remis',
  blocked: 'Bloqué',
} as const;

/** Why a booklet was blocked (booklets.block_reason). */
export const BLOCK_REASON_LABELS = {
  lost: 'Perdu',
  stolen: 'Volé',
} as const;
