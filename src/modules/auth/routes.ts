import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { unauthenticated } from '../../core/errors.js';
import type { Actor } from '../../core/permissions.js';
import { afterAnswerFor } from '../../http/after-answer.js';
import type { App, Deps } from '../../http/app.js';
import { api, NO_CONTENT } from '../../http/openapi.js';
import { perAccount } from '../../http/rate-windows.js';
import { FunderParams } from '../funders/schemas.js';
import { PlaceParams } from '../places/schemas.js';
import { disableAccount, enableAccount } from './account-access.js';
import { actorOf, SESSION_COOKIE } from './guard.js';
import { lookUpAccount } from './helpdesk.js';
import * as members from './members.js';
import {
  AcceptBody,
  AccountDisableBody,
  AccountDisabled,
  AccountEnableBody,
  AccountEnabled,
  AccountLookup,
  AccountLookupQuery,
  FunderInvitationParams,
  InvitationAccepted,
  InvitationBody,
  InvitationListQuery,
  InvitationSent,
  InvitationToken,
  InvitationView,
  LoginBody,
  Member,
  MemberParams,
  MemberRoleChanged,
  MembershipEnded,
  PasswordChangeBody,
  PasswordLinkIssued,
  PasswordResetConfirmBody,
  PasswordResetParams,
  PasswordResetRequestBody,
  PasswordResetRequested,
  PendingInvitation,
  PlaceInvitationBody,
  PlaceInvitationParams,
  PlaceMemberParams,
  PlaceRoleChangeBody,
  RoleChangeBody,
  Session,
} from './schemas.js';
import * as service from './service.js';

/**
 * The answer to a reset request, alike for every address (no oracle). Without SMTP_URL the
 * link's e-mail stays in the outbox, its link masked even to the platform admin: the person's
 * team admin prepares a link (members.ts issuePasswordLink), or whoever runs the server
 * (`npm run cli -- password link`). The person is sent, in plain
 * words, to the structure they know (a beneficiary knows no « administrateur de la
 * plateforme »), which has the link prepared, rather than to wait for an e-mail that will not come.
 */
export const passwordResetAnswer = (config: Config) =>
  config.smtpUrl
    ? {
        sentByEmail: true,
        message:
          'Si un compte existe avec cette adresse, un courriel vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe, valable une heure.',
      }
    : {
        sentByEmail: false,
        message:
          'Nous ne pouvons pas vous envoyer de courriel. Si vous avez un compte, demandez un lien pour changer votre mot de passe à la structure qui vous a accompagné (votre lieu de médiation, votre prescripteur ou votre financeur) ; ce lien est valable une heure.',
      };

/** A reset link, as its e-mail and the command line `password link` build it. */
export const passwordResetUrl = (config: Config, token: string) =>
  `${config.publicUrl}/mot-de-passe/nouveau/${token}`;

export const invitationUrl = (config: Config, token: string) => `${config.publicUrl}/invitation/${token}`;

/**
 * The answer to an invitation: the address as recorded (trimmed, in lower case: the inviter
 * reads what the list, the e-mail and the sign-in will show), and the link only when no e-mail
 * carries it (messages stay in the outbox).
 */
