import { z } from 'zod';
import { ROLES } from '../../core/permissions.js';

export const LoginBody = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
});

export const Session = z
  .object({
    user: z.object({ id: z.uuid(), email: z.string(), displayName: z.string() }),
    memberships: z.array(
      z.object({
        role: z.enum(ROLES),
        funderId: z.uuid().nullable(),
        funderName: z.string().nullable(),
        organisationId: z.uuid().nullable(),
        organisationName: z.string().nullable(),
      }),
    ),
    csrfToken: z.string(),
  })
  .meta({ id: 'Session' });

export const InvitationBody = z.object({
  email: z.email().max(254),
  role: z.enum(['funder_admin', 'funder_viewer', 'prescriber_agent', 'place_agent', 'place_admin']),
  organisationId: z.uuid().nullish(),
});

/** An invitation still waiting, as its funder's admins see it (never its token). */
export const PendingInvitation = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(ROLES),
    organisationName: z.string().nullable(),
    invitedBy: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'PendingInvitation' });

export const InvitationToken = z.object({ token: z.string().min(20).max(100) });

export const InvitationView = z.object({
  email: z.string(),
  role: z.enum(ROLES),
  funderName: z.string(),
  /** An account has this address: it signs in, then joins, instead of choosing a password. */
  existingAccount: z.boolean(),
});

export const AcceptBody = z.object({
  displayName: z.string().trim().min(1).max(120),
  password: z.string().min(1).max(1024),
});

export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

export const PasswordResetRequestBody = z.object({
  email: z.string().trim().min(3).max(254),
});

export const PasswordResetRequested = z.object({ message: z.string() });

export const PasswordResetConfirmBody = z.object({
  token: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});
