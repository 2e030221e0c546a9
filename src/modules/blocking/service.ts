import { conflict, DomainError } from '../../core/errors.js';
import { cancellationMovement } from '../../core/ledger.js';
import { type Actor, can, requireBlockable } from '../../core/permissions.js';
import type { Queryable } from '../../db/client.js';
import * as audit from '../audit/service.js';
import * as ledger from '../ledger/service.js';
import * as stock from '../stock/service.js';
import { serialOf } from '../stock/service.js';
import * as repo from './repo.js';

/** A prescriber's agent blocks only the booklets its organisation holds or handed out. */
const blocksOwnOnly = (actor: Actor) => actor.memberships.some((m) => m.role === 'prescriber_agent');

/**
 * A serial a prescriber may not block: unknown, or another organisation's (serials are
 * sequential: answered alike, so that neither is learnt), said without claiming that no booklet
 * bears it, which sent the agent to reread a cover rightly read.
 */
const notOurs = () =>
  new DomainError('not_found', 'Carnet introuvable.', [
    {
      field: 'serial',
      message:
        'Ce carnet n’est ni dans le stock de votre structure ni parmi les carnets qu’elle a remis. Vérifiez son numéro sur la couverture ; s’il est juste, il se bloque auprès de la structure qui l’a remis, ou du financeur.',
    },
  ]);

export async function block(db: Queryable, actor: Actor, rawSerial: string, reason: 'lost' | 'stolen') {
  const serial = serialOf(rawSerial, 'serial');
  return db.transaction(async (tx) => {
    const booklet = await stock.lockBooklet(tx, serial);
    const unknown = () => (blocksOwnOnly(actor) ? notOurs() : stock.unknownBooklet('serial'));
    if (!booklet) throw unknown();
    const prescriberId = await stock.prescriberOfBooklet(tx, booklet);
    requireBlockable(actor, { funderId: booklet.funderId, prescriberId }, unknown);
    // Which organisation blocked it, for whoever asks later « bloqué par qui ? »: the prescriber
    // whose agent did, or (no organisationId) the funder's staff or the operator.
    const byPrescriber = !can(actor, 'booklet:block', booklet.funderId) && prescriberId;
    if (booklet.status === 'blocked') {
      throw conflict('booklet_blocked', 'Ce carnet est déjà bloqué.', [
        { field: 'serial', message: 'Ce carnet est déjà bloqué.' },
      ]);
    }
    const cancelled = await repo.block(tx, booklet.id, reason);
    if (cancelled.value > 0) {
      await ledger.post(tx, booklet.funderId, booklet.programId, cancellationMovement(cancelled.value));
    }
    await audit.record(tx, {
      actor,
      funderId: booklet.funderId,
      action: 'booklet.block',
      objectType: 'booklet',
      objectId: serial,
      summary: {
        reason,
        previousStatus: booklet.status,
        cancelledPasses: cancelled.n,
        ...(byPrescriber ? { organisationId: prescriberId } : {}),
      },
    });
    return { serial: serial, status: 'blocked' as const, cancelledPasses: cancelled.n };
  });
}
