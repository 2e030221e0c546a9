import type { App, Deps } from '../../http/app.js';
import { api, CSV_ANSWER } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { FunderParams } from '../funders/schemas.js';
import { PlaceParams } from '../places/schemas.js';
import { interruptLocalRuns } from './checks.js';
import { integrity, integrityCheck, latestIntegrityChecks, startIntegrityCheck } from './integrity.js';
import {
  AuditFilters,
  AuditIntegrity,
  AuditIntegrityCheck,
  AuditIntegrityChecks,
  AuditPage,
  AuditQuery,
  IntegrityCheckParams,
  PlaceJournalFilters,
  PlaceJournalPage,
  PlaceJournalQuery,
} from './schemas.js';
import * as service from './service.js';

const CSV_TYPE = 'text/csv; charset=utf-8';
/** RFC 9745's date of the deprecation of `checkAuditIntegrity` (API 1.31.0): an epoch second. */
const DEPRECATED_SINCE = '@1796428800';
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

  const logFailure = (e: unknown) => app.log.error({ err: e }, 'audit integrity check failed');
  app.addHook('onClose', () => interruptLocalRuns(db).catch(logFailure));

  app.get(
    '/funders/:funderId/audit/integrity',
    {
      schema: {
        ...api(
          'checkAuditIntegrity',
          'Deprecated since 1.31.0, use startAuditIntegrityCheck then getAuditIntegrityCheck: check the whole audit chain (hashes, seal signatures) and wait for the answer, which may outlast a proxy’s timeout on millions of entries; the last seal and the public key to keep elsewhere',
          ['integrity_check_failed'],
        ),
        deprecated: true,
        tags: ['audit'],
        summary:
          'Obsolète depuis 1.31.0, remplacée par startAuditIntegrityCheck puis getAuditIntegrityCheck : vérifier toute la chaîne du journal (empreintes, signatures des sceaux) en attendant la réponse ; le dernier sceau et la clé publique, à conserver ailleurs',
        params: FunderParams,
        response: { 200: AuditIntegrity },
      },
    },
    async (req, reply) => {
      const answer = await integrity(db, actorOf(req), req.params.funderId, logFailure);
      // RFC 9745: deprecated since this release (docs/api.md, « Versions and deprecation »).
      return reply.header('deprecation', DEPRECATED_SINCE).send(answer);
    },
  );

  app.post(
    '/funders/:funderId/audit/integrity',
    {
      schema: {
        ...api(
          'startAuditIntegrityCheck',
          'Start a check of the whole audit chain in the background, or join the one in progress (one at a time for the platform); follow it with getAuditIntegrityCheck',
        ),
        tags: ['audit'],
        summary:
          'Lancer la vérification de toute la chaîne du journal en arrière-plan, ou rejoindre celle en cours (une à la fois pour la plateforme) ; la suivre ensuite',
        params: FunderParams,
        response: { 202: AuditIntegrityCheck },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await startIntegrityCheck(db, actorOf(req), req.params.funderId, logFailure)),
  );

  app.get(
    '/funders/:funderId/audit/integrity/latest',
    {
      schema: {
        ...api(
          'latestAuditIntegrityChecks',
          'The integrity check in progress, if any, and the last one that ended, whoever started them',
        ),
        tags: ['audit'],
        summary:
          'La vérification d’intégrité en cours, s’il y en a une, et la dernière terminée, quel que soit qui les a lancées',
        params: FunderParams,
        response: { 200: AuditIntegrityChecks },
      },
    },
    async (req) => latestIntegrityChecks(db, actorOf(req), req.params.funderId),
  );

  app.get(
    '/funders/:funderId/audit/integrity/:checkId',
    {
      schema: {
        ...api(
          'getAuditIntegrityCheck',
          'An integrity check: its progress while it runs, then what it found, with the last seal and the public key to keep elsewhere',
        ),
        tags: ['audit'],
        summary:
          'Une vérification d’intégrité : son avancement tant qu’elle tourne, puis ce qu’elle a trouvé, avec le dernier sceau et la clé publique à conserver ailleurs',
        params: IntegrityCheckParams,
        response: { 200: AuditIntegrityCheck },
      },
    },
    async (req) => integrityCheck(db, actorOf(req), req.params.funderId, req.params.checkId),
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

  app.get(
    '/places/:placeId/journal',
    {
      schema: {
        ...api(
          'listPlaceJournal',
          'The place’s journal for its admin: who recorded or cancelled sessions, changed its team, keys, profile or bank account, applied or contested a statement; latest first, by page, filtered by action and dates',
        ),
        tags: ['places'],
        summary:
          'Journal du lieu pour son administrateur : qui a enregistré ou annulé des séances, changé l’équipe, les clés, la fiche ou le compte bancaire, candidaté ou contesté un relevé ; du plus récent au plus ancien, par page, filtré par action et dates',
        params: PlaceParams,
        querystring: PlaceJournalQuery,
        response: { 200: PlaceJournalPage },
      },
    },
    async (req) => service.placeTrail(db, actorOf(req), req.params.placeId, req.query),
  );

  app.get(
    '/places/:placeId/journal.csv',
    {
      schema: {
        ...api(
          'exportPlaceJournal',
          'The place’s filtered journal as CSV for a spreadsheet (UTF-8, “;”)',
          [],
          { answer: CSV_ANSWER },
        ),
        tags: ['places'],
        summary: 'Journal du lieu filtré, en CSV pour un tableur (UTF-8, séparateur « ; »)',
        params: PlaceParams,
        querystring: PlaceJournalFilters,
      },
    },
    async (req, reply) => {
      const body = await service.placeTrailCsv(db, actorOf(req), req.params.placeId, req.query);
      return reply.type(CSV_TYPE).header('content-disposition', attachment('journal-du-lieu.csv')).send(body);
    },
  );
}
