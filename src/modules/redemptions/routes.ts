import type { FastifyRequest } from 'fastify';
import { REFUSALS } from '../../core/session.js';
import type { App, Deps } from '../../http/app.js';
import { api, CSV_ANSWER } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { PlaceParams } from '../places/schemas.js';
import { CANCEL_EXAMPLES, CHECK_EXAMPLES, LIST_EXAMPLES, REDEEM_EXAMPLES } from './examples.js';
import { GuessLimiter, isRateLimited } from './guess-limiter.js';
import {
  CancelledRedemption,
  CheckQuery,
  CodeParams,
  PassCheck,
  PlaceActivity,
  PlacePeriodQuery,
  RedeemBody,
  Redemption,
  RedemptionList,
  RedemptionListQuery,
  RedemptionParams,
} from './schemas.js';
import * as service from './service.js';

/** A session recorded on a later day (sessionOn), issue 12 point 8. */
const LATE_SESSION_REFUSALS = [
  'session_date_in_future',
  'session_after_usage_end',
  'late_session_period_over',
] as const;

/** What a redemption can be refused for: the pass's states, the nonce, the place. */
// not_found: a placeId that is not the key's place, or not one of the agent's places.
const REDEMPTION_REFUSALS = [
  ...REFUSALS,
  'nonce_reused',
  'not_found',
  'theme_not_offered',
  ...LATE_SESSION_REFUSALS,
] as const;

export function redemptionRoutes(app: App, { db, config }: Deps) {
  const limiter = new GuessLimiter(db, config.codeGuessLimit, config.codeGuessWindowMinutes * 60_000);
  const hours = config.redemptionCancelHours;

  function callerOf(req: FastifyRequest, placeId: string | undefined) {
    return req.apiKey
      ? service.callerFromKey(req.apiKey, placeId)
      : service.callerFromSession(actorOf(req), placeId);
  }

  /**
   * Runs a code lookup for a caller unless one of its sources is shut out; counts it if the
   * code matched nothing, once per code and place in a window. Every lookup counts against its
   * place: a place shares one allowance among all its keys and agents, so that making keys or
   * inviting agents does not multiply it. A key also counts alone, an agent at a desk also
   * counts against the agent; neither against the address it calls from: one vendor's server
   * redeems for many places, and places share a building's internet, so one place's typos
   * must not shut the others out. Bearers matching no key are limited per address before
   * anyone is known (places.authenticateKey); the public lookup of a code, per address.
   */
  function guarded<T>(req: FastifyRequest, caller: service.Caller, code: string, lookup: () => Promise<T>) {
    const own = req.apiKey ? `key:${req.apiKey.keyId}` : `user:${req.actor?.userId}`;
    const place = `place:${caller.placeId}`;
    return limiter.guard([place, own], lookup, `${place} ${code}`);
  }

  app.get(
    '/passes/:code',
    {
      config: { apiKey: true },
      schema: {
        ...api(
          'checkPass',
          "A pass's state for the place (with a session: give placeId; for a session given on an earlier day: sessionOn)",
          ['malformed_code', 'unknown_code', ...LATE_SESSION_REFUSALS],
          { examples: CHECK_EXAMPLES, roleChecked: false },
        ),
        tags: ['redemptions'],
        summary: 'État d’un pass pour le lieu (avec une session : préciser placeId)',
        params: CodeParams,
        querystring: CheckQuery,
        response: { 200: PassCheck },
      },
    },
    async (req) => {
      const caller = callerOf(req, req.query.placeId);
      const code = service.canonicalCode(req.params.code);
      return guarded(req, caller, code, () =>
        service.check(db, caller, req.params.code, undefined, req.query.sessionOn),
      );
    },
  );

  app.post(
    '/redemptions',
    {
      config: { apiKey: true },
      schema: {
        ...api(
          'redeemPass',
          'Redeem a pass (idempotent: the same nonce from the same place gets the first answer, nothing written)',
          REDEMPTION_REFUSALS,
          { examples: REDEEM_EXAMPLES, roleChecked: false },
        ),
        tags: ['redemptions'],
        summary:
          'Encaisser un pass (idempotent : le même nonce du même lieu rend la première réponse sans rien écrire)',
        body: RedeemBody,
        response: { 200: Redemption, 201: Redemption },
      },
    },
    async (req, reply) => {
      const caller = callerOf(req, req.body.placeId);
      const code = service.canonicalCode(req.body.code);
      const redeem = () => service.redeem(db, caller, req.body, hours);
      const result = await guarded(req, caller, code, redeem).catch(async (error: unknown) => {
        // The same redemption sent again is no guess: answered while the place waits.
        if (isRateLimited(error) && (await service.isRetry(db, caller, req.body))) return redeem();
        throw error;
      });
      return reply.code(result.replayed ? 200 : 201).send(result.redemption);
    },
  );

  app.post(
    '/redemptions/:redemptionId/cancel',
    {
      config: { apiKey: true },
      schema: {
        ...api(
          'cancelRedemption',
          "Cancel one of the place's redemptions, within the allowed time",
          ['cancel_window_closed'],
          { examples: CANCEL_EXAMPLES, roleChecked: false },
        ),
        tags: ['redemptions'],
        summary: 'Annuler un encaissement du lieu, dans le délai permis',
        params: RedemptionParams,
        response: { 200: CancelledRedemption },
      },
    },
    async (req) =>
      service.cancel(
        db,
        req.apiKey ? { caller: service.callerFromKey(req.apiKey, undefined) } : { actor: actorOf(req) },
        req.params.redemptionId,
        hours,
      ),
  );

  app.get(
    '/places/:placeId/redemptions',
    {
      config: { apiKey: true },
      schema: {
        ...api('listRedemptions', "A page of the place's redemptions, newest first", [], {
          examples: LIST_EXAMPLES,
          roleChecked: false,
        }),
        tags: ['redemptions'],
        summary: 'Encaissements du lieu, les plus récents d’abord, page par page',
        params: PlaceParams,
        querystring: RedemptionListQuery,
        response: { 200: RedemptionList },
      },
    },
    async (req) => service.listForPlace(db, callerOf(req, req.params.placeId), req.query, hours),
  );

  app.get(
    '/places/:placeId/redemptions.csv',
    {
      schema: {
        ...api(
          'exportPlaceSessions',
          "The place's sessions given in a period, cancelled ones too, with who recorded each, as one CSV file (codes masked)",
          [],
          { answer: CSV_ANSWER },
        ),
        tags: ['redemptions'],
        summary:
          'Les séances du lieu sur une période, annulées comprises, avec qui les a enregistrées, en un fichier CSV (codes masqués)',
        params: PlaceParams,
        querystring: PlacePeriodQuery,
      },
    },
    async (req, reply) => {
      const file = await service.sessionsCsv(db, actorOf(req), req.params.placeId, req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body);
    },
  );

  app.get(
    '/places/:placeId/activity',
    {
      schema: {
        ...api('getPlaceActivity', "The place's sessions of a period by theme and by who recorded them", []),
        tags: ['redemptions'],
        summary: 'Les séances du lieu sur une période, par thème et par médiateur (ou clé d’API)',
        params: PlaceParams,
        querystring: PlacePeriodQuery,
        response: { 200: PlaceActivity },
      },
    },
    async (req) => service.activity(db, actorOf(req), req.params.placeId, req.query),
  );
}
