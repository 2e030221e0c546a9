import type { App, Deps } from '../../http/app.js';
import { api } from '../../http/openapi.js';
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
        ...api('handOutBooklet', 'Hand out a booklet of the stock to a beneficiary', [
          'audience_age_mismatch',
          'commune_outside_territory',
          'beneficiary_allowance_reached',
          'beneficiary_possible_duplicate',
          'booklet_not_held',
          'booklet_not_in_stock',
          'booklet_not_funded',
          'program_status_forbids',
        ]),
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
        ...api(
          'listHandedOut',
          'Booklets a prescriber handed out (serial, date, initials, passes used), latest first',
        ),
        tags: ['beneficiaries'],
        summary:
          'Carnets remis par un prescripteur (numéro, date, initiales, pass utilisés), du plus récent au plus ancien',
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
        ...api('replaceBooklet', 'Hand a replacement booklet to the holder of a blocked booklet', [
          'booklet_already_replaced',
          'booklet_not_blocked',
          'replacement_exceeds_loss',
          'booklet_not_held',
          'booklet_not_in_stock',
          'booklet_not_funded',
        ]),
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
