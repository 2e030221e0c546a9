import { PROBLEMS } from '../../core/problems.js';
import { REFUSAL_MESSAGES, type Refusal, STANDARD_SERVICES } from '../../core/session.js';
import type { OperationExamples } from '../../http/openapi.js';

// Examples of the place-facing operations for the OpenAPI document: what a place's software
// sends and gets back. The code is a well-formed one (its check symbol is right).
const CODE = 'SEK5-EE62-EMGD-KD';
const PLACE = '5f0c2a4e-8d1b-4c1e-9a51-2b7f6f3e9c10';
const SESSION = { theme: STANDARD_SERVICES[0], durationMinutes: 60, format: 'individual' as const };

const redemption = {
  id: 4812,
  code: CODE,
  placeId: PLACE,
  programName: 'Pass numérique Hauts-de-France — campagne 2026',
  faceValueCents: 1000,
  ...SESSION,
  redeemedAt: '2026-05-12T09:41:07.000Z',
  cancellableUntil: '2026-05-13T09:41:07.000Z',
  cancelledAt: null,
};

function problem(
  code: Refusal | 'nonce_reused' | 'cancel_window_closed' | 'rate_limited' | 'not_found',
  detail: string,
  extra = {},
) {
  const { status, title } = PROBLEMS[code];
  return { summary: title, value: { type: `about:blank#${code}`, title, status, code, detail, ...extra } };
}
const refused = (code: Refusal, extra = {}) => problem(code, REFUSAL_MESSAGES[code], extra);
const malformed = problem('malformed_code', REFUSAL_MESSAGES.malformed_code, {
  errors: [{ field: 'code', message: REFUSAL_MESSAGES.malformed_code }],
});
const guessing = problem('rate_limited', 'Trop de codes inconnus : réessayez dans quelques minutes.');

export const CHECK_EXAMPLES: OperationExamples = {
  responses: {
    200: {
      redeemable: {
        summary: 'Le pass peut être encaissé — redeemable',
        value: {
          code: CODE,
          status: 'redeemable',
          message: 'Ce pass peut être encaissé.',
          faceValueCents: 1000,
          programName: redemption.programName,
          validFrom: '2026-03-01',
          validUntil: '2027-12-31',
          redeemedAt: null,
          themes: [...STANDARD_SERVICES],
        },
      },
      already_redeemed: {
        summary: 'Déjà utilisé — already redeemed',
        value: {
          code: CODE,
          status: 'already_redeemed',
          message: REFUSAL_MESSAGES.already_redeemed,
          faceValueCents: 1000,
          programName: redemption.programName,
          validFrom: '2026-03-01',
          validUntil: '2027-12-31',
          redeemedAt: redemption.redeemedAt,
          themes: [...STANDARD_SERVICES],
        },
      },
    },
    404: { unknown_code: refused('unknown_code') },
    422: { malformed_code: malformed },
    429: { rate_limited: guessing },
  },
};

export const REDEEM_EXAMPLES: OperationExamples = {
  request: {
    withKey: {
      summary: "Avec une clé d'API — with an API key",
      value: { code: CODE, nonce: 'caisse-1-2026-05-12-0042', ...SESSION },
    },
  },
  responses: {
    201: { redeemed: { summary: 'Encaissé — redeemed', value: redemption } },
    200: {
      replayed: { summary: 'Même nonce : la première réponse — same nonce, first answer', value: redemption },
    },
    404: { unknown_code: refused('unknown_code') },
    409: {
      already_redeemed: refused('already_redeemed', { redeemedAt: redemption.redeemedAt }),
      expired: refused('expired'),
      blocked: refused('blocked'),
      nonce_reused: problem(
        'nonce_reused',
        'Ce nonce a déjà servi à un autre encaissement de votre lieu (autre pass ou autre séance).',
        {
          errors: [
            { field: 'nonce', message: 'Ce nonce a déjà servi à un autre encaissement de votre lieu.' },
          ],
          firstRedemption: { id: redemption.id, code: CODE, redeemedAt: redemption.redeemedAt },
        },
      ),
    },
    422: { malformed_code: malformed },
    429: { rate_limited: guessing },
  },
};

export const CANCEL_EXAMPLES: OperationExamples = {
  responses: {
    200: {
      cancelled: {
        summary: 'Annulé — cancelled',
        value: { ...redemption, cancelledAt: '2026-05-12T10:02:31.000Z' },
      },
    },
    404: { not_found: problem('not_found', 'Encaissement introuvable.') },
    409: {
      cancel_window_closed: problem(
        'cancel_window_closed',
        'Un encaissement ne peut être annulé que dans les 24 heures qui suivent.',
      ),
    },
  },
};

export const LIST_EXAMPLES: OperationExamples = {
  responses: {
    200: {
      latest: {
        summary: 'Derniers encaissements — latest redemptions',
        value: { redemptions: [redemption] },
      },
    },
    404: { not_found: problem('not_found', 'Lieu introuvable.') },
  },
};
