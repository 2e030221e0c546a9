import type { App, Deps } from '../../http/app.js';
import { actorOf } from '../auth/guard.js';
import { FunderParams } from '../funders/schemas.js';
import { AuditPage, AuditQuery } from './schemas.js';
import * as service from './service.js';

export function auditRoutes(app: App, { db }: Deps) {
  app.get(
    '/funders/:funderId/audit',
    {
      schema: {
        tags: ['audit'],
        summary: "Journal d'audit du financeur, du plus récent au plus ancien",
        params: FunderParams,
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (req) => service.trail(db, actorOf(req), req.params.funderId, req.query.before, req.query.limit),
  );

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Journal de la plateforme (connexions, échecs, blocages, déconnexions, mots de passe), du plus récent au plus ancien',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (req) => service.platformTrail(db, actorOf(req), req.query.before, req.query.limit),
  );
}
