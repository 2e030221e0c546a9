import { z } from 'zod';
import type { App, Deps } from '../../http/app.js';
import { actorOf } from '../auth/guard.js';
import { FunderParams } from '../funders/schemas.js';
import { IsoDate, ProgramParams } from '../programs/schemas.js';
import { block } from '../blocking/service.js';
import { handOut, replace } from '../beneficiaries/service.js';
import * as service from './service.js';

const Serials = z.object({ serials: z.array(z.string().trim().min(1).max(40)).min(1).max(10_000) });

export function stockRoutes(app: App, { db }: Deps) {
  app.post(
    '/programs/:programId/allocations',
    {
      schema: {
        tags: ['stock'],
        summary: 'Confier des carnets du stock du financeur à un prescripteur',
        params: ProgramParams,
        body: z.object({ prescriberId: z.uuid(), count: z.number().int().min(1).max(100_000) }),
        response: { 201: Serials },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.allocate(db, actorOf(req), req.params.programId, req.body)),
  );

  app.post(
    '/funders/:funderId/transfers',
    {
      schema: {
        tags: ['stock'],
        summary: 'Transférer des carnets à un autre prescripteur, ou les reprendre (toId null)',
        params: FunderParams,
        body: Serials.extend({ toId: z.uuid().nullable() }),
        response: { 200: Serials },
      },
    },
    async (req) => service.transfer(db, actorOf(req), req.params.funderId, req.body),
  );

  app.get(
    '/organisations/:organisationId/stock',
    {
      schema: {
        tags: ['stock'],
        summary: 'Carnets détenus par un prescripteur et pas encore remis',
        params: z.object({ organisationId: z.uuid() }),
        response: {
          200: z.object({
            organisationId: z.uuid(),
            booklets: z.array(z.object({ serial: z.string(), size: z.number(), programId: z.uuid() })),
          }),
        },
      },
    },
    async (req) => service.stockOf(db, actorOf(req), req.params.organisationId),
  );

  app.get(
    '/funders/:funderId/booklets/:serial/movements',
    {
      schema: {
        tags: ['stock'],
        summary: "Historique des mouvements d'un carnet",
        params: FunderParams.extend({ serial: z.string().min(1).max(40) }),
        response: {
          200: z.array(
            z.object({
              kind: z.string(),
              fromId: z.uuid().nullable(),
              toId: z.uuid().nullable(),
              at: z.string(),
              /** Who moved it; null for the command line or the demo loader. */
              actorEmail: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (req) => service.movementsOf(db, actorOf(req), req.params.funderId, req.params.serial),
  );
}

const HandOutBody = z.object({
  serial: z.string().trim().min(1).max(40),
  handedOutOn: IsoDate.optional(),
  backdateReason: z.string().trim().max(500).nullish(),
  beneficiary: z.object({
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().min(1).max(100),
    birthDate: IsoDate,
    communeCode: z
      .string()
      .trim()
      .regex(/^[0-9][0-9AB][0-9]{3}$/, 'Code INSEE de commune attendu (5 caractères).'),
    audience: z.string().trim().min(1).max(80),
  }),
});

export function handOutRoutes(app: App, { db }: Deps) {
  app.post(
    '/organisations/:organisationId/hand-outs',
    {
      schema: {
        tags: ['stock'],
        summary: 'Remettre un carnet du stock à un bénéficiaire',
        params: z.object({ organisationId: z.uuid() }),
        body: HandOutBody,
        response: {
          201: z.object({
            serial: z.string(),
            beneficiaryId: z.uuid(),
            validFrom: z.string(),
            validUntil: z.string(),
          }),
        },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await handOut(db, actorOf(req), req.params.organisationId, req.body)),
  );

  app.post(
    '/booklets/:serial/block',
    {
      schema: {
        tags: ['stock'],
        summary: 'Bloquer un carnet perdu ou volé : ses pass non utilisés cessent aussitôt de fonctionner',
        params: z.object({ serial: z.string().max(40) }),
        body: z.object({ reason: z.enum(['lost', 'stolen']) }),
        response: {
          200: z.object({ serial: z.string(), status: z.literal('blocked'), cancelledPasses: z.number() }),
        },
      },
    },
    async (req) => block(db, actorOf(req), req.params.serial, req.body.reason),
  );

  app.post(
    '/organisations/:organisationId/replacements',
    {
      schema: {
        tags: ['stock'],
        summary: 'Remettre un carnet de remplacement au titulaire d’un carnet bloqué',
        params: z.object({ organisationId: z.uuid() }),
        body: z.object({
          blockedSerial: z.string().trim().min(1).max(40),
          serial: z.string().trim().min(1).max(40),
        }),
        response: {
          201: z.object({
            serial: z.string(),
            replacesSerial: z.string(),
            beneficiaryId: z.uuid(),
            validFrom: z.string(),
            validUntil: z.string(),
          }),
        },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await replace(db, actorOf(req), req.params.organisationId, req.body)),
  );
}
