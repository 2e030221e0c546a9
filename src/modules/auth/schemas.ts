import { z } from 'zod';
import { ROLES } from '../../core/permissions.js';
import { emailAddress } from '../../http/text-fields.js';

export const LoginBody = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
});

export const Session = z
  .object({
    user: z.object({
      id: z.uuid(),
      email: z.string(),
      displayName: z.string(),
      hasPassword: z.boolean().meta({
        description:
          'False for an account made at a ProConnect sign-in, until a password is chosen (reset link): what asks for the password refuses with password_not_set',
      }),
    }),
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
  email: emailAddress(),
  role: z.enum(['funder_admin', 'funder_viewer', 'prescriber_agent', 'place_agent', 'place_admin']),
  organisationId: z.uuid().nullish(),
});

/**
 * What an invitation's answer says: sent by e-mail (SMTP configured), or left in the outbox with
 * the link for the inviter to hand over. The link is a credential for the invitee alone: once
 * the e-mail carries it, the answer no longer gives it.
 */
export const InvitationSent = z
  .object({
    sentByEmail: z.boolean().meta({
      description:
        'true : l’invitation part par e-mail (SMTP configuré) ; false : elle reste dans la boîte d’envoi, le lien est à transmettre — true: e-mailed; false: stays in the outbox, hand over the link',
    }),
    email: z.string().meta({
      description:
        'L’adresse invitée telle qu’enregistrée (sans espaces, en minuscules) — the invited address as recorded (trimmed, lower case)',
    }),
    invitationUrl: z.string().optional().meta({
      description:
        'Le lien à transmettre, seulement quand l’invitation ne part pas par e-mail — the link to hand over, only when not e-mailed',
    }),
  })
  .meta({ id: 'InvitationSent' });

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
    /** its link expired unused: listed only when asked (`expired=include`), to be sent again */
    expired: z.boolean(),
  })
  .meta({ id: 'PendingInvitation' });

/** `include`: the team's invitations whose link expired unused are listed too (`expired`: true). */
export const InvitationListQuery = z.object({ expired: z.enum(['include']).optional() });

/** Any length: a link cut short is told so by the service (`link_incomplete`), not as a bad request. */
export const InvitationToken = z.object({ token: z.string().min(1).max(100) });

export const InvitationView = z.object({
  email: z.string(),
  role: z.enum(ROLES),
  /** The funder that invites; none when a place's admin does (API 1.4.0: nullable). */
  funderName: z.string().nullable(),
  /** The prescriber or place joined, if the role is one of theirs (API 1.4.0). */
  organisationName: z.string().nullable(),
  /** An account has this address: it signs in, then joins, instead of choosing a password. */
  existingAccount: z.boolean(),
});

/**
 * What accepting an invitation joined: the web app says « Vous avez rejoint … » and works for it
 * at once. It compared the sessions before and after to guess it (API 1.54.0).
 */
export const JoinedOrganisation = z
  .object({
    kind: z.enum(['funder', 'place', 'prescriber']).meta({
      description: 'funder: a funder’s team; place: a place’s; prescriber: a prescriber organisation’s',
    }),
    id: z.uuid().meta({ description: 'The funder’s id for a funder, else the organisation’s' }),
    name: z.string(),
    role: z.enum(ROLES),
    roleLabel: z.string().meta({ description: 'The role in French, e.g. « agent de lieu de médiation »' }),
  })
  .meta({ id: 'JoinedOrganisation' });

/** The session after accepting, and what was joined. */
export const InvitationAccepted = Session.extend({ joined: JoinedOrganisation }).meta({
  id: 'InvitationAccepted',
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
  // Checked as an address: « Demande enregistrée » for « jeannine » let her wait for nothing.
  email: emailAddress(),
});

export const PasswordResetRequested = z.object({ message: z.string(), sentByEmail: z.boolean() });

export const PasswordResetParams = z.object({ token: z.string().min(1).max(200) });

export const PasswordResetConfirmBody = z.object({
  token: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});

export const MemberParams = z.object({ funderId: z.uuid(), membershipId: z.uuid() });
export const FunderInvitationParams = z.object({ funderId: z.uuid(), invitationId: z.uuid() });

/** A person with access to a funder's space, as its admins see them. */
export const Member = z
  .object({
    membershipId: z.uuid(),
    displayName: z.string(),
    email: z.string(),
    role: z.enum(['funder_admin', 'funder_viewer', 'place_admin', 'place_agent']),
    since: z.string().meta({ description: 'Depuis quand — since when (ISO 8601)' }),
    you: z.boolean().meta({ description: 'La personne qui demande — the caller' }),
    disabledAt: z.string().nullable().meta({
      description:
        'Compte désactivé par l’opérateur de la plateforme depuis (ISO 8601), ou null — account disabled since',
    }),
    passwordLink: z.boolean().meta({
      description:
        'Le demandeur peut lui préparer un lien pour un nouveau mot de passe (tous ses rôles sont dans cette équipe) — the caller may prepare a password link for this person',
    }),
  })
  .meta({ id: 'Member' });

