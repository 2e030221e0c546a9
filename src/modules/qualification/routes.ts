import { z } from 'zod';
import type { App, Deps } from '../../http/app.js';
import { api } from '../../http/openapi.js';
import { actorOf } from '../auth/guard.js';
import {
  Application,
  ApplicationBody,
  BankAccount,
  BankAccountBody,
  Charter,
  CharterAcceptance,
  CharterAcceptanceBody,
  CharterAnswer,
  CharterBody,
  FunderParams,
  PlaceParams,
  PlaceQualification,
  Questionnaire,
  QuestionnaireAnswer,
  QuestionnaireBody,
  RecordedBankAccount,
} from './schemas.js';
import * as service from './service.js';

export function qualificationRoutes(app: App, { db }: Deps) {
  app.get(
    '/funders/:funderId/questionnaire',
    {
      schema: {
        ...api('getQuestionnaire', 'The funder’s qualification questionnaire: current and past versions'),
        tags: ['qualification'],
        summary:
          'Questionnaire de qualification des lieux du financeur : version en vigueur et versions passées',
        params: FunderParams,
        response: { 200: QuestionnaireAnswer },
      },
    },
    async (req) => service.questionnaireOf(db, actorOf(req), req.params.funderId),
  );

  app.post(
    '/funders/:funderId/questionnaire',
    {
      schema: {
        ...api(
          'publishQuestionnaire',
          'Publish a new version of the questionnaire; past answers keep their version',
        ),
        tags: ['qualification'],
        summary:
          'Publier une nouvelle version du questionnaire (questions, réponses et points, seuil d’admission) ; les réponses passées gardent leur version',
        params: FunderParams,
        body: QuestionnaireBody,
        response: { 201: Questionnaire },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.publishQuestionnaire(db, actorOf(req), req.params.funderId, req.body)),
  );

  app.get(
    '/funders/:funderId/charter',
    {
      schema: {
        ...api('getCharter', 'The funder’s charter for places: current and past versions'),
        tags: ['qualification'],
        summary: 'Charte des lieux du financeur : version en vigueur et versions passées',
        params: FunderParams,
        response: { 200: CharterAnswer },
      },
    },
    async (req) => service.charterOf(db, actorOf(req), req.params.funderId),
  );

  app.post(
    '/funders/:funderId/charter',
    {
      schema: {
        ...api('publishCharter', 'Publish a new version of the charter; places will have to accept it'),
        tags: ['qualification'],
        summary: 'Publier une nouvelle version de la charte ; les lieux devront accepter celle-ci',
        params: FunderParams,
        body: CharterBody,
        response: { 201: Charter },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.publishCharter(db, actorOf(req), req.params.funderId, req.body)),
  );

  app.get(
    '/places/:placeId/applications',
    {
      schema: {
        ...api(
          'listApplications',
          'Where the place stands with each funder: questionnaire, charter, applications, bank account',
        ),
        tags: ['qualification'],
        summary:
          'Où en est le lieu avec chaque financeur : questionnaire, charte, candidature par dispositif, compte bancaire',
        params: PlaceParams,
        response: { 200: PlaceQualification },
      },
    },
    async (req) => service.placeQualification(db, actorOf(req), req.params.placeId),
  );

  app.post(
    '/places/:placeId/applications',
    {
      schema: {
        ...api(
          'applyToProgram',
          'Apply to a programme: answer the funder’s questionnaire (the platform scores it)',
          ['no_questionnaire', 'program_closed_to_applications', 'questionnaire_outdated'],
        ),
        tags: ['qualification'],
        summary:
          'Candidater à un dispositif : répondre au questionnaire du financeur (le score est calculé par la plateforme)',
        params: PlaceParams,
        body: ApplicationBody,
        response: { 201: Application },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.apply(db, actorOf(req), req.params.placeId, req.body)),
  );

  app.post(
    '/places/:placeId/applications/charter',
    {
      schema: {
        ...api('acceptCharter', 'Accept the current version of a funder’s charter, in a signatory’s name', [
          'no_charter',
          'charter_outdated',
        ]),
        tags: ['qualification'],
        summary: 'Accepter la version en vigueur de la charte d’un financeur, au nom d’un signataire',
        params: PlaceParams,
        body: CharterAcceptanceBody,
        response: { 201: CharterAcceptance },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.acceptCharter(db, actorOf(req), req.params.placeId, req.body)),
  );

  app.get(
    '/places/:placeId/applications/bank-accounts',
    {
      schema: {
        ...api(
          'listPlaceBankAccounts',
          'The place’s bank accounts, current first; masked except for its admin',
        ),
        tags: ['qualification'],
        summary:
          'Comptes bancaires du lieu, le plus récent (en vigueur) en premier ; masqués sauf pour son administrateur',
        params: PlaceParams,
        response: { 200: z.array(BankAccount) },
      },
    },
    async (req) => service.bankAccountsOfPlace(db, actorOf(req), req.params.placeId),
  );

  app.post(
    '/places/:placeId/applications/bank-accounts',
    {
      schema: {
        ...api(
          'setPlaceBankAccount',
          'Give (or change) the place’s bank account: IBAN, BIC, holder, checked',
          ['password_not_set'],
        ),
        tags: ['qualification'],
        summary: 'Donner (ou changer) le compte bancaire du lieu : IBAN, BIC, titulaire, vérifiés',
        params: PlaceParams,
        body: BankAccountBody,
        response: { 201: RecordedBankAccount },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.setBankAccount(db, actorOf(req), req.params.placeId, req.body, req.ip)),
  );
}
