import type { App, Deps } from '../../http/app.js';
import { actorOf } from '../auth/guard.js';
import {
  HandedOutList,
  HandOutBody,
  HandOutResult,
  OrganisationParams,
  ReplacementBody,
  ReplacementResult,
} from './schemas.js';
import { handedOutBy, handOut, replace } from './service.js';

export function handOutRoutes(app: App, { db }: Deps) {
  app.post(
    '/organisations/:organisationId/hand-outs',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: 'Remettre un carnet du stock à un bénéficiaire',
        params: OrganisationParams,
        body: HandOutBody,
        response: { 201: HandOutResult },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await handOut(db, actorOf(req), req.params.organisationId, req.body)),
  );

  app.get(
    '/organisations/:organisationId/handed-out',
    {
      schema: {
        tags: ['beneficiaries'],
        summary:
          'Carnets remis par un prescripteur (numéro, date, initiales, passes utilisés), du plus récent au plus ancien',
        params: OrganisationParams,
        response: { 200: HandedOutList },
      },
    },
    async (req) => handedOutBy(db, actorOf(req), req.params.organisationId),
  );

  app.post(
    '/organisations/:organisationId/replacements',
    {
      schema: {
        tags: ['beneficiaries'],
        summary: 'Remettre un carnet de remplacement au titulaire d’un carnet bloqué',
        params: OrganisationParams,
        body: ReplacementBody,
        response: { 201: ReplacementResult },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await replace(db, actorOf(req), req.params.organisationId, req.body)),
  );
}