export const PasswordLinkIssued = z
  .object({
    url: z.string().meta({
      description:
        'Le lien, montré une seule fois, à remettre en personne ou par téléphone — the link, shown once, to hand over in person',
    }),
    expiresAt: z.string().meta({ description: 'Valable jusqu’à (ISO 8601) — valid until' }),
    ownerEmailed: z.boolean().meta({
      description:
        'La personne est prévenue par e-mail qu’un lien a été préparé (sans le lien) — the owner is told by e-mail, without the link',
    }),
  })
  .meta({ id: 'PasswordLinkIssued' });

export const MemberRoleChanged = Member.extend({
  withdrawnInvitations: z.number().int().meta({
    description:
      'Invitations qu’elle avait envoyées, retirées avec son rôle d’administrateur — invitations she sent, withdrawn',
  }),
}).meta({ id: 'MemberRoleChanged' });

export const MembershipEnded = z
  .object({
    withdrawnInvitations: z.number().int().meta({
      description:
        'Invitations qu’elle avait envoyées, retirées avec son accès — invitations she sent, withdrawn',
    }),
  })
  .meta({ id: 'MembershipEnded' });

export const RoleChangeBody = z.object({ role: z.enum(['funder_admin', 'funder_viewer']) });
export const PlaceRoleChangeBody = z.object({ role: z.enum(['place_admin', 'place_agent']) });

export const PlaceMemberParams = z.object({ placeId: z.uuid(), membershipId: z.uuid() });
export const PlaceInvitationParams = z.object({ placeId: z.uuid(), invitationId: z.uuid() });

/** A place's admin invites a colleague or a volunteer of the place. */
export const PlaceInvitationBody = z.object({
  email: emailAddress(),
  role: z.enum(['place_agent', 'place_admin']),
});

export const AccountLookupQuery = z.object({ email: emailAddress() });

const HeldRole = z.object({ role: z.enum(ROLES), roleLabel: z.string(), where: z.string() });

/** What the helpdesk reads of an address: its account, if any, and the invitations sent to it, waiting or expired. */
export const AccountLookup = z
  .object({
    email: z.string(),
    account: z
      .object({
        displayName: z.string(),
        createdAt: z.string(),
        disabled: z.boolean(),
        /** since when the account is disabled (API 1.32.0), null when it is enabled */
        disabledAt: z.string().nullable(),
        /** when it last signed in (password, invitation, single sign-on), from the journal: also after signing out; null if it never did */
        lastSessionAt: z.string().nullable(),
        /** locked from `addresses` client addresses after five misses each, until the last lock ends */
        lock: z.object({ addresses: z.number().int(), until: z.string() }).nullable(),
        roles: z.array(HeldRole.extend({ since: z.string() })),
      })
      .nullable(),
    /** not accepted nor withdrawn, the latest first; `expired` ones too (since 1.56.0), for the person to ask that team again */
    invitations: z.array(
      HeldRole.extend({ createdAt: z.string(), expiresAt: z.string(), expired: z.boolean() }),
    ),
    /**
     * Whether « Mot de passe oublié ? » e-mails a link (SMTP configured); without, the helpdesk
     * makes one on the server (`password link`) to hand over (API 1.45.0)
     */
    resetByEmail: z.boolean(),
  })
  .meta({ id: 'AccountLookup' });

/** The operator cuts an account off (API 1.32.0): its address, and why, kept in the journal. */
export const AccountDisableBody = z.object({
  email: emailAddress(),
  reason: z
    .string({ error: 'Motif : indiquez pourquoi le compte est désactivé.' })
    .trim()
    .min(1, { error: 'Motif : indiquez pourquoi le compte est désactivé.' })
    .max(500, { error: 'Motif : 500 caractères au plus.' }),
});

export const AccountEnableBody = z.object({ email: emailAddress() });

export const AccountDisabled = z
  .object({
    email: z.string(),
    disabledAt: z.string(),
    /** the account's sessions ended at once */
    endedSessions: z.number().int(),
    /** the links to choose a new password that were still unused, now spent */
    spentResetLinks: z.number().int(),
    /** the invitations it sent that nobody had accepted yet, now withdrawn (their links no longer work) */
    withdrawnInvitations: z.number().int(),
  })
  .meta({ id: 'AccountDisabled' });

export const AccountEnabled = z.object({ email: z.string() }).meta({ id: 'AccountEnabled' });
