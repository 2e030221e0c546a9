import { z } from 'zod';
import type { App, Deps } from '../../http/app.js';
import { api } from '../../http/openapi.js';
import { perAccount } from '../../http/rate-windows.js';
import { actorOf } from '../auth/guard.js';
import { invitationSent } from '../auth/routes.js';
import * as safeguards from '../auth/safeguards.js';
import * as auth from '../auth/service.js';
import { FunderPlaceParams } from '../places/schemas.js';
import { PrescriberWithFigures } from '../prescribers/schemas.js';
import * as prescribers from '../prescribers/service.js';
import {
  CommuneQuery,
  CommuneResult,
  CreateFunderBody,
  CreateFunderResult,
  CreatePlaceBody,
  CreatePrescriberBody,
  Funder,
  FunderIdentityBody,
  FunderParams,
  FunderSettings,
  FunderSettingsBody,
  PlatformPlaceQuery,
  PlatformPlaces,
  Prescriber,
  RosterPlace,
  TerritoryMatch,
  TerritoryQuery,
} from './schemas.js';
import * as service from './service.js';

export function funderRoutes(app: App, { db, config }: Deps) {
  app.get(
    '/communes',
    {
      schema: {
        ...api('searchCommunes', 'Current communes by name or postcode, for forms'),
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
    '/territories',
    {
      // Public: the places' registration form searches communes before anyone signs in. The
      // data is public too (the official geography); the limit only keeps the search cheap.
      config: { auth: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
      schema: {
        ...api(
          'searchTerritories',
          'Territories (communes, EPCI, départements, regions) by name, postcode or number, for forms',
        ),
        tags: ['funders'],
        summary:
          'Territoires (communes, EPCI, départements, régions) par nom, code postal ou numéro de département, pour les formulaires',
        querystring: TerritoryQuery,
        response: { 200: z.array(TerritoryMatch) },
      },
    },
    async (req) => service.territories(req.query.q, req.query.levels, req.query.limit, req.query.within),
  );

  app.get(
    '/funders/:funderId/settings',
    {
      schema: {
        ...api(
          'getFunderSettings',
          'Funder settings: territory and bank account (IBAN masked except for its admins)',
        ),
        tags: ['funders'],
        summary:
          'Paramètres du financeur : territoire et compte bancaire (IBAN masqué sauf pour ses administrateurs)',
        params: FunderParams,
        response: { 200: FunderSettings },
      },
    },
    async (req) => service.settings(db, actorOf(req), req.params.funderId),
  );

  app.patch(
    '/funders/:funderId/settings',
    {
      schema: {
        ...api(
          'updateFunderSettings',
          'Change the funder’s territory or record a new version of its bank account (funder admin)',
          ['territory_leaves_envelopes'],
        ),
        tags: ['funders'],
        summary:
          'Changer le territoire du financeur ou enregistrer une nouvelle version de son compte bancaire (administrateur du financeur)',
        params: FunderParams,
        body: FunderSettingsBody,
        response: { 200: FunderSettings },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { funderId } = req.params;
      return service.updateSettings(
        db,
        actor,
        funderId,
        req.body,
        safeguards.toFunderAdmins(funderId, actor),
      );
    },
  );

  app.get(
    '/funders',
    {
      schema: {
        ...api('listFunders', 'Visible funders'),
        tags: ['funders'],
        summary: 'Financeurs visibles',
        response: { 200: z.array(Funder) },
      },
    },
    async (req) => service.list(db, actorOf(req)),
  );

  app.post(
    '/funders',
    {
      schema: {
        ...api('createFunder', 'Create a funder and invite its first admin (platform admin)', [
          'siret_taken',
          'funder_name_taken',
          'operator_account',
        ]),
        tags: ['funders'],
        summary: 'Créer un financeur et inviter son premier administrateur (administrateur de la plateforme)',
        body: CreateFunderBody,
        response: { 201: CreateFunderResult },
      },
    },
    async (req, reply) => {
      const { funder, ...sent } = await auth.createFunder(db, actorOf(req), req.body);
      return reply.code(201).send({ funder, ...invitationSent(config, sent) });
    },
  );

  app.patch(
    '/funders/:funderId',
    {
      schema: {
        ...api(
          'correctFunderIdentity',
          'Correct a funder’s name, kind or SIRET, with a reason (platform admin)',
          ['siret_taken', 'funder_name_taken'],
        ),
        tags: ['funders'],
        summary:
          'Corriger le nom, le type ou le SIRET d’un financeur, avec le motif (administrateur de la plateforme)',
        params: FunderParams,
        body: FunderIdentityBody,
        response: { 200: Funder },
      },
    },
    async (req) => service.correctIdentity(db, actorOf(req), req.params.funderId, req.body),
  );

  app.get(
    '/funders/:funderId/organisations',
    {
      schema: {
        ...api('listOrganisations', 'Prescribers and places of the funder'),
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
        ...api(
          'listPrescribers',
          'Prescribers of the funder, with their kind, commune, booklets held and handed out',
        ),
        tags: ['funders'],
        summary:
          'Prescripteurs du financeur, avec leur type, leur commune, les carnets qu’ils détiennent et ceux qu’ils ont remis',
        params: FunderParams,
        response: { 200: z.array(PrescriberWithFigures) },
      },
    },
    async (req) => prescribers.prescribersWithFigures(db, actorOf(req), req.params.funderId),
  );

  app.post(
    '/funders/:funderId/prescribers',
    {
      schema: {
        ...api('createPrescriber', 'Add a prescriber organisation to the funder (funder admin)', [
          'prescriber_name_taken',
          'siret_taken',
        ]),
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
        ...api(
          'addPlace',
          'Add a place the funder works with (funder admin); a place already on the platform (same SIRET and name) is shared',
          ['siret_taken', 'place_siret_differs', 'place_similar_exists'],
        ),
        tags: ['funders'],
        summary:
          'Ajouter un lieu de médiation avec lequel le financeur travaille (administrateur du financeur) ; un lieu déjà sur la plateforme (même SIRET, même nom, même commune) est partagé, pas copié. Il est ensuite qualifié dispositif par dispositif. Refusé (409) quand le SIRET est celui de lieux d’un autre nom ou d’une autre commune (place_siret_differs, sauf confirmOtherSite : un autre site de la même structure, créé avec ce SIRET), ou quand un lieu au nom proche existe dans la même commune (place_similar_exists, sauf confirmNewPlace) : le lieu nommé (`places`) s’ajoute par PUT /funders/{funderId}/places/{placeId}',
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

  app.put(
    '/funders/:funderId/places/:placeId',
    {
      schema: {
        ...api(
          'joinFunderPlaces',
          'Add a place already on the platform, chosen by name, to the funder’s places (funder admin)',
        ),
        tags: ['funders'],
        summary:
          'Ajouter aux lieux du financeur un lieu déjà sur la plateforme, choisi par son nom (administrateur du financeur) : il est partagé tel qu’il est ; l’ajouter à nouveau ne change rien',
        params: FunderPlaceParams,
        response: { 200: RosterPlace },
      },
    },
    async (req) => service.joinRoster(db, actorOf(req), req.params.funderId, req.params.placeId),
  );

  app.get(
    '/funders/:funderId/platform-places',
    {
      // Every place of the platform, read by name: limited per account, like a directory.
      config: { rateLimit: perAccount(120, '1 minute') },
      schema: {
        ...api(
          'searchPlatformPlaces',
          'Places already on the platform by name (name, commune, SIRET), for the funder’s admin choosing its places',
        ),
        tags: ['funders'],
        summary:
          'Lieux déjà sur la plateforme, par leur nom (accents et majuscules indifférents) : nom, commune et SIRET, pour l’administrateur du financeur qui choisit ses lieux ; ceux de son territoire d’abord',
        params: FunderParams,
        querystring: PlatformPlaceQuery,
        response: { 200: PlatformPlaces },
      },
    },
    async (req) => service.searchPlatformPlaces(db, actorOf(req), req.params.funderId, req.query.q),
  );
}
