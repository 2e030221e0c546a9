import { ROLE_LABELS } from '../../core/audit-labels.js';
import { forbidden } from '../../core/errors.js';
import { type Actor, isPlatformAdmin, type Role } from '../../core/permissions.js';
import type { Db } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as repo from './repo.js';
import { normaliseEmail } from './sign-in.js';

/*
 * The platform's helpdesk, on the phone with someone who cannot get in: does an account have
 * this address, is it disabled or locked (and until when), which teams is it in, is an
 * invitation waiting for it, or did one expire (then its team is asked for a new one)? The lookup reads only, and changes nothing: a lock ends by itself,
 * a password is reset by its owner (or `password link` on the server), a team is kept by its
 * admins. Each lookup is in the platform's journal, since it reads a person's data. Cutting an
 * account off (a compromised one, a person who must no longer get in) is a separate action of
 * the operator, journalled on its own: account-access.ts.
 */

/** Where a role is held: « Mission locale (Région Hauts-de-France) », or the funder alone. */
function whereOf(r: { funderName: string | null; organisationName: string | null }) {
  if (r.organisationName && r.funderName) return `${r.organisationName} (${r.funderName})`;
  return r.organisationName ?? r.funderName ?? 'la plateforme';
}

const roleOf = (role: Role) => ({ role, roleLabel: ROLE_LABELS[role] ?? role });
const iso = (at: string | null) => (at ? new Date(at).toISOString() : null);

/**
 * The last sign-in: a session ends at sign-out or expiry and its row goes, so the journal's
 * `auth.sign_in` entries say it (a live session, the later if the two differ).
 */
const latest = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));

export async function lookUpAccount(db: Db, actor: Actor, rawEmail: string) {
  if (!isPlatformAdmin(actor)) throw forbidden();
  const email = normaliseEmail(rawEmail);
  return db.transaction(async (tx) => {
    const found = await repo.accountForHelpdesk(tx, email);
    const roles = found ? await repo.liveRolesForHelpdesk(tx, found.id) : [];
    const lastSignIn = found ? await audit.lastSignInOf(tx, found.id) : null;
    const invitations = await repo.invitationsForHelpdesk(tx, email);
    await audit.record(tx, {
      actor,
      funderId: null,
      action: 'account.lookup',
      objectType: 'user',
      objectId: found?.id ?? null,
      summary: { email, found: Boolean(found) },
    });
    return {
      email,
      account: found
        ? {
            displayName: found.displayName,
            createdAt: iso(found.createdAt)!,
            disabled: found.disabledAt !== null,
            disabledAt: iso(found.disabledAt),
            lastSessionAt: latest(iso(found.lastSessionAt), lastSignIn?.toISOString() ?? null),
            // Locked from some addresses (5 misses each), the others still open: said as such.
            lock:
              found.lockedFrom > 0 ? { addresses: found.lockedFrom, until: iso(found.lockedUntil)! } : null,
            roles: roles.map((r) => ({ ...roleOf(r.role), where: whereOf(r), since: iso(r.since)! })),
          }
        : null,
      invitations: invitations.map((i) => ({
        ...roleOf(i.role),
        where: whereOf(i),
        createdAt: iso(i.createdAt)!,
        expiresAt: iso(i.expiresAt)!,
        expired: i.expired,
      })),
    };
  });
}
