import { Readable } from 'node:stream';
import { z } from 'zod';
import type { App, Deps } from '../../http/app.js';
import { api, CSV_ANSWER } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { ProgramParams } from '../programs/schemas.js';
import { BatchParams, IssueBody, IssueResult, ProgramIssue } from './schemas.js';
import * as service from './service.js';

export function passRoutes(app: App, { db, config }: Deps) {
  app.post(
    '/programs/:programId/issues',
    {
      schema: {
        ...api('issueBooklets', 'Issue booklets of passes (within the programme’s and the envelope’s caps)', [
          'envelope_cap_exceeded',
          'program_cap_exceeded',
          'program_status_forbids',
        ]),
        tags: ['passes'],
        summary: 'Émettre des carnets de pass (dans la limite du dispositif et de l’enveloppe)',
        params: ProgramParams,
        body: IssueBody,
        response: { 201: IssueResult },
      },
    },
    async (req, reply) => {
      const r = await service.issue(db, actorOf(req), req.params.programId, req.body);
      return reply.code(201).send({
        batchId: r.batch.id,
        passes: r.passes,
        activatedPasses: r.activatedPasses,
        firstSerial: r.firstSerial,
        lastSerial: r.lastSerial,
      });
    },
  );

  app.get(
    '/programs/:programId/issues',
    {
      schema: {
        ...api('listIssues', 'Issues of a programme, latest first, to download their printer’s file again'),
        tags: ['passes'],
        summary: 'Émissions du dispositif, les plus récentes d’abord, pour retélécharger leur fichier',
        params: ProgramParams,
        response: { 200: z.array(ProgramIssue) },
      },
    },
    async (req) => service.issuesOf(db, actorOf(req), req.params.programId),
  );

  app.get(
    '/programs/:programId/issues/:batchId/codes.csv',
    {
      schema: {
        ...api('downloadIssueCodes', 'Codes of an issue for the printer (CSV)', [], { answer: CSV_ANSWER }),
        tags: ['passes'],
        summary: "Codes d'une émission pour l'imprimeur (CSV)",
        params: BatchParams,
      },
    },
    async (req, reply) => {
      const { fileName, text } = await service.batchCodesFile(
        db,
        actorOf(req),
        req.params.programId,
        req.params.batchId,
        config.publicUrl,
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(Readable.from(text));
    },
  );
}
