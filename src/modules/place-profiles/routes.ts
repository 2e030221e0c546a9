import { afterAnswerFor } from '../../http/after-answer.js';
import type { App, Deps } from '../../http/app.js';
import { api } from '../../http/openapi.js';
import { perAccount } from '../../http/rate-windows.js';
import { actorOf } from '../auth/guard.js';
import { setSessionCookie } from '../auth/routes.js';
import { PlaceParams } from '../places/schemas.js';
import {
  PlaceWithProfile,
  ProfileFields,
  PublicFunders,
  PublicFundersQuery,
  Registered,
  RegistrationBody,
  RegistrationConfirmBody,
  RegistrationPending,
  SiteBody,
} from './schemas.js';
import * as service from './service.js';

/** What the form answers when a link went to the admin's address, whoever owns it. */
const PENDING = {
  sentByEmail: true as const,
  message:
    'Nous venons d’écrire à cette adresse : ouvrez le lien du courriel pour confirmer l’inscription. Il est valable 24 heures. Sans ce lien, rien n’est créé. Si le formulaire est envoyé une nouvelle fois, seul le lien du dernier courriel fonctionnera.',
};

export function placeProfileRoutes(app: App, { db, config }: Deps) {
  const registrations = afterAnswerFor(db);
  app.get(
    '/public/funders',
    {
      config: { auth: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        ...api(
          'listPublicFunders',
          'Funders of the platform by name (place sign-up form); with `commune`, those whose territory holds it or that have none, the only ones a place of that commune may choose',
        ),
        tags: ['places'],
        summary:
          "Financeurs de la plateforme, par leur nom (formulaire d'inscription des lieux) ; avec `commune`, ceux dont le territoire la comprend, seuls choisis pour un lieu de cette commune",
        querystring: PublicFundersQuery,
        response: { 200: PublicFunders },
      },
    },
    async (req) => service.publicFunders(db, req.query.commune),
  );

  app.post(
    '/public/place-registrations',
    {
      // Each registration may create an account and a place: a handful per address and hour.
      config: { auth: 'public', rateLimit: { max: 10, timeWindow: '10 minutes' } },
      schema: {
        ...api(
          'registerPlace',
          'Sign up a place of digital mediation (national standard fields). With e-mail (SMTP_URL), nothing is created until the admin’s address is confirmed by the link sent to it (202, the same answer whether or not the address has an account); without, the place and its admin’s account are created at once, signed in (201)',
          ['place_exists', 'account_exists', 'siret_taken'],
        ),
        tags: ['places'],
        summary:
          'Inscrire un lieu de médiation numérique (champs du standard national) : avec le courriel, un lien de confirmation est envoyé à l’adresse de l’administrateur ; sans, le lieu et son compte sont créés aussitôt',
        body: RegistrationBody,
        response: { 201: Registered, 202: RegistrationPending },
      },
    },
    async (req, reply) => {
      if (config.smtpUrl) {
        await service.checkRegistration(db, req.body);
        // Answered before the account check: an address with an account would otherwise be
        // answered later (or sooner) than one without.
        const { body } = req;
        registrations.start(req.log, 'place registration', () => service.recordRegistration(db, body));
        return reply.code(202).send(PENDING);
      }
      const { token, session } = await service.register(db, req.body, {
        ttlHours: config.sessionTtlHours,
        address: req.ip,
      });
      setSessionCookie(reply, config, token);
      return reply.code(201).send(session);
    },
  );

  app.post(
    '/public/place-registrations/confirm',
    {
      config: { auth: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        ...api(
          'confirmPlaceRegistration',
          'Confirm a place’s registration with the link e-mailed to its admin: the place and the account are created, signed in',
          ['registration_link_invalid', 'link_incomplete', 'place_exists', 'account_exists'],
        ),
        tags: ['places'],
        summary:
          'Confirmer l’inscription d’un lieu avec le lien reçu par courriel : le lieu et le compte de son administrateur sont créés, connecté',
        body: RegistrationConfirmBody,
        response: { 201: Registered },
      },
    },
    async (req, reply) => {
      const { token, session } = await service.confirmRegistration(db, req.body, {
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

  app.post(
    '/places/:placeId/sites',
    {
      // Each site is a place on the list of every funder chosen: as many as a registration
      // makes per address (25 sites were added in 5 seconds), counted per account.
      config: { rateLimit: perAccount(10, '10 minutes') },
      schema: {
        ...api(
          'addPlaceSite',
          'Add another site of the place’s structure, under its SIRET (the place’s admin, who becomes the new site’s admin): described as a registration describes a place, it joins the roster of each funder chosen, a candidate to qualify. Refused (409) when a site of the SIRET bears the same name (site_name_taken) or the place has no SIRET (place_without_siret)',
          ['site_name_taken', 'place_without_siret'],
        ),
        tags: ['places'],
        summary:
          'Ajouter un autre site de la structure du lieu, sous son SIRET (son administrateur, qui devient celui du nouveau site) : décrit comme à l’inscription, il rejoint les lieux de chaque financeur choisi, candidat à la qualification',
        params: PlaceParams,
        body: SiteBody,
        response: { 201: PlaceWithProfile },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.addSite(db, actorOf(req), req.params.placeId, req.body)),
  );
}
