import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import type { App, Deps } from '../../http/app.js';
import { actorOf } from '../auth/guard.js';
import { PlaceParams } from '../places/schemas.js';
import { GuessLimiter } from './guess-limiter.js';
import {
  CodeParams,
  PassCheck,
  PlaceQuery,
  RedeemBody,
  Redemption,
  RedemptionList,
  RedemptionParams,
} from './schemas.js';
import * as service from './service.js';

export function redemptionRoutes(app: App, { db, config }: Deps) {
  const limiter = new GuessLimiter(db, config.codeGuessLimit, config.codeGuessWindowMinutes * 60_000);
  const hours = config.redemptionCancelHours;

  function callerOf(req: FastifyRequest, placeId: string | undefined) {
    return req.apiKey
      ? service.callerFromKey(req.apiKey, placeId)
      : service.callerFromSession(actorOf(req), placeId);
  }

  /** Runs a code lookup unless its source is shut out; counts it if the code matched nothing. */
  async function guarded<T>(req: FastifyRequest, reply: FastifyReply, lookup: () => Promise<T>) {
    const sources = [`ip:${req.ip}`, req.apiKey ? `key:${req.apiKey.keyId}` : `user:${req.actor?.userId}`];
    const wait = limiter.retryAfterMs(sources);
    if (wait > 0) {
      reply.header('retry-after', Math.ceil(wait / 1000));
      throw new DomainError(
        429,
        'rate_limited',
        'Trop de codes inconnus ont été saisis : patientez quelques minutes avant de réessayer.',
      );
    }
    try {
      return await lookup();
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unknown_code') {
        // The answer stays the refusal: a count that could not be kept is logged, not told.
        await limiter.fail(sources).catch((err) => req.log.error({ err }, 'code guess count failed'));
      }
      throw error;
    }
  }

  app.get(
    '/passes/:code',
    {
      config: { apiKey: true },
      schema: {
        tags: ['redemptions'],
        summary: 'État d’un pass pour le lieu (avec une session : préciser placeId)',
        params: CodeParams,
        querystring: PlaceQuery,
        response: { 200: PassCheck },
      },
    },
    async (req, reply) =>
      guarded(req, reply, () => service.check(db, callerOf(req, req.query.placeId), req.params.code)),
  );

  app.post(
    '/redemptions',
    {
      config: { apiKey: true },
      schema: {
        tags: ['redemptions'],
        summary:
          'Encaisser un pass (idempotent : le même nonce du même lieu rend la première réponse sans rien écrire)',
        body: RedeemBody,
        response: { 200: Redemption, 201: Redemption },
      },
    },
    async (req, reply) => {
      const result = await guarded(req, reply, () =>
        service.redeem(db, callerOf(req, req.body.placeId), req.body, hours),
      );
      return reply.code(result.replayed ? 200 : 201).send(result.redemption);
    },
  );

  app.post(
    '/redemptions/:redemptionId/cancel',
    {
      config: { apiKey: true },
      schema: {
        tags: ['redemptions'],
        summary: 'Annuler un encaissement du lieu, dans le délai permis',
        params: RedemptionParams,
        response: { 200: Redemption },
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
      schema: {
        tags: ['redemptions'],
        summary: 'Derniers encaissements du lieu',
        params: PlaceParams,
        response: { 200: RedemptionList },
      },
    },
    async (req) => ({
      redemptions: await service.listForPlace(db, actorOf(req), req.params.placeId, hours),
    }),
  );
}