export const invitationSent = (config: Config, sent: { token: string; invitation: { email: string } }) =>
  config.smtpUrl
    ? { sentByEmail: true, email: sent.invitation.email }
    : { sentByEmail: false, email: sent.invitation.email, invitationUrl: invitationUrl(config, sent.token) };

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
  const signInFailures = service.signInFailureLimiter();
  app.post(
    '/auth/login',
    {
      // Failed sign-ins are limited to 10 a minute per address by the service; this bounds
      // the password hashing an address may cause, successes included.
      config: { auth: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        ...api('signIn', 'Sign in', ['invalid_credentials']),
        tags: ['auth'],
        summary: 'Se connecter',
        body: LoginBody,
        response: { 200: Session },
      },
    },
    async (req, reply) => {
      const { token, session } = await service.login(db, req.body, {
        ttlHours: config.sessionTtlHours,
        address: req.ip,
        failures: signInFailures,
      });
      setSessionCookie(reply, config, token);
      return session;
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { auth: 'public' },
      schema: {
        ...api('signOut', 'Sign out', [], { answer: NO_CONTENT }),
        tags: ['auth'],
        summary: 'Se déconnecter',
      },
    },
    async (req, reply) => {
      // No CSRF check: a forged sign-out can only force someone out, and a sign-out refused
      // for a stale token would keep alive a session its owner believes closed.
      const token = req.cookies[SESSION_COOKIE];
      if (token) await service.logout(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.post(
    '/auth/password',
    {
      config: { rateLimit: perAccount(10, '1 minute') },
      schema: {
        ...api(
          'changePassword',
          'Change one’s password (ends one’s other sessions)',
          ['invalid_credentials'],
          {
            answer: NO_CONTENT,
          },
        ),
        tags: ['auth'],
        summary: 'Changer son mot de passe (met fin à ses autres sessions)',
        body: PasswordChangeBody,
      },
    },
    async (req, reply) => {
      await service.changePassword(db, actorOf(req), req.cookies[SESSION_COOKIE]!, req.body, req.ip);
      return reply.code(204).send();
    },
  );

  const resets = afterAnswerFor(db);
  app.addHook('onClose', () => resets.settled());
  // Password reset by e-mail (issue 12, point 7). Public, limited per address (and per e-mail
  // in the service): the same answer whether or not the address has an account.
  app.post(
    '/auth/password-reset',
    {
      config: { auth: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        ...api('requestPasswordReset', 'Ask for a password reset link (sent by e-mail)', []),
        tags: ['auth'],
        summary: 'Demander un lien de réinitialisation du mot de passe (envoyé par courriel)',
        body: PasswordResetRequestBody,
        response: { 202: PasswordResetRequested },
      },
    },
    async (req, reply) => {
      // Answered before the link is written: an address with an account would otherwise be
      // answered a transaction later than one without.
      const { body, ip } = req;
      resets.start(req.log, 'password reset request', () => service.requestPasswordReset(db, body, ip));
      return reply.code(202).send(passwordResetAnswer(config));
    },
  );

  app.get(
    '/auth/password-reset/:token',
    {
      config: { auth: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        ...api(
          'checkPasswordReset',
          'Whether a password reset link may still be used (changes nothing)',
          ['password_reset_invalid', 'link_incomplete'],
          { answer: NO_CONTENT },
        ),
        tags: ['auth'],
        summary: 'Savoir si un lien de réinitialisation du mot de passe peut encore servir (ne change rien)',
        params: PasswordResetParams,
      },
    },
    async (req, reply) => {
      await service.checkPasswordReset(db, req.params.token);
      return reply.code(204).send();
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { auth: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        ...api(
          'confirmPasswordReset',
          'Choose a new password with the link received (ends every session of the account)',
          ['password_reset_invalid', 'link_incomplete'],
          { answer: NO_CONTENT },
        ),
        tags: ['auth'],
        summary:
          'Choisir un nouveau mot de passe avec le lien reçu (met fin à toutes les sessions du compte)',
        body: PasswordResetConfirmBody,
      },
    },
    async (req, reply) => {
      await service.confirmPasswordReset(db, req.body);
      return reply.code(204).send();
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        ...api('getSession', 'Current session'),
        tags: ['auth'],
        summary: 'Session en cours',
        response: { 200: Session },
      },
    },
    async (req) => {
      actorOf(req);
      return req.session!;
    },
  );

  app.post(
    '/funders/:funderId/invitations',
    {
      schema: {
        ...api('inviteUser', 'Invite a user to a funder', [
          'already_member',
          'place_runs_its_team',
          'operator_account',
          'funder_runs_its_team',
          'operator_invites_admins_only',
        ]),
        tags: ['auth'],
        summary: 'Inviter un utilisateur chez un financeur',
        params: FunderParams,
        body: InvitationBody,
        response: { 201: InvitationSent },
      },
    },
    async (req, reply) => {
      const sent = await db.transaction((tx) =>
        service.invite(tx, actorOf(req), { ...req.body, funderId: req.params.funderId }),
      );
      return reply.code(201).send(invitationSent(config, sent));
    },
  );

  app.get(
    '/invitations/:token',
    {
      config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        ...api('getInvitation', 'Read an invitation', [
          'account_exists',
          'invitation_gone',
          'link_incomplete',
        ]),
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
        ...api('acceptInvitation', 'Accept an invitation', [
          'account_exists',
          'invitation_gone',
          'link_incomplete',
        ]),
        tags: ['auth'],
        summary: 'Accepter une invitation',
        params: InvitationToken,
        body: AcceptBody,
        response: { 200: InvitationAccepted },
      },
    },
    async (req, reply) => {
      const { token, session, joined } = await service.acceptInvitation(db, req.params.token, req.body, {
        ttlHours: config.sessionTtlHours,
        address: req.ip,
      });
      setSessionCookie(reply, config, token);
      return { ...session, joined };
    },
  );

  app.post(
    '/invitations/:token/join',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        ...api(
          'joinInvitation',
          'Accept an invitation with one’s account (signed in, at the invited address)',
          ['invitation_other_account', 'operator_account', 'invitation_gone', 'link_incomplete'],
        ),
        tags: ['auth'],
        summary: 'Accepter une invitation avec son compte (connecté, à l’adresse invitée)',
        params: InvitationToken,
        response: { 200: InvitationAccepted },
      },
    },
    async (req) => {
      const joined = await service.joinInvitation(db, actorOf(req), req.params.token);
      const resolved = await service.resolveSession(db, req.cookies[SESSION_COOKIE]!);
      if (!resolved) throw unauthenticated();
      return { ...resolved.session, joined };
    },
  );
}

