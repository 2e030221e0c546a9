import { type DomainError, notFound } from '../../core/errors.js';
import { lateSessionsMessage } from '../../core/late-session.js';
import { PROBLEMS } from '../../core/problems.js';
import { STANDARD_SERVICES } from '../../core/session.js';
import type { OperationExamples } from '../../http/openapi.js';
import { tooManyGuesses } from './guess-limiter.js';
import { alreadyRedeemed, cancelWindowClosed, nonceReused, redeemedByWord, refusal } from './service.js';

// Examples of the place-facing operations for the OpenAPI document: what a place's software
// sends and gets back. The code is a well-formed one (its check symbol is right). Refusals are
// built by the functions the service throws them with, so that an example reads as the answer.
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
  sessionOn: '2026-05-12',
  cancellableUntil: '2026-05-13T09:41:07.000Z',
  cancelledAt: null,
  passUsableAgain: null,
  passUnusableReason: null,
};
/** The same, cancelled by the place (its pass usable again): a retry or the list shows it so. */
const cancelled = { ...redemption, cancelledAt: '2026-05-12T10:02:31.000Z', passUsableAgain: true };
/** Cancelled, then its pass redeemed again (here or at another place): a retry says why it is not free. */
const redeemedAgain = { ...cancelled, passUsableAgain: false, passUnusableReason: 'redeemed_again' };

/** A refusal as the server sends it (http/problem.ts sendProblem): extension members first. */
function problem(error: DomainError) {
  const { status, title } = PROBLEMS[error.code];
  return {
    summary: title,
    value: {
      ...error.extra,
      type: `about:blank#${error.code}`,
      title,
      status,
      code: error.code,
      detail: error.detail,
      errors: error.errors,
    },
  };
}
const refused = (code: Parameters<typeof refusal>[0], extra = {}) => problem(refusal(code, extra));
// A pass redeemed at the asking place (a double entry), and one redeemed at another place.
const redeemedAt = new Date(redemption.redeemedAt);
const byThisPlace = redeemedByWord(redeemedAt, { byThisPlace: true, redemptionId: redemption.id });
const elsewhere = redeemedByWord(redeemedAt, { byThisPlace: false, redemptionId: null });
const malformed = refused('malformed_code');
const guessing = problem(tooManyGuesses(600_000));

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
          byThisPlace: null,
          redemptionId: null,
          lateSessionsUntil: null,
          themes: [...STANDARD_SERVICES],
        },
      },
      already_redeemed: {
        summary: 'Déjà utilisé — already redeemed',
        value: {
          code: CODE,
          status: 'already_redeemed',
          message: elsewhere.message,
          faceValueCents: 1000,
          programName: redemption.programName,
          validFrom: '2026-03-01',
          validUntil: '2027-12-31',
          redeemedAt: redemption.redeemedAt,
          byThisPlace: false,
          redemptionId: null,
          lateSessionsUntil: null,
          themes: [...STANDARD_SERVICES],
        },
      },
      already_redeemed_here: {
        summary: 'Déjà encaissé par ce lieu — already redeemed by this place',
        value: {
          code: CODE,
          status: 'already_redeemed',
          message: byThisPlace.message,
          faceValueCents: 1000,
          programName: redemption.programName,
          validFrom: '2026-03-01',
          validUntil: '2027-12-31',
          redeemedAt: redemption.redeemedAt,
          byThisPlace: true,
          redemptionId: redemption.id,
          lateSessionsUntil: null,
          themes: [...STANDARD_SERVICES],
        },
      },
      expired_within_tolerance: {
        summary:
          'Expiré pour une séance d’aujourd’hui, une séance antérieure peut encore être enregistrée — expired for a session of today, an earlier one may still be recorded',
        value: {
          code: CODE,
          status: 'expired',
          message: lateSessionsMessage('2027-12-31', '2028-01-31'),
          faceValueCents: 1000,
          programName: redemption.programName,
          validFrom: '2026-03-01',
          validUntil: '2027-12-31',
          redeemedAt: null,
          byThisPlace: null,
          redemptionId: null,
          lateSessionsUntil: '2028-01-31',
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
      replayed_cancelled: {
        summary: 'Même nonce, encaissement annulé depuis — same nonce, cancelled since',
        value: cancelled,
      },
      replayed_cancelled_redeemed_again: {
        summary:
          'Même nonce, encaissement annulé puis pass encaissé de nouveau — same nonce, cancelled, pass redeemed again since',
        value: redeemedAgain,
      },
    },
    404: { unknown_code: refused('unknown_code') },
    409: {
      already_redeemed: problem(alreadyRedeemed(redeemedAt, elsewhere)),
      already_redeemed_here: {
        ...problem(alreadyRedeemed(redeemedAt, byThisPlace)),
        summary: 'Pass déjà encaissé par ce lieu — already redeemed by this place',
      },
      expired: refused('expired'),
      blocked: refused('blocked'),
      cancelled: refused('cancelled'),
      nonce_reused: problem(
        nonceReused({
          redemption_id: redemption.id,
          code: CODE.replaceAll('-', ''), // as stored: the answer shows it formatted
          redeemed_at: new Date(redemption.redeemedAt),
        }),
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
        value: cancelled,
      },
    },
    404: { not_found: problem(notFound('Encaissement')) },
    409: { cancel_window_closed: problem(cancelWindowClosed(24)) },
  },
};

export const LIST_EXAMPLES: OperationExamples = {
  responses: {
    200: {
      latest: {
        summary: 'Derniers encaissements — latest redemptions',
        // nextBefore is the last redemption's id: the next page has the older ones.
        value: {
          redemptions: [{ ...redemption, recordedBy: 'Clé API « Logiciel d’accueil »' }],
          nextBefore: 4812,
          total: 37,
        },
      },
    },
    404: { not_found: problem(notFound('Lieu')) },
  },
};
