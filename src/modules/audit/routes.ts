import type { App, Deps } from '../../http/app.js';
import { api, CSV_ANSWER } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { FunderParams } from '../funders/schemas.js';
import { integrity } from './integrity.js';
import { AuditFilters, AuditIntegrity, AuditPage, AuditQuery } from './schemas.js';
import * as service from './service.js';

const CSV_TYPE = 'text/csv; charset=utf-8';
const attachment = (name: string) => `attachment; filename="${name}"`;

export function auditRoutes(app: App, { db }: Deps) {
  app.get(
    '/funders/:funderId/audit',
    {
      schema: {
        ...api(
          'listFunderAudit',
          'The funder’s audit trail, latest first, filtered by person (author or account concerned), action and dates',
        ),
        tags: ['audit'],
        summary:
          "Journal d'audit du financeur, du plus récent au plus ancien, filtré par personne (auteur ou compte concerné), action et dates",
        params: FunderParams,
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (req) => service.trail(db, actorOf(req), req.params.funderId, req.query),
  );

  app.get(
    '/funders/:funderId/audit/integrity',
    {
      schema: {
        ...api(
          'checkAuditIntegrity',
          'Check the whole audit chain (hashes, seal signatures); the last seal and the public key to keep elsewhere',
        ),
        tags: ['audit'],
        summary:
          'Vérifier toute la chaîne du journal (empreintes, signatures des sceaux) ; le dernier sceau et la clé publique, à conserver ailleurs',
        params: FunderParams,
        response: { 200: AuditIntegrity },
      },
    },
    async (req) => integrity(db, actorOf(req), req.params.funderId),
  );

  app.get(
    '/funders/:funderId/audit.csv',
    {
      schema: {
        ...api(
          'exportFunderAudit',
          'The funder’s filtered audit trail as CSV for a spreadsheet (UTF-8, “;”)',
          [],
          { answer: CSV_ANSWER },
        ),
        tags: ['audit'],
        summary: "Journal d'audit du financeur filtré, en CSV pour un tableur (UTF-8, séparateur « ; »)",
        params: FunderParams,
        querystring: AuditFilters,
      },
    },
    async (req, reply) => {
      const body = await service.trailCsv(db, actorOf(req), req.params.funderId, req.query);
      return reply.type(CSV_TYPE).header('content-disposition', attachment('journal.csv')).send(body);
    },
  );

  app.get(
    '/audit',
    {
      schema: {
        ...api(
          'listPlatformAudit',
          'The platform’s trail, of no funder: account events, helpdesk look-ups, API keys, places on no roster; latest first',
        ),
        tags: ['audit'],
        summary:
          'Journal de la plateforme, hors financeurs : comptes, consultations de l’assistance, clés d’API, lieux sur aucune liste ; du plus récent au plus ancien',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (req) => service.platformTrail(db, actorOf(req), req.query),
  );

  app.get(
    '/audit.csv',
    {
      schema: {
        ...api(
          'exportPlatformAudit',
          'The platform’s filtered trail as CSV for a spreadsheet (UTF-8, “;”)',
          [],
          { answer: CSV_ANSWER },
        ),
        tags: ['audit'],
        summary: 'Journal de la plateforme filtré, en CSV pour un tableur (UTF-8, séparateur « ; »)',
        querystring: AuditFilters,
      },
    },
    async (req, reply) => {
      const body = await service.platformTrailCsv(db, actorOf(req), req.query);
      return reply
        .type(CSV_TYPE)
        .header('content-disposition', attachment('journal-plateforme.csv'))
        .send(body);
    },
  );
}
