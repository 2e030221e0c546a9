import type { App, Deps } from '../../http/app.js';
import { api } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { MessageParams, MessageText, OutboxPage, OutboxQuery, Resent } from './schemas.js';
import * as service from './service.js';

export function notificationRoutes(app: App, { db, config }: Deps) {
  app.get(
    '/admin/messages',
    {
      schema: {
        ...api('listMessages', 'The outbox of e-mails (platform admins)', []),
        tags: ['notifications'],
        summary:
          'Messages électroniques de la plateforme (administrateurs de la plateforme) : en attente, envoyés, et en échec à part',
        querystring: OutboxQuery,
        response: { 200: OutboxPage },
      },
    },
    async (req) => {
      const page = await service.list(db, actorOf(req), req.query);
      return { smtpConfigured: Boolean(config.smtpUrl), ...page };
    },
  );

  app.get(
    '/admin/messages/:messageId',
    {
      schema: {
        ...api(
          'readMessage',
          'One message as its recipient reads it, its one-time link masked (platform admins)',
        ),
        tags: ['notifications'],
        summary:
          'Lire un message tel que son destinataire le reçoit, son lien personnel masqué (administrateurs de la plateforme)',
        params: MessageParams,
        response: { 200: MessageText },
      },
    },
    async (req) => service.read(db, actorOf(req), req.params.messageId, config.publicUrl),
  );

  app.post(
    '/admin/messages/:messageId/resend',
    {
      schema: {
        ...api('resendMessage', 'Send a failed message again (platform admins)', [
          'message_not_failed',
          'message_withdrawn',
        ]),
        tags: ['notifications'],
        summary: 'Renvoyer un message en échec (administrateurs de la plateforme)',
        params: MessageParams,
        response: { 200: Resent },
      },
    },
    async (req) => service.requeue(db, actorOf(req), req.params.messageId),
  );
}
