import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { App, Deps } from '../../http/app.js';
import { FunderParams } from '../funders/schemas.js';
import { actorOf, SESSION_COOKIE } from './guard.js';
import {
  AcceptBody,
  InvitationBody,
  InvitationToken,
  InvitationView,
  LoginBody,
  Session,
} from './schemas.js';
import * as service from './service.js';

export const invitationUrl = (config: Config, token: string) => `${config.publicUrl}/invitation/${token}`;

export function setSessionCookie(reply: FastifyReply, config: Config, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    maxAge: config.sessionTtlHours * 3600,
  });
}

export function authRoutes(app: App, { db, config }: Deps) {
  app.post(
    '/auth/login',
    {
      config: { auth: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Se connecter', body: LoginBody, response: { 200: Session } },
    },
    async (req, reply) => {
      const { token, session } = await service.login(
        db,
        req.body.email,
        req.body.password,
        config.sessionTtlHours,
      );
      setSessionCookie(reply, config, token);
      return session;
    },
  );

  app.post(
    '/auth/logout',
    { config: { auth: 'public' }, schema: { tags: ['auth'], summary: 'Se déconnecter' } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token && req.actor && req.headers['x-csrf-token'] === req.session?.csrfToken)
        await service.logout(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'Session en cours', response: { 200: Session } } },
    async (req) => {
      actorOf(req);
      return req.session!;
    },
  );

  app.post(
    '/funders/:funderId/invitations',
    {
      schema: {
        tags: ['auth'],
        summary: 'Inviter un utilisateur chez un financeur',
        params: FunderParams,
        body: InvitationBody,
        response: { 201: z.object({ invitationUrl: z.string() }) },
      },
    },
    async (req, reply) => {
      const { token } = await db.transaction((tx) =>
        service.invite(tx, actorOf(req), { ...req.body, funderId: req.params.funderId }),
      );
      return reply.code(201).send({ invitationUrl: invitationUrl(config, token) });
    },
  );

  app.get(
    '/invitations/:token',
    {
      config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Lire une invitation',
        params: InvitationToken,
        response: { 200: InvitationView },
      },
    },
    async (req) => service.getInvitation(db, req.params.token),
  );

  app.post(
    '/invitations/:token/accept',
    {
      config: { auth: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Accepter une invitation',
        params: InvitationToken,
        body: AcceptBody,
        response: { 200: Session },
      },
    },
    async (req, reply) => {
      const { token, session } = await service.acceptInvitation(
        db,
        req.params.token,
        req.body,
        config.sessionTtlHours,
      );
      setSessionCookie(reply, config, token);
      return session;
    },
  );
}
