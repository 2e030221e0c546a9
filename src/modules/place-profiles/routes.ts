import type { App, Deps } from '../../http/app.js';
import { api } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { setSessionCookie } from '../auth/routes.js';
import { PlaceParams } from '../places/schemas.js';
import { PlaceWithProfile, ProfileFields, PublicFunders, Registered, RegistrationBody } from './schemas.js';
import * as service from './service.js';

export function placeProfileRoutes(app: App, { db, config }: Deps) {
  app.get(
    '/public/funders',
    {
      config: { auth: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        ...api('listPublicFunders', 'Funders of the platform by name (place sign-up form)'),
        tags: ['places'],
        summary: "Financeurs de la plateforme, par leur nom (formulaire d'inscription des lieux)",
        response: { 200: PublicFunders },
      },
    },
    async () => service.publicFunders(db),
  );

  app.post(
    '/public/place-registrations',
    {
      // Each registration creates an account and a place: a handful per address and hour.
      config: { auth: 'public', rateLimit: { max: 10, timeWindow: '10 minutes' } },
      schema: {
        ...api(
          'registerPlace',
          'Sign up a place of digital mediation (national standard fields) and create its admin’s account, signed in',
          ['place_exists', 'account_exists', 'siret_taken'],
        ),
        tags: ['places'],
        summary:
          'Inscrire un lieu de médiation numérique (champs du standard national) et créer le compte de son administrateur, connecté',
        body: RegistrationBody,
        response: { 201: Registered },
      },
    },
    async (req, reply) => {
      const { token, session } = await service.register(db, req.body, {
        ttlHours: config.sessionTtlHours,
        address: req.ip,
      });
      setSessionCookie(reply, config, token);
      return reply.code(201).send(session);
    },
  );

  app.get(
    '/places/:placeId/profile',
    {
      schema: {
        ...api('getPlaceProfile', 'The place’s profile (national standard): name, commune, description'),
        tags: ['places'],
        summary: 'Fiche du lieu (standard national) : son nom, sa commune et sa description',
        params: PlaceParams,
        response: { 200: PlaceWithProfile },
      },
    },
    async (req) => service.profileOf(db, actorOf(req), req.params.placeId),
  );

  app.put(
    '/places/:placeId/profile',
    {
      schema: {
        ...api(
          'updatePlaceProfile',
          'Change the place’s profile (its admin); each change is in the audit trail',
        ),
        tags: ['places'],
        summary: 'Modifier la fiche du lieu (son administrateur) ; chaque modification est journalisée',
        params: PlaceParams,
        body: ProfileFields,
        response: { 200: PlaceWithProfile },
      },
    },
    async (req) => service.updateProfile(db, actorOf(req), req.params.placeId, req.body),
  );
}
