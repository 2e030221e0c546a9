import { z } from 'zod';
import type { App, Deps } from '../../http/app.js';
import { api, CSV_ANSWER, PDF_ANSWER } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { IsoDate, ProgramParams } from '../programs/schemas.js';
import { myPlaces } from './my-places.js';
import { reportPlaces } from './places-map.js';
import { Dashboard, MyPlaces, ProgramReport, ReportPlaces, ReportQuery } from './schemas.js';
import * as service from './service.js';

export function reportRoutes(app: App, { db }: Deps) {
  app.get(
    '/places',
    {
      schema: {
        ...api(
          'getMyPlaces',
          "The signed-in person's places side by side: commune, role, owed and by whom, last month's statements, this month's sessions, bank account; and the totals",
        ),
        tags: ['reports'],
        summary:
          'Mes lieux : chaque lieu où la personne connectée travaille, avec sa commune, son rôle, ce qui lui est dû et par qui, les relevés du mois dernier, les séances du mois, son compte bancaire ; et les totaux',
        response: { 200: MyPlaces },
      },
    },
    async (req) => myPlaces(db, actorOf(req)),
  );

  app.get(
    '/programs/:programId/dashboard',
    {
      schema: {
        ...api('getDashboard', 'Programme dashboard: passes per envelope and redemptions per month'),
        tags: ['reports'],
        summary: 'Tableau de bord du dispositif : pass par enveloppe et encaissements par mois',
        params: ProgramParams,
        querystring: z.object({ asOf: IsoDate.optional() }),
        response: { 200: Dashboard },
      },
    },
    async (req) => service.dashboard(db, actorOf(req), req.params.programId, req.query.asOf),
  );

  app.get(
    '/programs/:programId/report',
    {
      schema: {
        ...api(
          'getProgramReport',
          "The programme's report for a period: passes, people reached, sessions, prescribers, money",
        ),
        tags: ['reports'],
        summary:
          'Bilan du dispositif sur une période : pass émis, remis et utilisés, personnes touchées par public et territoire, séances, prescripteurs, versements et paiements',
        params: ProgramParams,
        querystring: ReportQuery,
        response: { 200: ProgramReport },
      },
    },
    async (req) => service.programReport(db, actorOf(req), req.params.programId, req.query),
  );

  app.get(
    '/programs/:programId/report/places',
    {
      schema: {
        ...api(
          'getProgramReportPlaces',
          "The places that took the programme's passes in a period, with their sessions and coordinates (the report's map)",
        ),
        tags: ['reports'],
        summary:
          'Lieux ayant encaissé des pass du dispositif sur une période, avec leurs séances et leurs coordonnées (la carte du bilan)',
        params: ProgramParams,
        querystring: ReportQuery,
        response: { 200: ReportPlaces },
      },
    },
    async (req) => reportPlaces(db, actorOf(req), req.params.programId, req.query),
  );

  app.get(
    '/programs/:programId/report.pdf',
    {
      schema: {
        ...api(
          'getProgramReportPdf',
          "The programme's report for a period (PDF); the download is audited",
          [],
          {
            answer: PDF_ANSWER,
          },
        ),
        tags: ['reports'],
        summary:
          'Bilan du dispositif sur une période, à transmettre (PDF) ; le téléchargement est journalisé',
        params: ProgramParams,
        querystring: ReportQuery,
      },
    },
    async (req, reply) => {
      const file = await service.programReportFile(db, actorOf(req), req.params.programId, req.query, 'pdf');
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body);
    },
  );

  app.get(
    '/programs/:programId/report.csv',
    {
      schema: {
        ...api(
          'getProgramReportCsv',
          "The figures of the programme's report for a period (CSV); the download is audited",
          [],
          {
            answer: CSV_ANSWER,
          },
        ),
        tags: ['reports'],
        summary: 'Chiffres du bilan du dispositif sur une période (CSV) ; le téléchargement est journalisé',
        params: ProgramParams,
        querystring: ReportQuery,
      },
    },
    async (req, reply) => {
      const file = await service.programReportFile(db, actorOf(req), req.params.programId, req.query, 'csv');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body);
    },
  );
}