/** A team, kept by its admins (members.ts): a funder's, and a place's. */
export function memberRoutes(app: App, { db, config }: Deps) {
  app.get(
    '/admin/accounts',
    {
      schema: {
        ...api(
          'lookUpAccount',
          'The helpdesk looks an address up: its account (disabled, locked, roles) and invitations waiting (platform admins)',
        ),
        tags: ['auth'],
        summary:
          'Assistance : un compte par son adresse (désactivé, verrouillé, rôles) et les invitations en attente (administrateurs de la plateforme)',
        querystring: AccountLookupQuery,
        response: { 200: AccountLookup },
      },
    },
    async (req) => ({
      ...(await lookUpAccount(db, actorOf(req), req.query.email)),
      resetByEmail: Boolean(config.smtpUrl),
    }),
  );

  app.post(
    '/admin/accounts/disable',
    {
      schema: {
        ...api(
          'disableAccount',
          'Cut an account off at once: no sign-in, its sessions ended, its reset links spent; its roles stay (platform admins)',
          ['not_found', 'own_account', 'last_admin', 'account_already_disabled'],
        ),
        tags: ['auth'],
        summary:
          'Désactiver un compte : plus de connexion, ses sessions fermées, ses liens de mot de passe annulés ; ses rôles restent (administrateurs de la plateforme)',
        body: AccountDisableBody,
        response: { 200: AccountDisabled },
      },
    },
    async (req) => disableAccount(db, actorOf(req), req.body.email, req.body.reason),
  );

  app.post(
    '/admin/accounts/enable',
    {
      schema: {
        ...api('enableAccount', 'Give a disabled account back its access (platform admins)', [
          'not_found',
          'account_already_enabled',
        ]),
        tags: ['auth'],
        summary: 'Réactiver un compte désactivé (administrateurs de la plateforme)',
        body: AccountEnableBody,
        response: { 200: AccountEnabled },
      },
    },
    async (req) => enableAccount(db, actorOf(req), req.body.email),
  );

  const MEMBERSHIP_REFUSALS = ['membership_ended', 'own_membership', 'last_admin'] as const;
  const PASSWORD_LINK_REFUSALS = [
    'membership_ended',
    'own_account',
    'account_disabled',
    'operator_account',
    'account_elsewhere',
  ] as const;
  // Whoever holds the link holds the account: a handful an hour is what helping a team takes.
  const passwordLinkLimit = perAccount(10, '1 hour');
  const passwordLinkIssued = async (team: members.Team, membershipId: string, actor: Actor) => {
    const issued = await members.issuePasswordLink(db, actor, team, membershipId, {
      notifyOwner: Boolean(config.smtpUrl),
    });
    return {
      url: passwordResetUrl(config, issued.token),
      expiresAt: issued.expiresAt.toISOString(),
      ownerEmailed: issued.ownerEmailed,
    };
  };

  app.get(
    '/funders/:funderId/members',
    {
      schema: {
        ...api('listMembers', 'Who has access to a funder’s space (its admins and viewers)'),
        tags: ['auth'],
        summary: 'Qui a accès à l’espace du financeur (administrateurs et lecteurs)',
        params: FunderParams,
        response: { 200: z.array(Member) },
      },
    },
    async (req) => members.members(db, actorOf(req), { funderId: req.params.funderId }),
  );

  app.post(
    '/funders/:funderId/members/:membershipId/role',
    {
      schema: {
        ...api('changeMemberRole', 'Make a colleague an admin, or a viewer only', MEMBERSHIP_REFUSALS),
        tags: ['auth'],
        summary: 'Faire d’un collègue un administrateur, ou un lecteur seulement',
        params: MemberParams,
        body: RoleChangeBody,
        response: { 200: MemberRoleChanged },
      },
    },
    async (req) =>
      members.changeRole(
        db,
        actorOf(req),
        { funderId: req.params.funderId },
        req.params.membershipId,
        req.body.role,
      ),
  );

  app.post(
    '/funders/:funderId/members/:membershipId/end',
    {
      schema: {
        ...api(
          'endMembership',
          'End someone’s access (a colleague, or a prescriber’s agent, who left), and the invitations they sent',
          MEMBERSHIP_REFUSALS,
        ),
        tags: ['auth'],
        summary:
          'Retirer l’accès d’une personne (un collègue, ou l’agent d’un prescripteur, qui est parti), et les invitations qu’elle avait envoyées',
        params: MemberParams,
        response: { 200: MembershipEnded },
      },
    },
    async (req) =>
      members.endMembership(db, actorOf(req), { funderId: req.params.funderId }, req.params.membershipId),
  );

  app.post(
    '/funders/:funderId/members/:membershipId/password-link',
    {
      config: { rateLimit: passwordLinkLimit },
      schema: {
        ...api(
          'createMemberPasswordLink',
          'Prepare a one-time password link for a colleague whose every role is in the funder, to hand over in person (its earlier links stop working; shown once; funder admins)',
          PASSWORD_LINK_REFUSALS,
        ),
        tags: ['auth'],
        summary:
          'Préparer un lien à usage unique pour qu’un collègue dont tous les rôles sont chez le financeur choisisse un nouveau mot de passe, à lui remettre en personne (ses liens précédents ne fonctionnent plus ; montré une seule fois ; administrateurs du financeur)',
        params: MemberParams,
        response: { 200: PasswordLinkIssued },
      },
    },
    async (req) =>
      passwordLinkIssued({ funderId: req.params.funderId }, req.params.membershipId, actorOf(req)),
  );

  app.get(
    '/funders/:funderId/invitations',
    {
      schema: {
        ...api(
          'listInvitations',
          'Pending invitations of a funder (neither accepted, withdrawn nor expired)',
        ),
        tags: ['auth'],
        summary:
          'Invitations en attente chez un financeur (ni acceptées, ni retirées, ni expirées ; les expirées aussi avec expired=include)',
        params: FunderParams,
        querystring: InvitationListQuery,
        response: { 200: z.array(PendingInvitation) },
      },
    },
    async (req) =>
      members.invitationsWaiting(
        db,
        actorOf(req),
        { funderId: req.params.funderId },
        { expired: req.query.expired === 'include' },
      ),
  );

  app.post(
    '/funders/:funderId/invitations/:invitationId/withdraw',
    {
      schema: {
        ...api('withdrawInvitation', 'Withdraw an invitation nobody accepted yet', ['invitation_closed'], {
          answer: NO_CONTENT,
        }),
        tags: ['auth'],
        summary: 'Retirer une invitation que personne n’a encore acceptée',
        params: FunderInvitationParams,
      },
    },
    async (req, reply) => {
      await members.withdrawInvitation(
        db,
        actorOf(req),
        { funderId: req.params.funderId },
        req.params.invitationId,
      );
      return reply.code(204).send();
    },
  );

  app.post(
    '/funders/:funderId/invitations/:invitationId/resend',
    {
      schema: {
        ...api(
          'resendInvitation',
          'Send a waiting invitation again under a new link (the old one stops working)',
          ['invitation_closed', 'already_member', 'funder_runs_its_team', 'operator_invites_admins_only'],
        ),
        tags: ['auth'],
        summary: 'Renvoyer une invitation en attente, avec un nouveau lien (l’ancien ne fonctionne plus)',
        params: FunderInvitationParams,
        response: { 200: InvitationSent },
      },
    },
    async (req) => {
      const sent = await members.resendInvitation(
        db,
        actorOf(req),
        { funderId: req.params.funderId },
        req.params.invitationId,
      );
      return invitationSent(config, sent);
    },
  );

  // A place's team, kept by the place's admin: a place belongs to no funder.
  app.get(
    '/places/:placeId/members',
    {
      schema: {
        ...api('listPlaceMembers', 'Who has access to a place (its admins and agents), for its admin'),
        tags: ['places'],
        summary: 'Qui a accès au lieu (administrateurs et agents), pour son administrateur',
        params: PlaceParams,
        response: { 200: z.array(Member) },
      },
    },
    async (req) => members.members(db, actorOf(req), { placeId: req.params.placeId }),
  );

  app.post(
    '/places/:placeId/members/:membershipId/end',
    {
      schema: {
        ...api(
          'endPlaceMembership',
          'End the access of one of the place’s people who left, and the invitations they sent',
          MEMBERSHIP_REFUSALS,
        ),
        tags: ['places'],
        summary:
          'Retirer l’accès d’une personne du lieu qui est partie, et les invitations qu’elle avait envoyées',
        params: PlaceMemberParams,
        response: { 200: MembershipEnded },
      },
    },
    async (req) =>
      members.endMembership(db, actorOf(req), { placeId: req.params.placeId }, req.params.membershipId),
  );

  app.post(
    '/places/:placeId/members/:membershipId/role',
    {
      schema: {
        ...api(
          'changePlaceMemberRole',
          'Make one of the place’s people its admin, or an agent only',
          MEMBERSHIP_REFUSALS,
        ),
        tags: ['places'],
        summary: 'Faire d’une personne du lieu son administrateur, ou un agent seulement',
        params: PlaceMemberParams,
        body: PlaceRoleChangeBody,
        response: { 200: MemberRoleChanged },
      },
    },
    async (req) =>
      members.changeRole(
        db,
        actorOf(req),
        { placeId: req.params.placeId },
        req.params.membershipId,
        req.body.role,
      ),
  );

  app.post(
    '/places/:placeId/members/:membershipId/password-link',
    {
      config: { rateLimit: passwordLinkLimit },
      schema: {
        ...api(
          'createPlaceMemberPasswordLink',
          'Prepare a one-time password link for one of the place’s people whose every role is in the place, to hand over in person (its earlier links stop working; shown once; place admin)',
          PASSWORD_LINK_REFUSALS,
        ),
        tags: ['places'],
        summary:
          'Préparer un lien à usage unique pour qu’une personne du lieu dont tous les rôles sont au lieu choisisse un nouveau mot de passe, à lui remettre en personne (ses liens précédents ne fonctionnent plus ; montré une seule fois ; administrateur du lieu)',
        params: PlaceMemberParams,
        response: { 200: PasswordLinkIssued },
      },
    },
    async (req) => passwordLinkIssued({ placeId: req.params.placeId }, req.params.membershipId, actorOf(req)),
  );

  app.post(
    '/places/:placeId/invitations',
    {
      schema: {
        ...api('invitePlaceMember', 'Invite a colleague or a volunteer of the place (place admin)', [
          'already_member',
          'operator_account',
        ]),
        tags: ['places'],
        summary: 'Inviter un collègue ou un bénévole du lieu (administrateur du lieu)',
        params: PlaceParams,
        body: PlaceInvitationBody,
        response: { 201: InvitationSent },
      },
    },
    async (req, reply) => {
      const sent = await members.inviteToPlace(db, actorOf(req), req.params.placeId, req.body);
      return reply.code(201).send(invitationSent(config, sent));
    },
  );

  app.get(
    '/places/:placeId/invitations',
    {
      schema: {
        ...api(
          'listPlaceInvitations',
          'Pending invitations to a place (neither accepted, withdrawn nor expired)',
        ),
        tags: ['places'],
        summary:
          'Invitations en attente au lieu (ni acceptées, ni retirées, ni expirées ; les expirées aussi avec expired=include)',
        params: PlaceParams,
        querystring: InvitationListQuery,
        response: { 200: z.array(PendingInvitation) },
      },
    },
    async (req) =>
      members.invitationsWaiting(
        db,
        actorOf(req),
        { placeId: req.params.placeId },
        { expired: req.query.expired === 'include' },
      ),
  );

  app.post(
    '/places/:placeId/invitations/:invitationId/withdraw',
    {
      schema: {
        ...api(
          'withdrawPlaceInvitation',
          'Withdraw an invitation to the place nobody accepted yet',
          ['invitation_closed'],
          { answer: NO_CONTENT },
        ),
        tags: ['places'],
        summary: 'Retirer une invitation au lieu que personne n’a encore acceptée',
        params: PlaceInvitationParams,
      },
    },
    async (req, reply) => {
      await members.withdrawInvitation(
        db,
        actorOf(req),
        { placeId: req.params.placeId },
        req.params.invitationId,
      );
      return reply.code(204).send();
    },
  );

  app.post(
    '/places/:placeId/invitations/:invitationId/resend',
    {
      schema: {
        ...api(
          'resendPlaceInvitation',
          'Send a waiting invitation to the place again under a new link (the old one stops working)',
          ['invitation_closed', 'already_member'],
        ),
        tags: ['places'],
        summary:
          'Renvoyer une invitation au lieu en attente, avec un nouveau lien (l’ancien ne fonctionne plus)',
        params: PlaceInvitationParams,
        response: { 200: InvitationSent },
      },
    },
    async (req) => {
      const sent = await members.resendInvitation(
        db,
        actorOf(req),
        { placeId: req.params.placeId },
        req.params.invitationId,
      );
      return invitationSent(config, sent);
    },
  );
}
