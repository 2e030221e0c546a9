import { z } from 'zod';
import type { App, Deps } from '../../http/app.js';
import { actorOf } from '../auth/guard.js';
import { invitationUrl } from '../auth/routes.js';
import * as auth from '../auth/service.js';
import {
  CommuneQuery,
  CommuneResult,
  CreateFunderBody,
  CreateFunderResult,
  CreatePlaceBody,
  CreatePrescriberBody,
  Funder,
  FunderParams,
  Prescriber,
  RosterPlace,
} from './schemas.js';
import * as service from './service.js';

export function funderRoutes(app: App, { db, config }: Deps) {
  app.get(
    '/communes',
    {
      // Public data, searched by the public directory's visitors too; limited per address.
      config: { auth: 'public', rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: {
        tags: ['funders'],
        summary:
          'Communes actuelles (code officiel géographique) par nom ou code postal, pour les formulaires',
        querystring: CommuneQuery,
        response: { 200: z.array(CommuneResult) },
      },
    },
    async (req) => service.communes(req.query.q),
  );

  app.get(
    '/funders',
    { schema: { tags: ['funders'], summary: 'Financeurs visibles', response: { 200: z.array(Funder) } } },
    async (req) => service.list(db, actorOf(req)),
  );

  app.post(
    '/funders',
    {
      schema: {
        tags: ['funders'],
        summary: 'Créer un financeur et inviter son premier administrateur (administrateur de la plateforme)',
        body: CreateFunderBody,
        response: { 201: CreateFunderResult },
      },
    },
    async (req, reply) => {
      const { funder, token } = await auth.createFunder(db, actorOf(req), req.body);
      return reply.code(201).send({ funder, invitationUrl: invitationUrl(config, token) });
    },
  );

  app.get(
    '/funders/:funderId/organisations',
    {
      schema: {
        tags: ['funders'],
        summary: 'Prescripteurs et lieux du financeur',
        params: FunderParams,
        querystring: z.object({ kind: z.enum(['prescriber', 'place']).optional() }),
        response: {
          200: z.array(
            z.object({
              id: z.uuid(),
              kind: z.string(),
              name: z.string(),
              communeCode: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (req) => service.organisationsOf(db, actorOf(req), req.params.funderId, req.query.kind),
  );

  app.get(
    '/funders/:funderId/prescribers',
    {
      schema: {
        tags: ['funders'],
        summary: 'Prescripteurs du financeur, avec leur type et leur commune',
        params: FunderParams,
        response: { 200: z.array(Prescriber) },
      },
    },
    async (req) => service.prescribersOf(db, actorOf(req), req.params.funderId),
  );

  app.post(
    '/funders/:funderId/prescribers',
    {
      schema: {
        tags: ['funders'],
        summary:
          'Ajouter une structure prescriptrice au financeur (administrateur du financeur) ; ses agents sont ensuite invités par POST /funders/{funderId}/invitations',
        params: FunderParams,
        body: CreatePrescriberBody,
        response: { 201: Prescriber },
      },
    },
    async (req, reply) => {
      const prescriber = await service.createPrescriber(db, actorOf(req), req.params.funderId, req.body);
      return reply.code(201).send(prescriber);
    },
  );

  app.post(
    '/funders/:funderId/places',
    {
      schema: {
        tags: ['funders'],
        summary:
          'Ajouter un lieu de médiation avec lequel le financeur travaille (administrateur du financeur) ; un lieu déjà sur la plateforme (même SIRET) est partagé, pas copié. Il est ensuite qualifié dispositif par dispositif',
        params: FunderParams,
        body: CreatePlaceBody,
        response: { 201: RosterPlace },
      },
    },
    async (req, reply) => {
      const place = await service.createPlace(db, actorOf(req), req.params.funderId, req.body);
      return reply.code(201).send(place);
    },
  );
}
