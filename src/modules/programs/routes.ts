import { z } from 'zod';
import type { App, Deps } from '../../http/app.js';
import { api } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import { FunderParams } from '../funders/schemas.js';
import {
  AmendmentBody,
  AsOfQuery,
  CreateProgramBody,
  Envelope,
  EnvelopeBody,
  ProgramParams,
  ProgramSummary,
  ProgramView,
  TimelineEntry,
} from './schemas.js';
import * as service from './service.js';

export function programRoutes(app: App, { db }: Deps) {
  app.get(
    '/funders/:funderId/programs',
    {
      schema: {
        ...api('listPrograms', 'Programmes of the funder, as of a date (today by default)'),
        tags: ['programs'],
        summary: 'Dispositifs du financeur, tels qu’à la date demandée (aujourd’hui par défaut)',
        params: FunderParams,
        querystring: AsOfQuery,
        response: { 200: z.array(ProgramSummary) },
      },
    },
    async (req) => service.listForFunder(db, actorOf(req), req.params.funderId, req.query.asOf),
  );

  app.post(
    '/funders/:funderId/programs',
    {
      schema: {
        ...api('createProgram', 'Create a programme from its founding deliberation'),
        tags: ['programs'],
        summary: 'Créer un dispositif à partir de sa délibération fondatrice',
        params: FunderParams,
        body: CreateProgramBody,
        response: { 201: ProgramView },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { program } = await service.create(db, actor, req.params.funderId, req.body);
      return reply.code(201).send(await service.get(db, actor, program.id));
    },
  );

  app.get(
    '/programs/:programId',
    {
      schema: {
        ...api('getProgram', 'A programme as of a date, with its history, envelopes and budget'),
        tags: ['programs'],
        summary: 'Un dispositif tel qu’à une date, avec son historique, ses enveloppes et son budget',
        params: ProgramParams,
        querystring: AsOfQuery,
        response: { 200: ProgramView },
      },
    },
    async (req) => service.get(db, actorOf(req), req.params.programId, req.query.asOf),
  );

  app.post(
    '/programs/:programId/amendments',
    {
      schema: {
        ...api('amendProgram', 'Record an amending deliberation', [
          'amendment_already_rectified',
          'deliberation_recorded',
          'calendar_before_activity',
          'envelopes_over_cap',
          'plan_below_issued',
          'usage_end_in_past',
          'share_below_paid',
          'cofunder_has_payments',
        ]),
        tags: ['programs'],
        summary: 'Enregistrer une délibération modificative',
        params: ProgramParams,
        body: AmendmentBody,
        response: { 201: TimelineEntry },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.amend(db, actorOf(req), req.params.programId, req.body)),
  );

  app.post(
    '/programs/:programId/envelopes',
    {
      schema: {
        ...api('createEnvelope', 'Create an envelope (a capped share of the programme’s passes)', [
          'envelope_name_taken',
          'envelopes_over_cap',
          'program_status_forbids',
        ]),
        tags: ['programs'],
        summary: 'Créer une enveloppe (part plafonnée des pass du dispositif)',
        params: ProgramParams,
        body: EnvelopeBody,
        response: { 201: Envelope },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.addEnvelope(db, actorOf(req), req.params.programId, req.body)),
  );
}
