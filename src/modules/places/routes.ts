import { z } from 'zod';
import type { App, Deps } from '../../http/app.js';
import { api } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import {
  ApiKey,
  CreatedKey,
  CreateKeyBody,
  Decision,
  DecisionBody,
  FunderParams,
  FunderPlace,
  FunderPlaceParams,
  KeyParams,
  KeyUsage,
  LeaveBody,
  PlaceDecision,
  PlaceParams,
  PlaceProgram,
  PlaceProgramParams,
  ProgramPlace,
  ProgramPlaceParams,
  RosterEntry,
} from './schemas.js';
import * as service from './service.js';
import { recorderFor } from './usage.js';

export function placeRoutes(app: App, { db }: Deps) {
  app.get(
    '/places/:placeId/api-keys',
    {
      schema: {
        ...api('listApiKeys', 'The place’s API keys, with their use'),
        tags: ['places'],
        summary: "Clés d'API du lieu",
        params: PlaceParams,
        response: { 200: z.object({ keys: z.array(ApiKey) }) },
      },
    },
    async (req) => ({ keys: await service.listKeys(db, actorOf(req), req.params.placeId) }),
  );

  app.get(
    '/places/:placeId/api-keys/usage',
    {
      schema: {
        ...api(
          'getApiKeyUsage',
          "Calls of the place's API keys per day over two weeks, and their last refusals (the place's admin)",
        ),
        tags: ['places'],
        summary:
          "Appels des clés d'API du lieu : par jour sur deux semaines, et leurs derniers refus (administrateur du lieu)",
        params: PlaceParams,
        response: { 200: KeyUsage },
      },
    },
    async (req) => {
      // What this server counted and has not written yet (the service cannot flush it itself:
      // the recorder looks keys up through the service).
      await recorderFor(db).flush();
      return service.keyUsage(db, actorOf(req), req.params.placeId);
    },
  );

  app.post(
    '/places/:placeId/api-keys',
    {
      schema: {
        ...api('createApiKey', 'Create an API key (the whole key is shown only once)', [
          'api_key_label_taken',
        ]),
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
        ...api('revokeApiKey', 'Revoke an API key'),
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
        ...api('listProgramPlaces', 'Places that take the programme’s passes'),
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
        ...api('acceptPlace', 'Declare that a place takes the programme’s passes', [
          'qualification_incomplete',
          'invalid_decision',
          'program_closed_to_applications',
        ]),
        tags: ['places'],
        summary: 'Déclarer qu’un lieu accepte les pass du dispositif',
        params: ProgramPlaceParams,
        response: { 200: z.array(ProgramPlace) },
      },
    },
    async (req) => service.acceptProgram(db, actorOf(req), req.params.programId, req.params.placeId),
  );

  app.post(
    '/programs/:programId/places/:placeId/decisions',
    {
      schema: {
        ...api(
          'decideQualification',
          'Decide on a place’s qualification for the programme: approve, refuse, suspend, restore, withdraw',
          [
            'invalid_decision',
            'qualification_incomplete',
            'no_application_to_refuse',
            'place_left_program',
            'program_closed_to_applications',
          ],
        ),
        tags: ['places'],
        summary:
          "Décider de la qualification d'un lieu pour le dispositif : approuver, refuser, suspendre, rétablir, retirer (motif obligatoire sauf pour approuver)",
        params: ProgramPlaceParams,
        body: DecisionBody,
        response: { 201: Decision },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.decide(db, actorOf(req), req.params.programId, req.params.placeId, req.body)),
  );

  app.get(
    '/funders/:funderId/places/:placeId',
    {
      schema: {
        ...api('getFunderPlace', 'A place as the funder sees it: its programmes and decision history'),
        tags: ['places'],
        summary: 'Un lieu vu par le financeur : ses dispositifs et l’historique de ses décisions',
        params: FunderPlaceParams,
        response: { 200: FunderPlace },
      },
    },
    async (req) => service.placeForFunder(db, actorOf(req), req.params.funderId, req.params.placeId),
  );

  app.get(
    '/funders/:funderId/places',
    {
      schema: {
        ...api(
          'listFunderPlaces',
          'The funder’s places, with sharing, qualification per programme and last application score',
        ),
        tags: ['places'],
        summary:
          'Les lieux du financeur : pour chacun, s’il est partagé avec un autre financeur, sa qualification par dispositif et le score de sa dernière candidature',
        params: FunderParams,
        response: { 200: z.array(RosterEntry) },
      },
    },
    async (req) => service.rosterOf(db, actorOf(req), req.params.funderId),
  );

  app.get(
    '/places/:placeId/programs',
    {
      schema: {
        ...api('listPlacePrograms', 'Programmes, of every funder, whose passes the place redeems'),
        tags: ['places'],
        summary: 'Dispositifs, de tous les financeurs, dont le lieu encaisse les pass',
        params: PlaceParams,
        response: { 200: z.array(PlaceProgram) },
      },
    },
    async (req) => service.programsOfPlace(db, actorOf(req), req.params.placeId),
  );

  app.post(
    '/places/:placeId/programs/:programId/leave',
    {
      schema: {
        ...api(
          'leaveProgram',
          'The place stops taking the programme’s passes, of its own accord, with a reason (its admin)',
          ['invalid_decision'],
        ),
        tags: ['places'],
        summary:
          'Le lieu cesse de prendre les pass du dispositif, à sa demande, avec un motif (administrateur du lieu) ; ses séances enregistrées restent dues',
        params: PlaceProgramParams,
        body: LeaveBody,
        response: { 201: Decision },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.leaveProgram(db, actorOf(req), req.params.placeId, req.params.programId, req.body),
        ),
  );

  app.get(
    '/places/:placeId/decisions',
    {
      schema: {
        ...api('listPlaceDecisions', 'History of the funders’ decisions on the place'),
        tags: ['places'],
        summary: 'Historique des décisions des financeurs sur le lieu',
        params: PlaceParams,
        response: { 200: z.array(PlaceDecision) },
      },
    },
    async (req) => service.decisionsOfPlace(db, actorOf(req), req.params.placeId),
  );
}
