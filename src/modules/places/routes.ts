import { z } from 'zod';
import type { App, Deps } from '../../http/app.js';
import { actorOf } from '../auth/guard.js';
import {
  ApiKey,
  CreatedKey,
  CreateKeyBody,
  KeyParams,
  PlaceParams,
  ProgramPlace,
  ProgramPlaceParams,
} from './schemas.js';
import * as service from './service.js';

export function placeRoutes(app: App, { db }: Deps) {
  app.get(
    '/places/:placeId/api-keys',
    {
      schema: {
        tags: ['places'],
        summary: "Clés d'API du lieu",
        params: PlaceParams,
        response: { 200: z.object({ keys: z.array(ApiKey) }) },
      },
    },
    async (req) => ({ keys: await service.listKeys(db, actorOf(req), req.params.placeId) }),
  );

  app.post(
    '/places/:placeId/api-keys',
    {
      schema: {
        tags: ['places'],
        summary: "Créer une clé d'API (la clé complète n'est montrée qu'une fois)",
        params: PlaceParams,
        body: CreateKeyBody,
        response: { 201: CreatedKey },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createKey(db, actorOf(req), req.params.placeId, req.body.label)),
  );

  app.post(
    '/places/:placeId/api-keys/:keyId/revoke',
    {
      schema: {
        tags: ['places'],
        summary: "Révoquer une clé d'API",
        params: KeyParams,
        response: { 200: ApiKey },
      },
    },
    async (req) => service.revokeKey(db, actorOf(req), req.params.placeId, req.params.keyId),
  );

  app.get(
    '/programs/:programId/places',
    {
      schema: {
        tags: ['places'],
        summary: 'Lieux qui acceptent les pass du dispositif',
        params: z.object({ programId: z.uuid() }),
        response: { 200: z.array(ProgramPlace) },
      },
    },
    async (req) => service.placesOfProgram(db, actorOf(req), req.params.programId),
  );

  app.put(
    '/programs/:programId/places/:placeId',
    {
      schema: {
        tags: ['places'],
        summary: 'Déclarer qu’un lieu accepte les pass du dispositif',
        params: ProgramPlaceParams,
        response: { 200: z.array(ProgramPlace) },
      },
    },
    async (req) => service.acceptProgram(db, actorOf(req), req.params.programId, req.params.placeId),
  );
}
