import type { App, Deps } from '../../http/app.js';
import { actorOf } from '../auth/guard.js';
import {
  HandOutBody,
  HandOutResult,
  OrganisationParams,
  ReplacementBody,
  ReplacementResult,
} from './schemas.js';
import { handOut, replace } from './service.js';

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
